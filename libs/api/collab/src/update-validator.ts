import type { YjsWorker } from './yjs-worker';

interface Pending {
  update: Uint8Array;
  resolve: (valid: boolean) => void;
}

/**
 * Validates updates in batches: what arrives while the worker is busy leaves as the next batch.
 * When a batch overruns or crashes the worker, its updates are retried one by one so that only
 * the culprit is refused.
 */
export class UpdateValidator {
  private queue: Pending[] = [];
  private busy = false;

  constructor(private readonly worker: YjsWorker) {}

  validate(update: Uint8Array): Promise<boolean> {
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
