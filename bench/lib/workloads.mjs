/**
 * The workloads, written once against the adapter interface (adapters.mjs) and run unchanged
 * against both servers. Every edit inserts a token `[client.seq]` at the end of the Y.Text
 * `bench`; each peer parses the tokens out of the deltas it observes, which gives the
 * edit-to-peer latency of every delivery and a content check (nothing lost, nothing doubled).
 * Every loop is bounded in count and in time.
 */
import { loadavg } from 'node:os';
import { Y, withTimeout } from './adapters.mjs';
import { sleep } from './servers.mjs';
import { percentile, prng } from './stats.mjs';

const TOKEN = /\[(\d+\.\d+)\]/g;
const CONNECT_PARALLELISM = 25;

/** Counts what peers receive and the latency of each delivery. */
class Tracker {
  constructor() {
    this.sent = new Map();
    this.latencies = [];
    this.deliveries = 0;
    this.messages = 0;
    this.recording = false;
  }

  reset() {
    this.latencies = [];
    this.deliveries = 0;
    this.messages = 0;
  }
}

/** One simulated user: a client, its Y.Doc on one document, the tokens it has seen. */
class Member {
  constructor(index, name, client, tracker) {
    this.index = index;
    this.name = name;
    this.client = client;
    this.tracker = tracker;
    this.doc = new Y.Doc();
    this.text = this.doc.getText('bench');
    this.seq = 0;
    this.tokens = 0;
    this.text.observe((event) => {
      if (event.transaction.local) return;
      const now = performance.now();
      for (const op of event.delta) {
        if (typeof op.insert !== 'string') continue;
        for (const match of op.insert.matchAll(TOKEN)) {
          this.tokens += 1;
          tracker.deliveries += 1;
          const sentAt = tracker.recording ? tracker.sent.get(match[1]) : undefined;
          if (sentAt !== undefined) tracker.latencies.push(now - sentAt);
        }
      }
    });
    this.doc.on('update', (_update, _origin, _doc, transaction) => {
      if (!transaction.local) tracker.messages += 1;
    });
  }

  edit() {
    this.seq += 1;
    const id = `${this.index}.${this.seq}`;
    if (this.tracker.recording) this.tracker.sent.set(id, performance.now());
    this.text.insert(this.text.length, `[${id}]`);
    this.tokens += 1;
    return id;
  }
}

/** Connects one member per entry of `names` (the document each one edits), a few at a time. */
async function connectMembers(ctx, names, tracker, firstIndex = 0) {
  const members = [];
  for (let start = 0; start < names.length; start += CONNECT_PARALLELISM) {
    const batch = names.slice(start, start + CONNECT_PARALLELISM).map(async (name, offset) => {
      const index = firstIndex + start + offset;
      const client = ctx.makeClient(index);
      const member = new Member(index, name, client, tracker);
      members.push(member);
      await client.connected();
      await client.open(name, member.doc);
    });
    await Promise.all(batch);
  }
  return members;
}

function closeMembers(members) {
  for (const member of members) {
    try {
      member.client.close();
    } catch {
      // already closed
    }
  }
}

async function waitUntil(predicate, timeoutMs, intervalMs = 20) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (predicate()) return true;
    await sleep(intervalMs);
  }
  return predicate();
}

/** Edits at `rate` per second in total, picking members at random, for `durationMs`. */
async function drive(members, rate, durationMs, seed) {
  const random = prng(seed);
  const total = Math.floor((rate * durationMs) / 1000);
  const started = performance.now();
  let done = 0;
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      const due = Math.min(total, Math.floor((elapsed * rate) / 1000));
      for (; done < due; done += 1) members[Math.floor(random() * members.length)].edit();
      if (done >= total || elapsed > durationMs * 3) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  return { edits: done, ms: performance.now() - started };
}

/** Server CPU (and embedded PostgreSQL CPU) between two points. */
async function meter(ctx) {
  const [stats, pgMicros, benchCpu] = [await ctx.server.stats(), ctx.database.cpuMicros(), process.cpuUsage()];
  return {
    stats,
    pgMicros,
    benchMicros: benchCpu.user + benchCpu.system,
    since(before) {
      return {
        serverCpuMs: (stats.cpuMicros - before.stats.cpuMicros) / 1000,
        pgCpuMs: pgMicros !== null && before.pgMicros !== null ? (pgMicros - before.pgMicros) / 1000 : null,
        benchCpuMs: (this.benchMicros - before.benchMicros) / 1000,
        wallMs: stats.at - before.stats.at,
        serverLoopDelayP99Ms: stats.loop.p99,
        serverLoopDelayMaxMs: stats.loop.max,
        loadavg1: loadavg()[0],
      };
    },
  };
}

