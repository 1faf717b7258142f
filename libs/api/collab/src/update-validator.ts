import * as Y from 'yjs';
import type { YjsWorker } from './yjs-worker';

/**
 * Updates up to this size are decoded on the main thread; larger ones go to the worker.
 *
 * Why a small update cannot be expensive to decode here: the worker exists because a crafted
 * update can make the decoder loop or swell (yjs #479, #687), and try/catch cannot stop a loop.
 * Those loops come from the V2 format, whose run-length decoders repeat a value a claimed number
 * of times (2^52) without consuming input. We only ever decode V1 (`Y.decodeUpdate`), and in V1
 * (yjs 13.6, lib0 0.2.x) every iteration of every loop — client groups, structs, delete-set
 * clients and ranges, `any`/JSON/string contents, nested `any` arrays and maps — performs at least
 * one bounds-checked read that consumes a byte or throws at the end of the input (readVarUint,
 * readVarUint8Array, and readAny, whose type lookup fails on a missing byte). Counts and lengths
 * that claim 2^31 entries or 2^52 clocks are therefore cheap: the loop throws when the bytes run
 * out, a claimed length is kept as a number, never expanded. Work and memory are linear in the
 * input, so at most a few hundred bytes cost microseconds (the fuzz suite measures the stall).
 *
 * Applying is a separate question, and unchanged: it always ran on the main thread (after the
 * worker's decode). Yjs keeps a garbage-collected, deleted or skipped range as one struct with a
 * length, a delete set as (clock, length) ranges, and applies a range only to the structs that
 * exist (a range over unknown clocks is kept aside as "pending"), so the cost of applying is
 * bounded by the update's and the document's size, not by the numbers written in it; updates are
 * capped at `maxUpdateBytes`, and a document's size is bounded by what was accepted before.
 */
export const MAIN_THREAD_MAX_BYTES = 512;

interface Pending {
  update: Uint8Array;
  resolve: (valid: boolean) => void;
}

/**
 * Validates small updates at once on the main thread, larger ones in the worker, in batches: what arrives while the worker is busy leaves as the next batch.
 * When a batch overruns or crashes the worker, its updates are retried one by one so that only
 * the culprit is refused.
 */
export class UpdateValidator {
  private queue: Pending[] = [];
  private busy = false;

  constructor(private readonly worker: YjsWorker) {}

  /**
   * The verdict for a small update, decided at once on the main thread (see MAIN_THREAD_MAX_BYTES),
   * or null when the update is too large and must go through `validate`.
   */
  checkSmall(update: Uint8Array): boolean | null {
    if (update.length > MAIN_THREAD_MAX_BYTES) return null;
    try {
      Y.decodeUpdate(update);
      return true;
    } catch {
      return false;
    }
  }

  validate(update: Uint8Array): Promise<boolean> {
    const quick = this.checkSmall(update);
    if (quick !== null) return Promise.resolve(quick);
    return new Promise((resolve) => {
      this.queue.push({ update, resolve });
      if (!this.busy) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.busy = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, 256);
      await this.check(batch);
    }
    this.busy = false;
  }

  private async check(batch: Pending[]): Promise<void> {
    try {
      const results = await this.worker.run({ kind: 'validate', payload: batch.map((item) => item.update) });
      batch.forEach((item, index) => item.resolve(results[index] === true));
    } catch {
      if (batch.length === 1) return batch[0]?.resolve(false);
      for (const item of batch) await this.check([item]);
    }
  }
}
