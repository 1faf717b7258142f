import { Logger } from '@nestjs/common';
import { Worker } from 'node:worker_threads';

/**
 * Untrusted Yjs updates are decoded in a worker thread, where a time limit (terminate) and a heap
 * limit (resourceLimits) can stop a crafted update that makes the decoder loop or swell (yjs #479,
 * #687): a try/catch on the main thread could not. Compaction merges run in a worker too, so the
 * event loop never blocks on a large document.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Y = require(workerData.yjsPath);
// Decoding every struct and the delete set is where crafted updates loop or swell; applying to a
// scratch Y.Doc as well cost 15x more per update (~500 µs) for no further protection.
function isValid(update) {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}
function merge(parts) {
  const doc = new Y.Doc();
  doc.transact(() => { for (const part of parts) Y.applyUpdate(doc, part); });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
parentPort.on('message', ({ id, kind, payload }) => {
  try {
    const result = kind === 'validate' ? payload.map(isValid) : merge(payload);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;

export type WorkerTask = { kind: 'validate'; payload: Uint8Array[] } | { kind: 'merge'; payload: Uint8Array[] };
type TaskResult<T extends WorkerTask> = T['kind'] extends 'validate' ? boolean[] : Uint8Array;

interface Running {
  id: number;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class WorkerTimeoutError extends Error {}

/** One worker thread running one task at a time; restarted when a task overruns or crashes it. */
export class YjsWorker {
  private readonly logger = new Logger(YjsWorker.name);
  private worker: Worker | null = null;
  private running: Running | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private nextId = 0;

  constructor(
    private readonly timeoutMs: number,
    private readonly maxHeapMb: number,
  ) {}

  run<T extends WorkerTask>(task: T): Promise<TaskResult<T>> {
    const result = this.chain.then(() => this.execute(task));
    this.chain = result.catch(() => undefined);
    return result as Promise<TaskResult<T>>;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }

  private execute(task: WorkerTask): Promise<unknown> {
    const worker = this.ensureWorker();
    return new Promise((resolve, reject) => {
      const id = ++this.nextId;
      const timer = setTimeout(() => this.abort(new WorkerTimeoutError(`${task.kind} took over ${this.timeoutMs} ms`)), this.timeoutMs);
      this.running = { id, resolve, reject, timer };
      worker.postMessage({ id, kind: task.kind, payload: task.payload });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { yjsPath: require.resolve('yjs') },
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb, maxYoungGenerationSizeMb: 32 },
    });
    worker.unref();
    worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const running = this.running;
      if (!running || running.id !== message.id) return;
      clearTimeout(running.timer);
      this.running = null;
      if (message.error) running.reject(new Error(message.error));
      else running.resolve(message.result);
    });
    worker.on('error', (error) => this.abort(error));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.abort(new Error('worker exited'));
    });
    this.worker = worker;
    return worker;
  }

  private abort(error: Error): void {
    const running = this.running;
    this.running = null;
    if (running) {
      clearTimeout(running.timer);
      running.reject(error);
    }
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      this.logger.warn(`restarting Yjs worker: ${error.message}`);
      void worker.terminate();
    }
  }
}
