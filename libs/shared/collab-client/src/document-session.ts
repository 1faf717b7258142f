import {
  CLIENT_EVENTS,
  type AccessEvent,
  type AwarenessMessage,
  type ClientToServerEvents,
  type RealtimeErrorEvent,
  type RealtimeFailure,
  type ServerToClientEvents,
  type UpdateMessage,
} from '@miroir/shared/contracts';
import { decodeBinary, encodeBinary, isEmptyUpdate } from '@miroir/shared/collab-protocol';
import { ObservableV2 } from 'lib0/observable';
import type { Socket } from 'socket.io-client';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';

/** What the user is told: only what the server acknowledged is « Enregistré ». */
export type SyncStatus = 'offline' | 'syncing' | 'saved';

export interface DocumentSessionEvents {
  status: (status: SyncStatus) => void;
  synced: () => void;
  error: (error: RealtimeErrorEvent) => void;
  access: (event: AccessEvent) => void;
  /**
   * The server acknowledged this update, i.e. committed it in PostgreSQL: emitted with the exact
   * bytes sent (a tick's local changes merged, or what the server lacked after a (re)join). For
   * tests and diagnostics; the UI follows `status`.
   */
  acknowledged: (update: Uint8Array) => void;
  destroyed: () => void;
}

const ACK_TIMEOUT_MS = 10_000;
const RESYNC_DELAY_MS = 1_000;

/**
 * Keeps one Y.Doc in sync with the server over an open socket: sync on (re)connection, local
 * updates merged per tick and sent with an acknowledgement, remote updates applied, presence.
 * Unacknowledged changes are never re-sent one by one: after a reconnection or a failure the
 * sync handshake sends whatever the server's state vector shows it lacks.
 */
export class DocumentSession extends ObservableV2<DocumentSessionEvents> {
  readonly awareness: Awareness;
  readOnly = false;
  status: SyncStatus = 'offline';

  private joined = false;
  private inFlight = 0;
  private queued: Uint8Array[] = [];
  private flushScheduled = false;
  private resyncTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;
  private readonly ownsAwareness: boolean;

  constructor(
    private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>,
    readonly name: string,
    readonly doc: Y.Doc,
    awareness?: Awareness,
  ) {
    super();
    this.awareness = awareness ?? new Awareness(doc);
    this.ownsAwareness = awareness === undefined;
    doc.on('update', this.onLocalUpdate);
    this.awareness.on('update', this.onLocalAwareness);
    if (socket.connected) void this.join();
  }

  /** Resolves once the first sync handshake has completed. */
  whenSynced(): Promise<void> {
    return this.joined ? Promise.resolve() : new Promise((resolve) => this.once('synced', () => resolve()));
  }

  /** Resolves when everything edited so far is acknowledged by the server. */
  whenSaved(): Promise<void> {
    if (this.status === 'saved') return Promise.resolve();
    return new Promise((resolve) => {
      const listener = (status: SyncStatus) => {
        if (status !== 'saved') return;
        this.off('status', listener);
        resolve();
      };
      this.on('status', listener);
    });
  }

  /** Called by the client when the socket (re)connects. */
  async join(): Promise<void> {
    if (this.destroyed) return;
    this.joined = false;
    this.refreshStatus();
    let reply;
    try {
      reply = await this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck(CLIENT_EVENTS.join, { doc: this.name, stateVector: encodeBinary(Y.encodeStateVector(this.doc)) });
    } catch {
      return this.scheduleResync();
    }
    if (this.destroyed) return;
    if (!reply.ok) return this.fail(reply);
    this.readOnly = reply.readOnly;
    const update = decodeBinary(reply.update);
    const serverState = decodeBinary(reply.stateVector);
    const presences = decodeBinary(reply.awareness);
    if (!update || !serverState || !presences) return this.scheduleResync();
    Y.applyUpdate(this.doc, update, this);
    if (presences.length > 0) applyAwarenessUpdate(this.awareness, presences, this);
    this.joined = true;
    this.queued = [];
    const missing = Y.encodeStateAsUpdate(this.doc, serverState);
    if (!this.readOnly && !isEmptyUpdate(missing)) this.send(missing);
    this.sendAwareness([this.doc.clientID]);
    this.refreshStatus();
    this.emit('synced', []);
  }

