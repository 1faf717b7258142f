import { Injectable, Logger } from '@nestjs/common';
import { UpdateLogRepository, type PendingRow } from './update-log.repository';

interface QueuedRow extends PendingRow {
  seq: number;
  committed: () => void;
}

const MAX_ROWS_PER_COMMIT = 1_000;
const RETRY_DELAYS_MS = [100, 250, 500, 1_000, 2_000, 5_000];

/**
 * Group commit: while one INSERT is in flight, updates queue up; when it returns, the queue
 * leaves as the next single statement. An update is acknowledged only once the statement that
 * carried it has committed. When PostgreSQL is unreachable the batch is retried until it
 * commits: nothing applied in memory is ever dropped, and nothing is acknowledged meanwhile.
 */
@Injectable()
export class GroupCommitWriter {
  private readonly logger = new Logger(GroupCommitWriter.name);
  private queue: QueuedRow[] = [];
  private writing = false;
  private enqueuedSeq = 0;
  private committedSeq = 0;
  private barriers: Array<{ seq: number; release: () => void }> = [];

  constructor(private readonly log: UpdateLogRepository) {}

  /** Resolves once the update is committed. */
  write(document: string, payload: Uint8Array): Promise<void> {
    return new Promise((committed) => {
      this.queue.push({ document, payload, seq: ++this.enqueuedSeq, committed });
      if (!this.writing) void this.drain();
    });
  }

  /** Resolves once everything written before this call is committed. */
  barrier(): Promise<void> {
    const seq = this.enqueuedSeq;
    if (this.committedSeq >= seq) return Promise.resolve();
    return new Promise((release) => this.barriers.push({ seq, release }));
  }

  private async drain(): Promise<void> {
    this.writing = true;
    // Let the updates of the current event-loop turn join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    for (let failures = 0; this.queue.length > 0; ) {
      const batch = this.queue.slice(0, MAX_ROWS_PER_COMMIT);
      try {
        await this.log.append(batch);
      } catch (error) {
        const delay = RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)] as number;
        failures += 1;
        this.logger.warn(`Could not commit ${batch.length} updates (attempt ${failures}), retrying in ${delay} ms: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        continue;
      }
      failures = 0;
      this.queue.splice(0, batch.length);
      batch.forEach((row) => row.committed());
      this.committedSeq = (batch[batch.length - 1] as QueuedRow).seq;
      this.barriers = this.barriers.filter((barrier) => (barrier.seq <= this.committedSeq ? (barrier.release(), false) : true));
    }
    this.writing = false;
  }
}