function peers(names) {
  const perDoc = new Map();
  names.forEach((name) => perDoc.set(name, (perDoc.get(name) ?? 0) + 1));
  return perDoc;
}

/** W1 and the ack workload: clients on a few documents, a steady edit rate, latencies. */
async function steadyTyping(ctx, { clients, documents, rate, durationMs, seed, acks }) {
  const docNames = ctx.allocate(documents);
  const names = Array.from({ length: clients }, (_, index) => docNames[index % documents]);
  const tracker = new Tracker();
  const members = await connectMembers(ctx, names, tracker);
  const ackLatencies = [];
  let ackFailures = 0;
  try {
    if (acks) {
      members.forEach((member) =>
        member.client.onAck((ms) => {
          if (!tracker.recording) return;
          if (ms === null) ackFailures += 1;
          // An update never acknowledged counts as the client's 10 s timeout in the percentiles.
          ackLatencies.push(ms ?? 10_000);
        }),
      );
    }
    await sleep(500);
    const before = await meter(ctx);
    tracker.recording = true;
    const { edits } = await drive(members, rate, durationMs, seed);
    const perDoc = peers(names);
    const expected = (edits * [...perDoc.values()].reduce((sum, count) => sum + count - 1, 0)) / perDoc.size;
    await waitUntil(() => tracker.deliveries >= expected, 10_000);
    if (acks) await withTimeout(Promise.all(members.map((member) => member.client.whenSaved())), 20_000, 'acks').catch(() => undefined);
    tracker.recording = false;
    const usage = (await meter(ctx)).since(before);
    return {
      edits,
      deliveries: tracker.deliveries,
      expectedDeliveries: Math.round(expected),
      p50: percentile(tracker.latencies, 50),
      p99: percentile(tracker.latencies, 99),
      ackP50: acks ? percentile(ackLatencies, 50) : undefined,
      ackP99: acks ? percentile(ackLatencies, 99) : undefined,
      acks: acks ? ackLatencies.length : undefined,
      ackFailures: acks ? ackFailures : undefined,
      serverCpuPerDeliveryUs: (usage.serverCpuMs * 1000) / Math.max(1, tracker.deliveries),
      ...usage,
    };
  } finally {
    closeMembers(members);
  }
}

export function w1Typing(ctx) {
  return steadyTyping(ctx, { clients: 50, documents: 5, rate: 100, durationMs: 10_000, seed: 1 });
}

export function ackLatency(ctx) {
  return steadyTyping(ctx, { clients: 50, documents: 5, rate: 1_000, durationMs: 10_000, seed: 2, acks: true });
}

/** W2: many clients on one document, edit rate raised step by step until deliveries stop keeping up. */
export async function w2HotDocument(ctx, { clients, rates, stepMs }) {
  const [name] = ctx.allocate(1);
  const tracker = new Tracker();
  const members = await connectMembers(
    ctx,
    Array.from({ length: clients }, () => name),
    tracker,
  );
  const steps = [];
  try {
    await sleep(1_000);
    for (const [stepIndex, rate] of rates.entries()) {
      tracker.reset();
      const before = await meter(ctx);
      tracker.recording = true;
      const { edits, ms } = await drive(members, rate, stepMs, 10 + stepIndex);
      const inWindow = tracker.deliveries;
      const expected = edits * (clients - 1);
      const drained = await waitUntil(() => tracker.deliveries >= expected, 8_000);
      tracker.recording = false;
      const usage = (await meter(ctx)).since(before);
      const step = {
        rate,
        edits,
        expected,
        delivered: tracker.deliveries,
        messages: tracker.messages,
        deliveriesPerSecond: inWindow / (ms / 1000),
        completionInWindow: inWindow / expected,
        drained,
        p50: percentile(tracker.latencies, 50),
        p99: percentile(tracker.latencies, 99),
        serverCpuPerDeliveryUs: (usage.serverCpuMs * 1000) / Math.max(1, tracker.deliveries),
        serverAndPgCpuPerDeliveryUs: usage.pgCpuMs === null ? null : ((usage.serverCpuMs + usage.pgCpuMs) * 1000) / Math.max(1, tracker.deliveries),
        ...usage,
      };
      steps.push(step);
      ctx.log(
        `    W2 ${rate} edits/s: ${Math.round(step.deliveriesPerSecond)} deliveries/s in window (${Math.round(step.completionInWindow * 100)} %), ` +
          `${step.serverCpuPerDeliveryUs.toFixed(1)} µs/delivery, p99 ${Math.round(step.p99 ?? 0)} ms, server CPU ${Math.round(usage.serverCpuMs)} ms / ${Math.round(usage.wallMs)} ms`,
      );
      // Saturated: deliveries fell behind the edits, or the backlog did not even drain.
      if (!drained || step.completionInWindow < 0.8) break;
      await sleep(500);
    }
  } finally {
    closeMembers(members);
  }
  const saturation = steps.reduce((best, step) => (step.deliveriesPerSecond > best.deliveriesPerSecond ? step : best), steps[0]);

  return {
    clients,
    steps,
    saturationRate: saturation.rate,
    deliveriesPerSecond: saturation.deliveriesPerSecond,
    serverCpuPerDeliveryUs: saturation.serverCpuPerDeliveryUs,
    serverAndPgCpuPerDeliveryUs: saturation.serverAndPgCpuPerDeliveryUs,
    // The first (lowest) step, where both servers keep up: the like-for-like server cost.
    cpuPerDeliveryFirstStepUs: steps[0].serverCpuPerDeliveryUs,
    // Above ~1, the bench's clients, not the server, are what saturates.
    benchToServerCpuAtSaturation: saturation.benchCpuMs / Math.max(1, saturation.serverCpuMs),
  };
}

