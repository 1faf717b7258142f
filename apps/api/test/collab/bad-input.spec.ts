import type { CollabClient } from '@miroir/shared/collab-client';
import { encodeAwarenessEntries, encodeBinary } from '@miroir/shared/collab-protocol';
import { CLIENT_EVENTS, type RealtimeErrorCode } from '@miroir/shared/contracts';
import * as encoding from 'lib0/encoding';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  closeAll,
  connected,
  insertion,
  openDocument,
  prng,
  proposalNames,
  rawJoin,
  rawSocket,
  rawUpdate,
  record,
  sleep,
  storedDocument,
  testSeed,
  waitFor,
  within,
  type RawSocket,
} from '../support/collab';

jest.setTimeout(90_000);

const MAX_UPDATE_BYTES = 4096;
const FRAMES = 10_000;

function varUint(value: number): number[] {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, value);
  return [...encoding.toUint8Array(encoder)];
}

/** True when Yjs itself cannot decode the bytes: the server must then refuse them as MALFORMED. */
function undecodable(bytes: Uint8Array): boolean {
  try {
    Y.decodeUpdate(bytes);
    return false;
  } catch {
    return true;
  }
}

/** Real updates of all sizes, as an editor produces them, to truncate and corrupt. */
function sampleUpdates(random: () => number): Uint8Array[] {
  const doc = new Y.Doc();
  const samples: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => samples.push(update));
  const text = doc.getText('t');
  for (let index = 0; index < 60; index += 1) {
    if (text.length > 5 && random() < 0.3) text.delete(Math.floor(random() * (text.length - 3)), 2);
    else text.insert(Math.floor(random() * (text.length + 1)), `mot${index} `);
    if (index % 10 === 9) samples.push(Y.encodeStateAsUpdate(doc));
  }
  doc.getMap('m').set('clé', { nested: [1, 2, 'trois'] });
  samples.push(Y.encodeStateAsUpdate(doc));
  return samples;
}

type Frame =
  | { event: string; payload: unknown[]; expect: RealtimeErrorCode }
  | { event: string; payload: unknown[]; expect: null };

/**
 * 10,000 frames that a correct server must refuse or ignore, each with the answer it must give
 * (null: events without acknowledgement).
 */
