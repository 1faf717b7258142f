import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export interface RunningServer {
  url: string;
  process: ChildProcess;
  cleanup(): Promise<void>;
}

const repoRoot = join(__dirname, '..', '..');

export function buildApp(): void {
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=api,web', '--outputStyle=static'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_INTERACTIVE: 'false' },
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

/**
 * Starts the built app as `npm start` would: on an embedded PostgreSQL in a temporary folder,
 * or, with DATABASE_URL set, on that server in a fresh schema seeded with the demo.
 */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'miroir-e2e-'));
  await chmod(dataDir, 0o755);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
  const schema = `e2e_${Date.now().toString(36)}`;
  if (process.env['DATABASE_URL']) {
    const client = new Client({ connectionString: process.env['DATABASE_URL'] });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    Object.assign(env, { DATABASE_SCHEMA: schema, SEED_DEMO: '1' });
  }
  const child = spawn(process.execPath, ['dist/api/apps/api/src/main.js'], { cwd: repoRoot, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, 60_000);
  return {
    url,
    process: child,
    async cleanup() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      if (process.env['DATABASE_URL']) {
        const client = new Client({ connectionString: process.env['DATABASE_URL'] });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
