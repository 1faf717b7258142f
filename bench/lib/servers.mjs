/**
 * Processes under test: PostgreSQL (embedded by default, or DATABASE_URL), our api and the
 * Hocuspocus reference, each server in its own process wrapped by server-host.cjs so that it
 * reports its own CPU time and memory over IPC.
 */
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const pg = require('pg');

export const repoRoot = join(import.meta.dirname, '..', '..');
const hostScript = join(import.meta.dirname, 'server-host.cjs');
const CLOCK_TICKS = 100;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(address.port));
    });
  });
}

/**
 * One PostgreSQL for both servers, one dedicated schema dropped at the end. Embedded (in a temp
 * folder) unless DATABASE_URL is set.
 */
export async function providePostgres(log) {
  const schema = `bench_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  let url = process.env.DATABASE_URL;
  let stopEmbedded = async () => undefined;
  let dataDir = null;
  let postmasterPid = null;
  if (!url) {
    dataDir = await mkdtemp(join(tmpdir(), 'miroir-bench-'));
    await chmod(dataDir, 0o755);
    const { startEmbeddedPostgres } = require(join(repoRoot, 'dist/api/libs/api/db/src/embedded-postgres.js'));
    const handle = await startEmbeddedPostgres({ dataDir, database: 'miroir_bench', log: () => undefined, warn: log });
    url = handle.url;
    stopEmbedded = handle.stop;
    postmasterPid = Number.parseInt(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0], 10);
  }
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  await pool.query(`CREATE SCHEMA ${schema}`);
  return {
    url,
    schema,
    embedded: dataDir !== null,
    query: (sql, params) => pool.query(sql, params).then((result) => result.rows),
    /** CPU time (µs) of the embedded PostgreSQL's processes, null on an external server. */
    cpuMicros: () => (postmasterPid ? processTreeCpuMicros(postmasterPid) : null),
    async dispose() {
      try {
        await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await pool.end();
        await stopEmbedded();
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

function readStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) };
  } catch {
    return null;
  }
}

/** utime+stime (and reaped children's) of a process and its direct children, from /proc. */
function processTreeCpuMicros(rootPid) {
  let ticks = readStat(rootPid)?.ticks ?? 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat && stat.ppid === rootPid) ticks += stat.ticks;
  }
  return (ticks * 1e6) / CLOCK_TICKS;
}

async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

/** Live server processes, killed when the bench exits whatever the reason. */
const live = new Set();
process.on('exit', () => live.forEach((child) => child.kill('SIGKILL')));

/** A server process wrapped by server-host.cjs. */
class HostedServer {
  constructor(kind, child, url) {
    this.kind = kind;
    this.child = child;
    this.url = url;
    this.nextId = 0;
    this.pending = new Map();
    live.add(child);
    child.once('exit', () => live.delete(child));
    child.on('message', (message) => {
      if (message?.type !== 'stats') return;
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
    });
  }

  /** CPU (µs, user+system, all threads) and memory of the server process; full GC first when asked. */
  stats({ gc = false } = {}) {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.kind}: no stats reply`));
      }, 15_000);
      this.pending.set(id, (message) => {
        clearTimeout(timer);
        resolve({ cpuMicros: message.cpu.user + message.cpu.system, memory: message.memory, loop: message.loop, at: performance.now() });
      });
      this.child.send({ type: 'stats', id, gc });
    });
  }

  async stop() {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

function spawnHosted(entry, env) {
  return fork(hostScript, [entry], {
    cwd: repoRoot,
    env,
    // BENCH_CPU_PROF=<dir>: each server writes a V8 CPU profile there when it exits (see README).
    execArgv: ['--expose-gc', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

/** Our api, built in dist/api, on the bench's PostgreSQL schema. */
export async function startOurs(database, extraEnv = {}) {
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    DATABASE_SCHEMA: database.schema,
    SEED_DEMO: '1',
    ...extraEnv,
  };
  const child = spawnHosted(join(repoRoot, 'dist/api/apps/api/src/main.js'), env);
  const url = `http://127.0.0.1:${port}`;
  const server = new HostedServer('ours', child, url);
  try {
    await waitForHttp(`${url}/api/health`, child, 60_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** The Hocuspocus 3.4.4 reference, storing into the same PostgreSQL. */
export async function startReference(database) {
  const port = await freePort();
  const env = { ...process.env, NODE_ENV: 'production', PORT: String(port), DATABASE_URL: database.url, BENCH_SCHEMA: database.schema };
  const child = spawnHosted(join(repoRoot, 'bench/reference/hocuspocus-server.mjs'), env);
  const server = new HostedServer('hocuspocus', child, `ws://127.0.0.1:${port}`);
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, child, 30_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function login(url, email) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'miroir-demo' }),
  });
  if (!response.ok) throw new Error(`login ${email}: HTTP ${response.status}`);
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('miroir_session='));
  if (!cookie) throw new Error(`login ${email}: no session cookie`);
  return cookie.split(';')[0];
}

/** Session cookies of the demo accounts that may edit proposals. */
export async function ourSessions(url) {
  const emails = ['admin@miroir.test', 'moderation@miroir.test', 'membre1@miroir.test', 'membre2@miroir.test', 'membre3@miroir.test'];
  return Promise.all(emails.map((email) => login(url, email)));
}

/** Creates `count` axes in the demo plan (as moderator) and returns their proposal documents. */
export async function createAxisDocuments(url, moderatorCookie, count, label) {
  const headers = { cookie: moderatorCookie, 'content-type': 'application/json' };
  const plans = await (await fetch(`${url}/api/plans`, { headers })).json();
  if (!Array.isArray(plans) || plans.length === 0) throw new Error('no plan visible to the moderator');
  const planId = plans[0].id;
  const names = [];
  for (let index = 0; index < count; index += 1) {
    const response = await fetch(`${url}/api/plans/${planId}/axes`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: `bench ${label} ${index}` }),
    });
    if (!response.ok) throw new Error(`create axis: HTTP ${response.status} ${await response.text()}`);
    names.push(`axis:${(await response.json()).id}:proposal`);
  }
  return names;
}
