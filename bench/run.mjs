/**
 * `npm run bench`: our api against a Hocuspocus 3.4.4 reference on the same PostgreSQL, same
 * machine, same client workload code. Builds the api, starts PostgreSQL (embedded in a temp
 * folder, or DATABASE_URL in a dedicated schema), then alternates rounds — ours, reference,
 * ours, reference… — each round a fresh server process running W3, W1, (ack), W5, W2, W4.
 * Prints one table of medians and writes everything to bench/results/<timestamp>.json.
 *
 * Knobs (environment): BENCH_ROUNDS (3), BENCH_SKIP_BUILD=1, BENCH_ONLY=w1,w2,w3,w4,w5,ack,
 * BENCH_W2_CLIENTS (250), BENCH_W3_CONNECTIONS (500), BENCH_W4_EDITS (100000).
 * See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { clientFactory } from './lib/adapters.mjs';
import {
  createAxisDocuments,
  ourSessions,
  providePostgres,
  repoRoot,
  sleep,
  startOurs,
  startReference,
} from './lib/servers.mjs';
import { median, round } from './lib/stats.mjs';
import { ackLatency, buildColdDocument, w1Typing, w2HotDocument, w3IdleMemory, w4ColdLoad, w5ReconnectStorm } from './lib/workloads.mjs';

const env = process.env;
const ROUNDS = Math.max(1, Math.min(10, Number(env.BENCH_ROUNDS ?? 3)));
const ONLY = new Set((env.BENCH_ONLY ?? 'w3,w1,ack,w5,w2,w4').split(',').map((item) => item.trim().toLowerCase()));
const W2_CLIENTS = Number(env.BENCH_W2_CLIENTS ?? 250);
const W2_RATES = [25, 50, 100, 200, 400, 800];
const W3_CONNECTIONS = Number(env.BENCH_W3_CONNECTIONS ?? 500);
const W3_DOCUMENTS = 50;
const W4_EDITS = Number(env.BENCH_W4_EDITS ?? 100_000);
const W5 = { clients: 500, documents: 50, offlineMs: 1_000 };
/** Ours unloads an idle document after COLLAB_UNLOAD_DELAY_MS (30 s by default): shortened so that W3/W4 can see it. */
const OUR_ENV = { COLLAB_UNLOAD_DELAY_MS: '2000' };
const SETTLE_MS = 2_500;
const TOTAL_BUDGET_MS = 20 * 60_000;

const log = (message) => console.log(message);

function build() {
  if (env.BENCH_SKIP_BUILD === '1') return log('build skipped (BENCH_SKIP_BUILD=1)');
  log('building the api (nx run-many -t build --projects=api)…');
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=api', '--outputStyle=static'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...env, NODE_ENV: 'production', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_INTERACTIVE: 'false' },
  });
  if (result.status !== 0) throw new Error('api build failed');
}

/** Documents per workload, allocated fresh for every run so that no run inherits content. */
function axesPerOurRound() {
  let count = 0;
  if (ONLY.has('w3')) count += W3_DOCUMENTS;
  if (ONLY.has('w1')) count += 5;
  if (ONLY.has('ack')) count += 5;
  if (ONLY.has('w5')) count += W5.documents;
  if (ONLY.has('w2')) count += 1;
  if (ONLY.has('w4')) count += 1;
  return count;
}

function storageQueries(kind, database) {
  const schema = database.schema;
  if (kind === 'ours') {
    return {
      storedDocuments: async (names) =>
        Number(
          (
            await database.query(
              `SELECT count(*) AS n FROM ${schema}.collab_documents d WHERE d.name = ANY($1)
                 AND NOT EXISTS (SELECT 1 FROM ${schema}.collab_updates u WHERE u.document = d.name)`,
              [names],
            )
          )[0].n,
        ),
      isColdStored: async (name, bytes) => {
        const [row] = await database.query(
          `SELECT length(d.snapshot) AS size, (SELECT count(*) FROM ${schema}.collab_updates u WHERE u.document = d.name) AS tail
             FROM ${schema}.collab_documents d WHERE d.name = $1`,
          [name],
        );
        return Boolean(row) && Number(row.tail) === 0 && Number(row.size) >= bytes * 0.98;
      },
    };
  }
  return {
    storedDocuments: async (names) =>
      Number((await database.query(`SELECT count(*) AS n FROM ${schema}.bench_hocuspocus_documents WHERE name = ANY($1)`, [names]))[0].n),
    isColdStored: async (name, bytes) => {
      const [row] = await database.query(`SELECT length(data) AS size FROM ${schema}.bench_hocuspocus_documents WHERE name = $1`, [name]);
      return Boolean(row) && Number(row.size) >= bytes * 0.98;
    },
  };
}