  /** Called by the client when the socket drops. */
  disconnected(): void {
    this.joined = false;
    this.inFlight = 0;
    this.queued = [];
    const others = [...this.awareness.getStates().keys()].filter((clientId) => clientId !== this.doc.clientID);
    removeAwarenessStates(this.awareness, others, this);
    this.refreshStatus();
  }

  applyRemoteUpdate(message: UpdateMessage): void {
    const update = decodeBinary(message.update);
    if (update) Y.applyUpdate(this.doc, update, this);
  }

  applyRemoteAwareness(message: AwarenessMessage): void {
    const update = decodeBinary(message.update);
    if (update) applyAwarenessUpdate(this.awareness, update, this);
  }

  accessChanged(event: AccessEvent): void {
    this.readOnly = event.readOnly || event.revoked;
    this.emit('access', [event]);
  }

  reportError(error: RealtimeErrorEvent): void {
    this.emit('error', [error]);
  }

  override destroy(): void {
    if (this.destroyed) return;
    removeAwarenessStates(this.awareness, [this.doc.clientID], 'destroy');
    this.destroyed = true;
    clearTimeout(this.resyncTimer);
    this.doc.off('update', this.onLocalUpdate);
    this.awareness.off('update', this.onLocalAwareness);
    if (this.socket.connected) this.socket.emit(CLIENT_EVENTS.leave, { doc: this.name });
    this.emit('destroyed', []);
    // Awareness keeps a timer running until destroyed.
    if (this.ownsAwareness) this.awareness.destroy();
    super.destroy();
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || this.readOnly || this.destroyed) return;
    this.queued.push(update);
    this.refreshStatus();
    if (!this.joined || this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      if (!this.joined || this.queued.length === 0) return;
      const merged = this.queued.length === 1 ? (this.queued[0] as Uint8Array) : Y.mergeUpdates(this.queued);
      this.queued = [];
      this.send(merged);
    });
  };

  private readonly onLocalAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin === this) return;
    const changed = [...added, ...updated, ...removed].filter((clientId) => clientId === this.doc.clientID);
    if (changed.length > 0) this.sendAwareness(changed);
  };

  private sendAwareness(clientIds: number[]): void {
    if (!this.joined || !this.socket.connected) return;
    this.socket.emit(CLIENT_EVENTS.awareness, { doc: this.name, update: encodeBinary(encodeAwarenessUpdate(this.awareness, clientIds)) });
  }

  private send(update: Uint8Array): void {
    this.inFlight += 1;
    this.refreshStatus();
    const connection = this.socket.id;
    this.socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck(CLIENT_EVENTS.update, { doc: this.name, update: encodeBinary(update) })
      .then(
        (reply) => {
          if (reply.ok && !this.destroyed) this.emit('acknowledged', [update]);
          if (this.socket.id !== connection) return; // a reconnection re-synced everything meanwhile
          this.inFlight -= 1;
          if (!reply.ok) this.fail(reply);
          this.refreshStatus();
        },
        () => {
          if (this.socket.id !== connection) return;
          this.inFlight -= 1;
          this.scheduleResync();
        },
      );
  }

  private fail(failure: RealtimeFailure): void {
    this.emit('error', [{ doc: this.name, code: failure.code, message: failure.message }]);
    if (failure.code === 'READ_ONLY' || failure.code === 'FORBIDDEN' || failure.code === 'NOT_FOUND') {
      this.readOnly = true;
      return;
    }
    this.scheduleResync();
  }

  /** After a refused or unanswered update, the handshake sends again whatever the server lacks. */
  private scheduleResync(): void {
    this.joined = false;
    this.refreshStatus();
    clearTimeout(this.resyncTimer);
    this.resyncTimer = setTimeout(() => {
      if (this.socket.connected) void this.join();
    }, RESYNC_DELAY_MS);
  }

  private refreshStatus(): void {
    const status: SyncStatus = !this.socket.connected
      ? 'offline'
      : !this.joined || this.inFlight > 0 || this.queued.length > 0
        ? 'syncing'
        : 'saved';
    if (status === this.status) return;
    this.status = status;
    this.emit('status', [status]);
  }
}