function fuzzFrames(random: () => number, joined: string, otherDocs: string[]): { frames: Frame[]; kinds: Record<string, number> } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const bytes = (length: number) => Uint8Array.from({ length }, () => Math.floor(random() * 256));
  const samples = sampleUpdates(random);
  const corrupt = (): Uint8Array => {
    for (;;) {
      const base = pick(samples);
      let candidate: Uint8Array;
      const mutation = random();
      if (mutation < 0.3) {
        candidate = base.slice(0, Math.floor(random() * base.length));
      } else if (mutation < 0.6) {
        candidate = base.slice();
        for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips -= 1) {
          const at = Math.floor(random() * candidate.length);
          candidate[at] = (candidate[at] as number) ^ (1 << Math.floor(random() * 8));
        }
      } else if (mutation < 0.75) {
        // A huge length or count spliced in anywhere.
        const at = Math.floor(random() * base.length);
        const huge = pick([[255, 255, 255, 255, 15], [255, 255, 255, 255, 255, 255, 255, 15], varUint(2 ** 31), varUint(Number.MAX_SAFE_INTEGER)]);
        candidate = Uint8Array.from([...base.slice(0, at), ...huge, ...base.slice(at + (random() < 0.5 ? 1 : 0))]);
      } else if (mutation < 0.9) {
        candidate = bytes(Math.floor(random() * 80));
      } else {
        candidate = Uint8Array.from([255, 255, 255, 255, 15, ...bytes(Math.floor(random() * 16))]);
      }
      if (undecodable(candidate)) return candidate;
    }
  };
  const garbage = (): unknown =>
    pick<() => unknown>([
      () => null,
      () => 42,
      () => 'doc',
      () => true,
      () => [],
      () => [joined, 'AAAA'],
      () => ({}),
      () => ({ doc: joined }),
      () => ({ update: 'AAAA', stateVector: 'AA==' }),
      () => ({ doc: 42, update: 'AAAA', stateVector: 'AA==' }),
      () => ({ doc: [joined], update: 'AAAA', stateVector: 'AA==' }),
      () => ({ doc: '', update: 'AAAA', stateVector: 'AA==' }),
      () => ({ doc: 'x'.repeat(5_000), update: 'AAAA', stateVector: 'AA==' }),
      () => ({ doc: joined, update: 12, stateVector: 12 }),
      () => ({ doc: joined, update: { length: 4 }, stateVector: ['AA=='] }),
      () => ({ doc: joined, update: null, stateVector: null }),
      () => Buffer.from(bytes(16)),
      () => ({ doc: joined, update: Buffer.from(insertion('binaire')), stateVector: Buffer.from([0]) }),
      () => ({ __proto__: { doc: joined }, update: 'AAAA' }),
    ])();
  const notBase64 = (): string => pick(['not base64!!', 'AAA', 'A===', '====', 'ÀÉÎ=', 'AA==AA==', ' AAAA', 'AAAA\n', '\u0000\u0000\u0000\u0000', 'ab$d']);

  const kinds: Record<string, number> = {};
  const frames: Frame[] = [];
  const add = (kind: string, frame: Frame) => {
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    frames.push(frame);
  };
  while (frames.length < FRAMES) {
    const roll = random();
    if (roll < 0.35) add('corrupted Yjs update', { event: CLIENT_EVENTS.update, payload: [{ doc: joined, update: encodeBinary(corrupt()) }], expect: 'MALFORMED' });
    else if (roll < 0.45) add('update of the wrong shape', { event: CLIENT_EVENTS.update, payload: [garbage()], expect: 'MALFORMED' });
    else if (roll < 0.5) add('update not in base64', { event: CLIENT_EVENTS.update, payload: [{ doc: joined, update: notBase64() }], expect: 'MALFORMED' });
    else if (roll < 0.55) add('update of a document not joined', { event: CLIENT_EVENTS.update, payload: [{ doc: pick(otherDocs), update: encodeBinary(insertion('ailleurs')) }], expect: 'NOT_JOINED' });
    else if (roll < 0.58) {
      const size = MAX_UPDATE_BYTES + 1 + Math.floor(random() * 3 * MAX_UPDATE_BYTES);
      add('update over the size limit', { event: CLIENT_EVENTS.update, payload: [{ doc: joined, update: encodeBinary(bytes(size)) }], expect: 'FRAME_TOO_LARGE' });
    } else if (roll < 0.63) add('join of the wrong shape', { event: CLIENT_EVENTS.join, payload: [garbage()], expect: 'MALFORMED' });
    else if (roll < 0.66) add('join not in base64', { event: CLIENT_EVENTS.join, payload: [{ doc: joined, stateVector: notBase64() }], expect: 'MALFORMED' });
    else if (roll < 0.7) add('join with a corrupted state vector', { event: CLIENT_EVENTS.join, payload: [{ doc: joined, stateVector: encodeBinary(Uint8Array.from([255, 255, 255, 255, 15, ...bytes(Math.floor(random() * 8))])) }], expect: 'MALFORMED' });
    else if (roll < 0.72) add('join of an unknown document', { event: CLIENT_EVENTS.join, payload: [{ doc: `axis:${pick(['', 'x', '00000000-0000-0000-0000-000000000000'])}:proposal`, stateVector: 'AA==' }], expect: 'NOT_FOUND' });
    else if (roll < 0.9) {
      const update = pick<() => unknown>([
        () => encodeBinary(bytes(Math.floor(random() * 64))),
        () => encodeBinary(Uint8Array.from([255, 255, 255, 255, 15])),
        () => encodeBinary(encodeAwarenessEntries([{ clientId: 1, clock: 1, state: { user: 'x' } }]).slice(0, 5)),
        () => encodeBinary(Uint8Array.from([1, 5, 1, 9, ...new TextEncoder().encode('{"a":1')])),
        () => encodeBinary(Uint8Array.from([1, 5, 1, 2, ...new TextEncoder().encode('[]')])),
        () => notBase64(),
      ])();
      add('malformed presence', { event: CLIENT_EVENTS.awareness, payload: [random() < 0.8 ? { doc: joined, update } : garbage()], expect: null });
    } else if (roll < 0.95) add('leave of the wrong shape', { event: CLIENT_EVENTS.leave, payload: [pick([null, 42, {}, { doc: 7 }, { doc: pick(otherDocs) }, Buffer.from([1, 2])])], expect: null });
    else add('unknown event or extra arguments', { event: pick(['doc:evil', 'constructor', '__proto__', 'doc:update:x', 'toString']), payload: [garbage(), garbage()], expect: null });
  }
  return { frames, kinds };
}