async function runRound(kind, round, database, cold, deadline) {
  const server = kind === 'ours' ? await startOurs(database, OUR_ENV) : await startReference(database);
  const results = {};
  try {
    let cookies = [];
    let pool = [];
    if (kind === 'ours') {
      cookies = await ourSessions(server.url);
      pool = await createAxisDocuments(server.url, cookies[1], axesPerOurRound(), `r${round}`);
    }
    let counter = 0;
    const allocate = (count) =>
      kind === 'ours'
        ? pool.splice(0, count)
        : Array.from({ length: count }, () => `bench-r${round}-${(counter += 1)}`);
    const ctx = {
      kind,
      server,
      database,
      log,
      allocate,
      makeClient: clientFactory(kind, server, cookies),
      ...storageQueries(kind, database),
    };
    const steps = [
      ['w3', () => w3IdleMemory(ctx, { connections: W3_CONNECTIONS, documents: W3_DOCUMENTS, unloadWaitMs: 4_500 })],
      ['w1', () => w1Typing(ctx)],
      ['ack', () => (kind === 'ours' ? ackLatency(ctx) : null)],
      ['w5', () => w5ReconnectStorm(ctx, W5)],
      ['w2', () => w2HotDocument(ctx, { clients: W2_CLIENTS, rates: W2_RATES, stepMs: 3_000 })],
      ['w4', () => w4ColdLoad(ctx, cold)],
    ];
    for (const [name, run] of steps) {
      if (!ONLY.has(name)) continue;
      if (Date.now() > deadline) {
        log(`  ${name}: skipped, time budget exhausted`);
        continue;
      }
      const started = Date.now();
      const loadBefore = loadavg()[0];
      try {
        const result = await run();
        if (result) {
          results[name] = { ...result, loadavgBefore: loadBefore, loadavgAfter: loadavg()[0] };
          log(`  ${kind} round ${round} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s): ${summarise(name, result)}`);
        }
      } catch (error) {
        results[name] = { error: String(error?.stack ?? error) };
        log(`  ${kind} round ${round} ${name} FAILED: ${String(error)}`);
      }
      await sleep(SETTLE_MS);
    }
  } finally {
    await server.stop();
  }
  return results;
}

function summarise(name, result) {
  const r = (value, digits = 1) => round(value, digits);
  switch (name) {
    case 'w1':
      return `p50 ${r(result.p50, 2)} ms, p99 ${r(result.p99, 2)} ms, ${result.deliveries}/${result.expectedDeliveries} deliveries, ${r(result.serverCpuPerDeliveryUs)} µs/delivery`;
    case 'ack':
      return `ack p50 ${r(result.ackP50, 2)} ms, p99 ${r(result.ackP99, 2)} ms (${result.acks} acks, ${result.ackFailures} refused or timed out); peer p50 ${r(result.p50, 2)} p99 ${r(result.p99, 2)} ms`;
    case 'w2':
      return `saturation at ${result.saturationRate} edits/s: ${Math.round(result.deliveriesPerSecond)} deliveries/s, ${r(result.serverCpuPerDeliveryUs)} µs/delivery`;
    case 'w3':
      return `heap/conn ${r(result.heapPerConnectionKB, 2)} KB, rss/conn ${r(result.rssPerConnectionKB, 2)} KB, heap/doc ${r(result.heapPerDocumentKB, 2)} KB, unloaded ${result.unloaded} (retained ${r(result.heapRetainedAfterLeaveKB)} KB, stored ${result.storedAfterLeave})`;
    case 'w4':
      return `cold load ${r(result.loadMs)} ms, complete ${result.complete}, persisted ${result.persisted}`;
    case 'w5':
      return `synced in ${r(result.syncedMs)} ms${result.savedMs ? `, all acknowledged in ${r(result.savedMs)} ms` : ''}, lost ${result.lost}, duplicated ${result.duplicated}, divergent ${result.divergent}`;
    default:
      return JSON.stringify(result);
  }
}