/**
 * W3: memory of idle connections. Phase A opens `documents` documents with one connection each
 * (and one edit, so that each document has something to store); phase B adds the remaining
 * connections on the same documents. Per connection = B's growth / its connections; per document
 * = A's growth / documents − one connection. Then everyone leaves: are the documents unloaded?
 */
export async function w3IdleMemory(ctx, { connections, documents, unloadWaitMs }) {
  const docNames = ctx.allocate(documents);
  const tracker = new Tracker();
  let members = [];
  try {
    const base = await ctx.server.stats({ gc: true });
    members = await connectMembers(ctx, docNames, tracker);
    members.forEach((member) => member.edit());
    await withTimeout(Promise.all(members.map((member) => member.client.whenSaved())), 20_000, 'W3 saves');
    await sleep(1_000);
    const phaseA = await ctx.server.stats({ gc: true });
    const extra = Array.from({ length: connections - documents }, (_, index) => docNames[index % documents]);
    members.push(...(await connectMembers(ctx, extra, tracker, documents)));
    await sleep(2_000);
    const phaseB = await ctx.server.stats({ gc: true });
    closeMembers(members);
    members = [];
    await sleep(unloadWaitMs);
    const after = await ctx.server.stats({ gc: true });
    const heapPerConnection = (phaseB.memory.heapUsed - phaseA.memory.heapUsed) / (connections - documents);
    const rssPerConnection = (phaseB.memory.rss - phaseA.memory.rss) / (connections - documents);
    const heapPerDocument = (phaseA.memory.heapUsed - base.memory.heapUsed) / documents - heapPerConnection;
    const loadedGrowth = phaseB.memory.heapUsed - base.memory.heapUsed;
    const retained = after.memory.heapUsed - base.memory.heapUsed;
    const stored = await ctx.storedDocuments(docNames);
    return {
      connections,
      documents,
      heapPerConnectionKB: heapPerConnection / 1024,
      rssPerConnectionKB: rssPerConnection / 1024,
      heapPerDocumentKB: heapPerDocument / 1024,
      heapLoadedMB: loadedGrowth / 2 ** 20,
      heapRetainedAfterLeaveKB: retained / 1024,
      storedAfterLeave: stored,
      // Unloaded (heuristic, see README): every document was written back and most of the heap
      // they and their connections took was freed.
      unloaded: retained < loadedGrowth * 0.5 && stored === documents,
    };
  } finally {
    closeMembers(members);
  }
}

/**
 * W4: a document of many small edits, pushed in batches through the normal client, written back
 * and unloaded by the server, then joined by a fresh client: time from join to full sync.
 */