describe('malformed and hostile input on the co-editing socket', () => {
  let testApp: TestApp;
  let names: string[];
  const clients: CollabClient[] = [];
  const sockets: RawSocket[] = [];
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);

  beforeAll(async () => {
    testApp = await startTestApp({
      COLLAB_MAX_UPDATE_BYTES: String(MAX_UPDATE_BYTES),
      COLLAB_UPDATES_PER_SECOND: '1000000',
      COLLAB_UPDATE_BURST: '1000000',
      COLLAB_AWARENESS_PER_SECOND: '1000000',
      COLLAB_AWARENESS_BURST: '1000000',
      COLLAB_COMPACTION_THRESHOLD: '1000000',
      COLLAB_UNLOAD_DELAY_MS: '60000',
    });
    ({ names } = await proposalNames(testApp));
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
  });
  afterEach(() => closeAll(clients, sockets));
  afterAll(async () => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await testApp.close();
  });

  async function hostileMember(name: string): Promise<RawSocket> {
    const socket = rawSocket(testApp.url, await testApp.cookieFor('membre2@miroir.test'), sockets);
    await connected(socket);
    expect(await rawJoin(socket, name)).toMatchObject({ ok: true, readOnly: false });
    return socket;
  }

  it('answers each of 10,000 malformed frames as it must, without a crash, a stall, or a change to the document, while a member keeps editing', async () => {
    const seed = testSeed('bad-input fuzz');
    const random = prng(seed);
    const name = names[0] as string;
    const { frames, kinds } = fuzzFrames(random, name, names.slice(1, 4));
    console.log(`bad-input fuzz: ${frames.length} frames: ${JSON.stringify(kinds)}`);

    // A well-behaved member edits throughout, with tokens that say who wrote them.
    const good = await openDocument(testApp.url, await testApp.cookieFor('membre1@miroir.test'), name, clients);
    let acknowledged = 0;
    good.session.on('acknowledged', () => (acknowledged += 1));
    let editing = true;
    let tokens = 0;
    const editor = (async () => {
      const editRandom = prng(seed ^ 0x5eed);
      while (editing) {
        // Between two tokens, so that each stays whole and can be counted.
        const boundaries = [0, ...[...good.text.toString().matchAll(/>/g)].map((match) => (match.index as number) + 1)];
        good.text.insert(boundaries[Math.floor(editRandom() * boundaries.length)] as number, `<g${tokens}>`);
        tokens += 1;
        await sleep(25);
      }
    })();

    const hostile = await hostileMember(name);
    let disconnections = 0;
    hostile.on('disconnect', () => (disconnections += 1));
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const mismatches: string[] = [];
    const ackedBefore = acknowledged;
    const started = Date.now();
    const emitter = hostile as unknown as {
      emit(event: string, ...args: unknown[]): void;
      timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
    };
    try {
      for (let start = 0; start < frames.length; start += 250) {
        await Promise.all(
          frames.slice(start, start + 250).map(async (frame, offset) => {
            if (frame.expect === null) return emitter.emit(frame.event, ...frame.payload);
            const reply = (await emitter.timeout(10_000).emitWithAck(frame.event, ...frame.payload)) as { ok: boolean; code?: string };
            if (reply.ok || reply.code !== frame.expect) mismatches.push(`frame ${start + offset} (${frame.event}): expected ${frame.expect}, got ${JSON.stringify(reply)}`);
          }),
        );
      }
    } finally {
      delay.disable();
    }
    const elapsed = Date.now() - started;
    const ackedDuring = acknowledged - ackedBefore;
    editing = false;
    await editor;
    await within(good.session.whenSaved(), 10_000, 'the good client to be saved');

    const maxStallMs = delay.max / 1e6;
    console.log(`bad-input fuzz: ${frames.length} frames in ${elapsed} ms; good client: ${tokens} edits, ${ackedDuring} acknowledged during the fuzz; max event-loop delay ${maxStallMs.toFixed(1)} ms`);
    expect({ mismatches: mismatches.length, first: mismatches.slice(0, 10) }).toEqual({ mismatches: 0, first: [] });
    expect(crashes).toEqual([]);
    expect(disconnections).toBe(0);
    expect(hostile.connected).toBe(true);
    expect(maxStallMs).toBeLessThan(500);
    expect(ackedDuring).toBeGreaterThan(0);

    // Only the good client's edits were stored, one row per acknowledged update.
    const stored = await storedDocument(testApp, name);
    expect(stored.text).toBe(good.text.toString());
    expect(stored.text.match(/<g\d+>/g)).toHaveLength(tokens);
    expect(stored.logRows).toBe(acknowledged);
    const verifier = await openDocument(testApp.url, await testApp.cookieFor('membre3@miroir.test'), name, clients);
    expect(verifier.text.toString()).toBe(good.text.toString());
    for (const other of names.slice(1, 4)) expect(await storedDocument(testApp, other)).toEqual({ logRows: 0, hasSnapshot: false, text: '' });
    await testApp.anonymous().get('/api/health').expect(200);
  });

  it('survives the known crashers of Yjs servers and keeps serving', async () => {
    const name = names[4] as string;
    const good = await openDocument(testApp.url, await testApp.cookieFor('membre1@miroir.test'), name, clients);
    good.text.insert(0, 'Contenu légitime');
    await within(good.session.whenSaved(), 5_000, 'the first edit to be saved');
    const hostile = await hostileMember(name);

    const missingStructs = (() => {
      const doc = new Y.Doc();
      doc.clientID = 424_242;
      doc.getText('t').insert(0, 'a');
      const before = Y.encodeStateVector(doc);
      doc.getText('t').insert(1, 'b');
      return Y.encodeStateAsUpdate(doc, before); // depends on a struct the server never saw
    })();
    const refused: Array<[string, Uint8Array]> = [
      ['a struct count of 2^32-1 (y-websocket #82)', Uint8Array.from([255, 255, 255, 255, 15, 1, 2, 3])],
      ['a struct count of 2^32-1 in one client', Uint8Array.from([1, 255, 255, 255, 255, 15, 7, 0, 0, 1])],
      ['an empty buffer (yjs #498)', new Uint8Array()],
      ['"garbagedoc" (yjs #479)', Buffer.from('garbagedoc', 'base64')],
      ['a string of length 2^32', Uint8Array.from([1, 1, 7, 0, 4, 1, 1, 116, 255, 255, 255, 255, 15, 97, 0])],
      ['2^31 "any" values', Uint8Array.from([1, 1, 7, 0, 8, 1, 1, 116, ...varUint(2 ** 31), 119, 0])],
    ];
    for (const [label, update] of refused) {
      expect([label, await rawUpdate(hostile, name, update)]).toEqual([label, { ok: false, code: 'MALFORMED', message: expect.any(String) }]);
    }
    // Well-formed but strange: Yjs accepts them; they must change no text and break nothing.
    const strange: Array<[string, Uint8Array]> = [
      ['a garbage-collected range of 2^52 clocks', Uint8Array.from([1, 1, 7, 0, 0, ...varUint(2 ** 52), 0])],
      ['a deleted range of 2^52 characters', Uint8Array.from([1, 1, 8, 0, 1, 1, 1, 116, ...varUint(2 ** 52), 0])],
      ['a delete set of 2^52 clocks of an unknown client', Uint8Array.from([0, 1, 9, 1, 0, ...varUint(2 ** 52)])],
      ['an update referencing missing structs', missingStructs],
      ['a V2 update sent as V1', (() => {
        const doc = new Y.Doc();
        doc.getText('t').insert(0, 'v2');
        return Y.encodeStateAsUpdateV2(doc);
      })()],
      ['the run-length crasher of yjs #687 (V2), read as V1', Buffer.from('00010000000001000100010200001602000001fdffffffff7f0000', 'hex')],
      ['the empty update', Uint8Array.from([0, 0])],
    ];
    for (const [label, update] of strange) {
      const reply = await rawUpdate(hostile, name, update);
      console.log(`known crashers: ${label} → ${JSON.stringify(reply)}`);
    }
    const rowsBefore = (await storedDocument(testApp, name)).logRows;
    expect(await rawUpdate(hostile, name, Uint8Array.from([0, 0]))).toEqual({ ok: true });
    expect((await storedDocument(testApp, name)).logRows).toBe(rowsBefore);
    good.text.insert(good.text.length, ' et la suite');
    await within(good.session.whenSaved(), 5_000, 'the next edit to be saved');
    expect(good.text.toString()).toBe('Contenu légitime et la suite');
    const verifier = await openDocument(testApp.url, await testApp.cookieFor('membre3@miroir.test'), name, clients);
    expect(verifier.text.toString()).toBe('Contenu légitime et la suite');
    expect((await storedDocument(testApp, name)).text).toBe('Contenu légitime et la suite');
    expect(crashes).toEqual([]);
  });
});