/** The summary table: medians over runs, ratio ours / Hocuspocus, target and verdict. */
function buildTable(runs) {
  const values = (kind, workload, field) => runs[kind].map((round) => round[workload]?.[field]).filter((value) => value !== undefined && value !== null);
  const med = (kind, workload, field) => median(values(kind, workload, field));
  const rows = [];
  const ratioRow = (label, workload, field, target, compare, digits = 2) => {
    const ours = med('ours', workload, field);
    const reference = med('hocuspocus', workload, field);
    const ratio = ours !== null && reference ? ours / reference : null;
    rows.push({
      metric: label,
      ours: round(ours, digits),
      hocuspocus: round(reference, digits),
      ratio: round(ratio, 2),
      target,
      pass: ratio === null ? null : compare(ratio),
      runs: `${values('ours', workload, field).length}/${values('hocuspocus', workload, field).length}`,
    });
  };
  const infoRow = (label, workload, field, digits = 2) => ratioRow(label, workload, field, 'info', () => null, digits);
  if (ONLY.has('w1')) {
    ratioRow('W1 typing: edit→peer p50 (ms)', 'w1', 'p50', '≤ 1.0×', (ratio) => ratio <= 1.0);
    ratioRow('W1 typing: edit→peer p99 (ms)', 'w1', 'p99', '≤ 1.0×', (ratio) => ratio <= 1.0);
    infoRow('W1 server CPU per delivery (µs)', 'w1', 'serverCpuPerDeliveryUs', 1);
    infoRow('W1 PostgreSQL CPU (ms, embedded only)', 'w1', 'pgCpuMs', 0);
  }
  if (ONLY.has('w2')) {
    ratioRow(`W2 hot doc (${W2_CLIENTS} clients): server CPU per delivery at saturation (µs)`, 'w2', 'serverCpuPerDeliveryUs', '≤ 1.0×', (ratio) => ratio <= 1.0, 1);
    ratioRow('W2 hot doc: deliveries/s at saturation', 'w2', 'deliveriesPerSecond', '≥ 1.0×', (ratio) => ratio >= 1.0, 0);
    infoRow('W2 saturation step (edits/s)', 'w2', 'saturationRate', 0);
    infoRow(`W2 server CPU per delivery at ${W2_RATES[0]} edits/s, both keep up (µs)`, 'w2', 'cpuPerDeliveryFirstStepUs', 1);
    infoRow('W2 load-generator CPU ÷ server CPU at saturation', 'w2', 'benchToServerCpuAtSaturation', 1);
    infoRow('W2 server+PostgreSQL CPU per delivery at saturation (µs)', 'w2', 'serverAndPgCpuPerDeliveryUs', 1);
  }
  if (ONLY.has('w3')) {
    ratioRow(`W3 idle (${W3_CONNECTIONS} conns / ${W3_DOCUMENTS} docs): heap per connection (KB)`, 'w3', 'heapPerConnectionKB', '≤ 1.2×', (ratio) => ratio <= 1.2);
    infoRow('W3 RSS per connection (KB)', 'w3', 'rssPerConnectionKB');
    infoRow('W3 heap per loaded document (KB)', 'w3', 'heapPerDocumentKB');
    infoRow('W3 heap retained after all left (KB)', 'w3', 'heapRetainedAfterLeaveKB', 0);
    const unloaded = (kind) => (runs[kind].length ? runs[kind].every((round) => round.w3?.unloaded === true) : null);
    rows.push({ metric: 'W3 idle documents unloaded', ours: unloaded('ours'), hocuspocus: unloaded('hocuspocus'), ratio: null, target: 'yes', pass: unloaded('ours') });
  }
  if (ONLY.has('w4')) {
    const ours = med('ours', 'w4', 'loadMs');
    rows.push({
      metric: `W4 cold load, ${W4_EDITS} edits, from PostgreSQL (ms)`,
      ours: round(ours, 0),
      hocuspocus: round(med('hocuspocus', 'w4', 'loadMs'), 0),
      ratio: ours !== null && med('hocuspocus', 'w4', 'loadMs') ? round(ours / med('hocuspocus', 'w4', 'loadMs'), 2) : null,
      target: '≤ 200 ms',
      pass: ours === null ? null : ours <= 200,
      runs: `${values('ours', 'w4', 'loadMs').length}/${values('hocuspocus', 'w4', 'loadMs').length}`,
    });
  }
  if (ONLY.has('w5')) {
    ratioRow(`W5 reconnect storm (${W5.clients} clients / ${W5.documents} docs): all synced (ms)`, 'w5', 'syncedMs', '≤ 1.0×', (ratio) => ratio <= 1.0, 0);
    infoRow('W5 ours: all acknowledged (committed) (ms)', 'w5', 'savedMs', 0);
    const lost = (kind) => (runs[kind].length ? runs[kind].reduce((sum, round) => sum + (round.w5?.lost ?? 0) + (round.w5?.divergent ?? 0) + (round.w5?.error ? 1 : 0), 0) : null);
    rows.push({ metric: 'W5 lost or divergent edits (all runs)', ours: lost('ours'), hocuspocus: lost('hocuspocus'), ratio: null, target: '0', pass: lost('ours') === 0 });
  }
  if (ONLY.has('ack')) {
    const p50 = med('ours', 'ack', 'ackP50');
    const p99 = med('ours', 'ack', 'ackP99');
    rows.push({ metric: 'Ack (commit) latency p50 at 1,000 edits/s (ms)', ours: round(p50, 2), hocuspocus: null, ratio: null, target: 'info', pass: null });
    rows.push({ metric: 'Ack (commit) latency p99 at 1,000 edits/s (ms)', ours: round(p99, 2), hocuspocus: null, ratio: null, target: '≤ 50 ms', pass: p99 === null ? null : p99 <= 50 });
    rows.push({ metric: 'Ack: updates refused or unacknowledged in 10 s (all runs)', ours: runs.ours.reduce((sum, round) => sum + (round.ack?.ackFailures ?? 0), 0), hocuspocus: null, ratio: null, target: 'info', pass: null });
    rows.push({ metric: 'Edit→peer p99 at 1,000 edits/s (ms)', ours: round(med('ours', 'ack', 'p99'), 2), hocuspocus: null, ratio: null, target: 'info', pass: null });
  }
  return rows;
}

