import { Logger } from '@nestjs/common';
import * as Y from 'yjs';
import { UpdateValidator } from './update-validator';
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