describe('rate limits on the co-editing socket', () => {
  let testApp: TestApp;
  let name: string;
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    testApp = await startTestApp({ COLLAB_UPDATES_PER_SECOND: '5', COLLAB_UPDATE_BURST: '20', COLLAB_AWARENESS_PER_SECOND: '2', COLLAB_AWARENESS_BURST: '10' });
    name = (await proposalNames(testApp)).names[0] as string;
  });
  afterEach(() => closeAll([], sockets));
  afterAll(() => testApp.close());

  it('refuses a flood of updates beyond the bucket with RATE_LIMITED, and stores only what it accepted', async () => {
    const socket = rawSocket(testApp.url, await testApp.cookieFor('membre1@miroir.test'), sockets);
    await connected(socket);
    const errors = record(socket, 'doc:error');
    expect(await rawJoin(socket, name)).toMatchObject({ ok: true });
    const replies = await Promise.all(Array.from({ length: 60 }, (_, index) => rawUpdate(socket, name, insertion(`[${index}]`))));
    const accepted = replies.filter((reply) => reply.ok).length;
    const limited = replies.filter((reply) => !reply.ok && reply.code === 'RATE_LIMITED').length;
    expect(accepted + limited).toBe(60);
    expect(accepted).toBeGreaterThanOrEqual(20);
    expect(accepted).toBeLessThanOrEqual(22); // the burst, plus what refilled meanwhile
    const stored = await storedDocument(testApp, name);
    expect(stored.logRows).toBe(accepted);
    expect(stored.text.match(/\[\d+\]/g)).toHaveLength(accepted);

    // Presence floods are limited too.
    const presence = (clock: number) => encodeBinary(encodeAwarenessEntries([{ clientId: 77, clock, state: { cursor: clock } }]));
    for (let clock = 1; clock <= 30; clock += 1) socket.emit(CLIENT_EVENTS.awareness, { doc: name, update: presence(clock) });
    await waitFor(() => errors.some((error) => error.code === 'RATE_LIMITED' && error.doc === name && errors.length > limited), 5_000, 'a RATE_LIMITED presence');

    // The bucket refills.
    await sleep(1_100);
    expect(await rawUpdate(socket, name, insertion('après la pause'))).toEqual({ ok: true });
  });
});
