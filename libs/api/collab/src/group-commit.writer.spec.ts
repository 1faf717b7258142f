import { Logger } from '@nestjs/common';
import { GroupCommitWriter } from './group-commit.writer';
import type { PendingRow, UpdateLogRepository } from './update-log.repository';

function fakeLog(behaviour: (rows: readonly PendingRow[]) => Promise<void>) {
  const batches: PendingRow[][] = [];
  const log = {
    append: jest.fn(async (rows: readonly PendingRow[]) => {
      await behaviour(rows);
      batches.push([...rows]);
    }),
  };
  return { log: log as unknown as UpdateLogRepository, batches, append: log.append };
}

const bytes = (value: number) => new Uint8Array([value]);

describe('GroupCommitWriter', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  it('commits the updates of one turn in one statement, and what arrives meanwhile in the next', async () => {
    let release: () => void = () => undefined;
    const firstCommit = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const { log, batches } = fakeLog(() => (calls++ === 0 ? firstCommit : Promise.resolve()));
    const writer = new GroupCommitWriter(log);

    const first = [writer.write('a', bytes(1)), writer.write('b', bytes(2))];
    await new Promise((resolve) => setImmediate(resolve));
    const second = [writer.write('a', bytes(3)), writer.write('a', bytes(4)), writer.write('c', bytes(5))];
    release();
    await Promise.all([...first, ...second]);

    expect(batches.map((batch) => batch.map((row) => row.payload[0]))).toEqual([[1, 2], [3, 4, 5]]);
  });

  it('acknowledges nothing while the database fails, retries, and commits everything once it is back', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      let failing = true;
      const { log, batches, append } = fakeLog(async () => {
        if (failing) throw new Error('connection refused');
      });
      const writer = new GroupCommitWriter(log);
      let acknowledged = false;
      const write = writer.write('a', bytes(7)).then(() => (acknowledged = true));
      const barrier = writer.barrier();

      for (let attempt = 0; attempt < 4; attempt += 1) {
        await new Promise((resolve) => setImmediate(resolve));
        await jest.advanceTimersByTimeAsync(5_000);
      }
      expect(append.mock.calls.length).toBeGreaterThanOrEqual(3);
      expect(acknowledged).toBe(false);

      failing = false;
      await jest.advanceTimersByTimeAsync(5_000);
      await write;
      await barrier;
      expect(acknowledged).toBe(true);
      expect(batches).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('resolves a barrier only once everything written before it is committed', async () => {
    const { log } = fakeLog(() => new Promise((resolve) => setTimeout(resolve, 20)));
    const writer = new GroupCommitWriter(log);
    await writer.barrier();
    let committed = false;
    void writer.write('a', bytes(1)).then(() => (committed = true));
    await writer.barrier();
    expect(committed).toBe(true);
  });
});