export async function w4ColdLoad(ctx, cold) {
  const [name] = ctx.allocate(1);
  const pusher = ctx.makeClient(0);
  const pushDoc = new Y.Doc();
  try {
    await pusher.connected();
    await pusher.open(name, pushDoc);
    for (const batch of cold.batches) {
      Y.applyUpdate(pushDoc, batch, 'bench-load');
      await withTimeout(pusher.whenSaved(), 30_000, 'W4 push');
    }
  } finally {
    pusher.close();
  }
  const persisted = await waitUntilAsync(() => ctx.isColdStored(name, cold.stateBytes), 60_000);
  await sleep(1_000);
  const reader = ctx.makeClient(1);
  const doc = new Y.Doc();
  try {
    await reader.connected();
    const before = await meter(ctx);
    const started = performance.now();
    await reader.open(name, doc);
    const loadMs = performance.now() - started;
    const usage = (await meter(ctx)).since(before);
    const length = doc.getText('bench').length;
    return { loadMs, persisted, complete: length === cold.length, length, snapshotBytes: cold.stateBytes, serverCpuMs: usage.serverCpuMs };
  } finally {
    reader.close();
  }
}

async function waitUntilAsync(predicate, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await predicate()) return true;
    await sleep(200);
  }
  return false;
}

/**
 * Builds the W4 document offline: `edits` single-character inserts at random positions (each its
 * own Yjs item, as in the guide's 100k-edit figures), cut into `batchCount` incremental updates.
 */
export function buildColdDocument({ edits, batchCount }) {
  const random = prng(4);
  const doc = new Y.Doc();
  const text = doc.getText('bench');
  const batches = [];
  const perBatch = Math.ceil(edits / batchCount);
  let stateVector = Y.encodeStateVector(doc);
  for (let done = 0; done < edits; ) {
    doc.transact(() => {
      for (let index = 0; index < perBatch && done < edits; index += 1, done += 1) {
        text.insert(Math.floor(random() * (text.length + 1)), 'abcdefghijklmnopqrstuvwxyz'[done % 26]);
      }
    });
    batches.push(Y.encodeStateAsUpdate(doc, stateVector));
    stateVector = Y.encodeStateVector(doc);
  }
  const state = Y.encodeStateAsUpdate(doc);
  const started = performance.now();
  Y.applyUpdate(new Y.Doc(), state);
  const clientApplyMs = performance.now() - started;
  return { batches, stateBytes: state.byteLength, length: text.length, clientApplyMs };
}

/**
 * W5: clients on many documents edit, all drop, edit offline, and all reconnect at once: time
 * until every client holds every edit of its document, and a content check.
 */
export async function w5ReconnectStorm(ctx, { clients, documents, offlineMs }) {
  const docNames = ctx.allocate(documents);
  const names = Array.from({ length: clients }, (_, index) => docNames[index % documents]);
  const tracker = new Tracker();
  const members = await connectMembers(ctx, names, tracker);
  try {
    const perDoc = peers(names);
    members.forEach((member) => member.edit());
    const online = await waitUntil(() => members.every((member) => member.tokens === perDoc.get(member.name)), 30_000);
    if (!online) throw new Error('W5: online edits did not converge');
    await withTimeout(Promise.all(members.map((member) => member.client.whenSaved())), 30_000, 'W5 saves');
    members.forEach((member) => member.client.disconnect());
    await sleep(offlineMs / 2);
    members.forEach((member) => member.edit());
    await sleep(offlineMs / 2);
    const before = await meter(ctx);
    const started = performance.now();
    members.forEach((member) => member.client.reconnect());
    const converged = await waitUntil(() => members.every((member) => member.tokens >= 2 * perDoc.get(member.name)), 60_000, 5);
    const syncedMs = performance.now() - started;
    let savedMs = null;
    if (ctx.kind === 'ours') {
      await withTimeout(Promise.all(members.map((member) => member.client.whenSaved())), 60_000, 'W5 acks');
      savedMs = performance.now() - started;
    }
    const usage = (await meter(ctx)).since(before);
    // Content check: every client of a document holds the same text, with each expected token once.
    let lost = 0;
    let duplicated = 0;
    let divergent = 0;
    for (const name of docNames) {
      const group = members.filter((member) => member.name === name);
      const expected = new Set(group.flatMap((member) => Array.from({ length: member.seq }, (_, seq) => `${member.index}.${seq + 1}`)));
      const reference = group[0].text.toString();
      for (const member of group) {
        const text = member.text.toString();
        if (text !== reference) divergent += 1;
        const seen = [...text.matchAll(TOKEN)].map((match) => match[1]);
        const unique = new Set(seen);
        duplicated += seen.length - unique.size;
        for (const token of expected) if (!unique.has(token)) lost += 1;
      }
    }
    return { clients, documents, converged, syncedMs: converged ? syncedMs : null, savedMs, lost, duplicated, divergent, serverCpuMs: usage.serverCpuMs };
  } finally {
    closeMembers(members);
  }
}
