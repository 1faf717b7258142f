import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { PRESENCE_PALETTE, presenceColor } from '@miroir/shared/collab-protocol';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { COLLAB_CONFIG, type CollabConfig } from './collab.config';
import { GroupCommitWriter } from './group-commit.writer';
import { UpdateLogRepository } from './update-log.repository';
import { UpdateValidator } from './update-validator';
import { YjsWorker } from './yjs-worker';

/** A document in memory: its Y.Doc, the presences on it, and how long its update log has grown. */
export class LoadedDocument {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  /** Which connection owns each awareness client id (see awareness-stamp.ts). */
  readonly presenceOwners = new Map<number, string>();
  /** Cursor colour of each user in this document: the first free one on arrival, so no two clash. */
  private readonly userColors = new Map<string, string>();
  logLength = 0;
  compacting: Promise<void> | null = null;
  unloadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly name: string) {
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
  }

  colorOf(userId: string): string {
    let color = this.userColors.get(userId);
    if (!color) {
      const taken = new Set(this.userColors.values());
      color = PRESENCE_PALETTE.find((candidate) => !taken.has(candidate)) ?? presenceColor(userId);
      this.userColors.set(userId, color);
    }
    return color;
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/**
 * Loads documents on first use (snapshot + log tail), applies validated updates, persists them
 * through the group-commit writer, folds the log into the snapshot past a threshold and when a
 * document unloads, some time after its last connection left.
 */
@Injectable()
export class DocumentRegistry implements OnModuleDestroy {
  private readonly logger = new Logger(DocumentRegistry.name);
  private readonly loaded = new Map<string, Promise<LoadedDocument>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly validationWorker: YjsWorker;
  private readonly compactionWorker: YjsWorker;
  readonly validator: UpdateValidator;

  constructor(
    private readonly log: UpdateLogRepository,
    private readonly writer: GroupCommitWriter,
    @Inject(COLLAB_CONFIG) private readonly config: CollabConfig,
  ) {
    this.validationWorker = new YjsWorker(config.validationTimeoutMs, 128);
    this.compactionWorker = new YjsWorker(60_000, 1024);
    this.validator = new UpdateValidator(this.validationWorker);
  }

  /** The document, loading it if needed; cancels a pending unload. */
  async open(name: string): Promise<LoadedDocument> {
    await this.unloading.get(name);
    let loading = this.loaded.get(name);
    if (!loading) {
      loading = this.load(name);
      this.loaded.set(name, loading);
      loading.catch(() => this.loaded.delete(name));
    }
    const document = await loading;
    clearTimeout(document.unloadTimer);
    return document;
  }

  /** The document if it is in memory (for updates relayed from other instances). */
  async ifLoaded(name: string): Promise<LoadedDocument | undefined> {
    return this.loaded.get(name);
  }

  /**
   * Applies an update that passed validation. Returns false when Yjs still rejects it, in which
   * case nothing was applied.
   */
  apply(document: LoadedDocument, update: Uint8Array, origin: unknown): boolean {
    try {
      Y.applyUpdate(document.doc, update, origin);
      return true;
    } catch (error) {
      this.logger.warn(`update rejected on ${document.name}: ${String(error)}`);
      return false;
    }
  }

  /** Persists an applied update; resolves once committed. */
  async persist(document: LoadedDocument, update: Uint8Array): Promise<void> {
    document.logLength += 1;
    const committed = this.writer.write(document.name, update);
    if (document.logLength >= this.config.compactionThreshold && !document.compacting) {
      document.compacting = committed.then(() => this.compact(document)).finally(() => (document.compacting = null));
    }
    await committed;
  }

  /** Resolves once every update applied so far is committed. */
  committed(): Promise<void> {
    return this.writer.barrier();
  }

  /** Called when the last local connection left the document. */
  scheduleUnload(document: LoadedDocument): void {
    clearTimeout(document.unloadTimer);
    document.unloadTimer = setTimeout(() => void this.unload(document), this.config.unloadDelayMs);
    document.unloadTimer.unref?.();
  }

  loadedCount(): number {
    return this.loaded.size;
  }

  async onModuleDestroy(): Promise<void> {
    await this.writer.barrier();
    for (const loading of this.loaded.values()) (await loading.catch(() => undefined))?.destroy();
    this.loaded.clear();
    await Promise.all([this.validationWorker.close(), this.compactionWorker.close()]);
  }

  private async load(name: string): Promise<LoadedDocument> {
    const stored = await this.log.load(name);
    const document = new LoadedDocument(name);
    document.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(document.doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(document.doc, update);
    });
    document.logLength = stored.updates.length;
    return document;
  }

  private async compact(document: LoadedDocument): Promise<void> {
    try {
      const folded = await this.log.compact(document.name, (parts) => this.compactionWorker.run({ kind: 'merge', payload: parts }));
      document.logLength = Math.max(0, document.logLength - folded);
    } catch (error) {
      this.logger.warn(`compaction of ${document.name} failed, the log is kept: ${String(error)}`);
    }
  }

  private async unload(document: LoadedDocument): Promise<void> {
    if (this.loaded.get(document.name) === undefined) return;
    const done = (async () => {
      this.loaded.delete(document.name);
      await this.writer.barrier();
      await document.compacting;
      if (document.logLength > 0) await this.compact(document);
      document.destroy();
    })();
    this.unloading.set(document.name, done);
    await done.finally(() => this.unloading.delete(document.name));
  }
}
