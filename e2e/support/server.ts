import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export interface RunningServer {
  url: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const repoRoot = join(__dirname, '..', '..');

export function buildApp(): void {
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=api,web', '--outputStyle=static'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_INTERACTIVE: 'false' },
  });
  if (result.status !== 0) throw new Error('build failed');
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms`);
}

export interface ServerStorage {
  dataDir: string;
  /** Schema on the DATABASE_URL server, when one is set. */
  schema: string;
}

/** A data folder (embedded PostgreSQL) or a schema (DATABASE_URL) that outlives server processes. */
export async function createStorage(): Promise<ServerStorage & { dispose(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'miroir-e2e-'));
  await chmod(dataDir, 0o755);
  const schema = `e2e_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  if (process.env['DATABASE_URL']) await onServer(`CREATE SCHEMA ${schema}`);
  return {
    dataDir,
    schema,
    async dispose() {
      if (process.env['DATABASE_URL']) await onServer(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: process.env['DATABASE_URL'] });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Starts the built app as `npm start` would: on an embedded PostgreSQL kept in the storage's
 * folder, or, with DATABASE_URL set, on that server in the storage's schema, seeded with the demo.
 */
export async function startServer(storage: ServerStorage): Promise<RunningServer> {
  const port = await freePort();
  // Every browser of the run signs in from 127.0.0.1 with the same few demo accounts: the login
  // rate limit (tested in the integration suite) would refuse them past 10 a minute.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: storage.dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1', LOGIN_RATE_LIMIT: '1000' };
  if (process.env['DATABASE_URL']) Object.assign(env, { DATABASE_SCHEMA: storage.schema, SEED_DEMO: '1' });
  const child = spawn(process.execPath, ['dist/api/apps/api/src/main.js'], { cwd: repoRoot, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, 60_000);
  return {
    url,
    process: child,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill(signal);
        await exited;
      }
    },
  };
}

/** The session cookie of a demo account on a running server, for headless clients. */
export async function sessionCookie(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'miroir-demo' }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${email} answered ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
