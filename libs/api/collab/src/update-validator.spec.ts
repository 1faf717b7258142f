import { Logger } from '@nestjs/common';
import * as Y from 'yjs';
import { MAIN_THREAD_MAX_BYTES, UpdateValidator } from './update-validator';
import { WorkerTimeoutError, YjsWorker } from './yjs-worker';

/** An update of many separate items, slow enough to decode to overrun a tiny time limit. */
function largeUpdate(items: number): Uint8Array {
  const doc = new Y.Doc();
  const map = doc.getMap('m');
  doc.transact(() => {
    for (let index = 0; index < items; index += 1) map.set(`k${index}`, index);
  });
  return Y.encodeStateAsUpdate(doc);
}

function smallUpdate(content: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, content);
  return Y.encodeStateAsUpdate(doc);
}

describe('validation of untrusted updates in a worker thread', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  it('accepts valid updates and refuses garbage', async () => {
    const worker = new YjsWorker(5_000, 64);
    try {
      const validator = new UpdateValidator(worker);
      const results = await Promise.all([
        validator.validate(smallUpdate('bonjour')),
        validator.validate(Uint8Array.from([255, 255, 255, 255, 15, 1, 2])),
        validator.validate(smallUpdate('le groupe')),
      ]);
      expect(results).toEqual([true, false, true]);
    } finally {
      await worker.close();
    }
  });

  it('stops a task that overruns its time limit and refuses the update, on a restarted worker each time', async () => {
    const worker = new YjsWorker(5, 64);
    try {
      await expect(worker.run({ kind: 'validate', payload: [largeUpdate(100_000)] })).rejects.toBeInstanceOf(WorkerTimeoutError);
      // A batch that overran is retried one by one; an update that alone overruns is refused.
      const validator = new UpdateValidator(worker);
      expect(await validator.validate(largeUpdate(100_000))).toBe(false);
    } finally {
      await worker.close();
    }
  });
});

function varUint(value: number): number[] {
  const bytes: number[] = [];
  while (value > 127) {
    bytes.push(128 | value % 128);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return bytes;
}

describe('validation of small updates on the main thread', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  /** Crafted inputs from the bad-input suite: the main thread must refuse or accept each exactly as the worker does. */
  const crafted: Uint8Array[] = [
    Uint8Array.from([255, 255, 255, 255, 15, 1, 2, 3]),
    Uint8Array.from([1, 255, 255, 255, 255, 15, 7, 0, 0, 1]),
    new Uint8Array(),
    Buffer.from('garbagedoc', 'base64'),
    Uint8Array.from([1, 1, 7, 0, 4, 1, 1, 116, 255, 255, 255, 255, 15, 97, 0]),
    Uint8Array.from([1, 1, 7, 0, 8, 1, 1, 116, ...varUint(2 ** 31), 119, 0]),
    Uint8Array.from([1, 1, 7, 0, 0, ...varUint(2 ** 52), 0]),
    Uint8Array.from([1, 1, 8, 0, 1, 1, 1, 116, ...varUint(2 ** 52), 0]),
    Uint8Array.from([0, 1, 9, 1, 0, ...varUint(2 ** 52)]),
    Buffer.from('00010000000001000100010200001602000001fdffffffff7f0000', 'hex'),
    Uint8Array.from([0, 0]),
    smallUpdate('bonjour'),
  ];

  it('gives the worker’s verdict on crafted and random small inputs, quickly', async () => {
    const worker = new YjsWorker(5_000, 64);
    try {
      const validator = new UpdateValidator(worker);
      let seed = 42;
      const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
      const valid = smallUpdate('le groupe miroir');
      const inputs = [
        ...crafted,
        // Random bytes, and bit flips and truncations of a valid update.
        ...Array.from({ length: 300 }, () => Uint8Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256))),
        ...Array.from({ length: 300 }, () => {
          const copy = valid.slice(0, 1 + Math.floor(random() * valid.length));
          copy[Math.floor(random() * copy.length)] ^= 1 << Math.floor(random() * 8);
          return copy;
        }),
      ];
      const started = performance.now();
      const quick = inputs.map((input) => validator.checkSmall(input));
      const elapsed = performance.now() - started;
      const fromWorker = await worker.run({ kind: 'validate', payload: inputs });
      expect(quick).toEqual(fromWorker);
      expect(quick.slice(0, crafted.length)).toEqual([false, false, false, false, false, false, true, true, true, true, true, true]);
      // 612 decodes, crafted lengths of 2^31 and 2^52 included: linear in the input, no stall.
      expect(elapsed).toBeLessThan(200);
    } finally {
      await worker.close();
    }
  });

  it('leaves larger updates to the worker, with the same verdicts as before', async () => {
    const worker = new YjsWorker(5_000, 64);
    try {
      const validator = new UpdateValidator(worker);
      const large = smallUpdate('x'.repeat(MAIN_THREAD_MAX_BYTES));
      expect(large.length).toBeGreaterThan(MAIN_THREAD_MAX_BYTES);
      expect(validator.checkSmall(large)).toBeNull();
      const corrupt = large.slice(0, large.length - 3);
      expect(await Promise.all([validator.validate(large), validator.validate(corrupt)])).toEqual([true, false]);
    } finally {
      await worker.close();
    }
  });
});