function formatTable(rows) {
  const header = ['workload / metric', 'ours', 'Hocuspocus', 'ratio', 'target', 'pass?'];
  const cell = (value) => (value === null || value === undefined ? '—' : value === true ? 'yes' : value === false ? 'NO' : String(value));
  const lines = rows.map((row) => [row.metric, cell(row.ours), cell(row.hocuspocus), row.ratio === null ? '—' : `${row.ratio}×`, row.target, row.target === 'info' ? '' : cell(row.pass)]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (line) => `| ${line.map((value, column) => value.padEnd(widths[column])).join(' | ')} |`;
  return [format(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...lines.map(format)].join('\n');
}

async function main() {
  const startedAt = new Date();
  const deadline = Date.now() + TOTAL_BUDGET_MS;
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, totalMemGB: round(totalmem() / 2 ** 30, 1), node: process.version, loadavgAtStart: loadavg() };
  log(`Miroir bench — ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, load average ${machine.loadavgAtStart.map((value) => value.toFixed(2)).join(' ')}`);
  build();
  let cold = null;
  if (ONLY.has('w4')) {
    log(`building the W4 document offline (${W4_EDITS} edits)…`);
    const started = performance.now();
    cold = buildColdDocument({ edits: W4_EDITS, batchCount: 20 });
    log(`  ${cold.batches.length} batches, state ${(cold.stateBytes / 2 ** 20).toFixed(2)} MB, built in ${Math.round(performance.now() - started)} ms; applying it to an empty Y.Doc takes ${Math.round(cold.clientApplyMs)} ms here`);
  }
  const database = await providePostgres(log);
  log(`PostgreSQL: ${database.embedded ? 'embedded (temp folder)' : 'DATABASE_URL'}, schema ${database.schema}`);
  const interrupted = async () => {
    log('interrupted: stopping servers and PostgreSQL');
    await database.dispose().catch(() => undefined);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const runs = { ours: [], hocuspocus: [] };
  const loadSamples = [];
  const sampler = setInterval(() => loadSamples.push(loadavg()[0]), 5_000);
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const kind of ['ours', 'hocuspocus']) {
        log(`— round ${round}/${ROUNDS}: ${kind}`);
        runs[kind].push(await runRound(kind, round, database, cold, deadline));
      }
    }
  } finally {
    clearInterval(sampler);
    await database.dispose().catch((error) => log(`could not clean PostgreSQL up: ${String(error)}`));
  }
  machine.loadavgAtEnd = loadavg();
  machine.loadavgDuringMax = round(Math.max(...loadSamples, 0), 2);
  machine.loadavgDuringMedian = round(median(loadSamples), 2);
  const rows = buildTable(runs);
  const table = formatTable(rows);
  log(`\nMedians over ${ROUNDS} alternating rounds (ours, Hocuspocus, ours, …):\n`);
  log(table);
  log(
    `\nMachine: ${machine.cpus} CPUs; load average before ${machine.loadavgAtStart[0].toFixed(2)}, during median ${machine.loadavgDuringMedian} / max ${machine.loadavgDuringMax}, after ${machine.loadavgAtEnd[0].toFixed(2)}` +
      ` (the bench's own clients and PostgreSQL share these cores).`,
  );
  const resultsDir = join(repoRoot, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  const coldInfo = cold ? { edits: W4_EDITS, batches: cold.batches.length, stateBytes: cold.stateBytes, clientApplyMs: cold.clientApplyMs } : null;
  writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        machine,
        rounds: ROUNDS,
        settings: { W2_CLIENTS, W2_RATES, W3_CONNECTIONS, W3_DOCUMENTS, W4_EDITS, W5, OUR_ENV, postgres: database.embedded ? 'embedded' : 'DATABASE_URL' },
        cold: coldInfo,
        table: rows,
        runs,
      },
      null,
      1,
    ),
  );
  log(`\nwritten to ${file}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
