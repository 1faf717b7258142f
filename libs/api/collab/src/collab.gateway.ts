import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { MembershipEvents, MembershipsRepository, type MembershipChange } from '@miroir/api/auth';
import { DocumentAccessResolver, FreshCoalescer, type DocumentOwner } from '@miroir/api/core';
import { SocketAuthenticator, TokenBucket } from '@miroir/api/realtime';
import {
  CLIENT_EVENTS,
  REALTIME_NAMESPACE,
  SERVER_EVENTS,
  type ClientToServerEvents,
  type JoinReply,
  type RealtimeErrorCode,
  type RealtimeFailure,
  type ServerToClientEvents,
  type UpdateReply,
  type WorkspaceRole,
} from '@miroir/shared/contracts';
import { decodeAwarenessEntries, decodeBinary, decodedLength, encodeBinary, isEmptyUpdate } from '@miroir/shared/collab-protocol';
import { can } from '@miroir/shared/domain';
import type { Subscription } from 'rxjs';
import type { Namespace, Socket } from 'socket.io';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { stampAwareness } from './awareness-stamp';
import { COLLAB_CONFIG, type CollabConfig } from './collab.config';
import { CollabRelay } from './collab-relay.service';
import type { ConnectionState } from './connection-state';
import { DocumentRegistry, type LoadedDocument } from './document-registry.service';

type CollabSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, ConnectionState>;

const MAX_NAME_LENGTH = 200;
const MAX_STATE_VECTOR_LENGTH = 256 * 1024;
const RELAY_ORIGIN = 'relay';

function failure(code: RealtimeErrorCode, message: string): RealtimeFailure {
  return { ok: false, code, message };
}

function documentName(payload: unknown): string | null {
  const name = (payload as { doc?: unknown } | null)?.doc;
  return typeof name === 'string' && name.length > 0 && name.length <= MAX_NAME_LENGTH ? name : null;
}

/**
 * A state vector Yjs can decode. Checked before joining: a corrupt one used to make the join fail
 * with UNAVAILABLE after the connection had already been added to the room. Decoding is bounded by
 * the input's length (each entry consumes bytes), so it is safe on the event loop.
 */
function isStateVector(bytes: Uint8Array): boolean {
  try {
    Y.decodeStateVector(bytes);
    return true;
  } catch {
    return false;
  }
}

function stringField(payload: unknown, field: string): string | null {
  const value = (payload as Record<string, unknown> | null)?.[field];
  return typeof value === 'string' ? value : null;
}

/**
 * Yjs sync and awareness over socket.io, one room per document (see docs/realtime-protocol.md).
 * Every handler checks its payload by hand (they are the hot path), answers failures with an
 * acknowledgement and a `doc:error` event, and never throws.
 */
@WebSocketGateway({ namespace: REALTIME_NAMESPACE })
export class CollabGateway implements OnGatewayInit, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger(CollabGateway.name);
  @WebSocketServer() private namespace!: Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, ConnectionState>;

  /** Per document, the updates of this turn and who sent them (null: relayed from another instance). */
  private pendingUpdates = new Map<string, { updates: Uint8Array[]; senders: Set<string | null> }>();
  private pendingPresences = new Map<LoadedDocument, Set<number>>();
  private flushScheduled = false;
  private readonly watched = new WeakSet<LoadedDocument>();
  private readonly subscriptions: Subscription[] = [];
  /**
   * The clients of a document rejoin together after a network blip (10 per document in the W5
   * storm), and the connections of one account ask for the same role: concurrent joins share one
   * lookup, but never one that started before they asked (see FreshCoalescer), so an axis archived
   * or a member removed before a join arrives is refused on that join, on every instance.
   */
  private readonly owners = new FreshCoalescer<DocumentOwner | null>();
  private readonly roleLookups = new FreshCoalescer<WorkspaceRole | null>();
  /**
   * Single instance only (no REDIS_URL: another instance's changes would not reach these caches).
   * Owners: reused while the resolver's version (bumped after every committed plan or axis change
   * of this instance: archive, restore, move, close…) is the one read before the lookup. Roles
   * (non-null only: a new membership is added without an event): kept current by the membership
   * events, published after each commit of a role change or removal, like `socket.data.roles`.
   */
  private readonly cacheLookups: boolean;
  private readonly ownerCache = new Map<string, { owner: DocumentOwner; version: number }>();
  private readonly roleCache = new Map<string, WorkspaceRole>();
  /** Per user and workspace, membership events seen: a lookup that saw one start is not cached. */
  private readonly roleChanges = new Map<string, number>();

  constructor(
    private readonly registry: DocumentRegistry,
    private readonly authenticator: SocketAuthenticator,
    private readonly resolver: DocumentAccessResolver,
    private readonly memberships: MembershipsRepository,
    private readonly relay: CollabRelay,
    membershipEvents: MembershipEvents,
    @Inject(COLLAB_CONFIG) private readonly config: CollabConfig,
  ) {
    this.cacheLookups = !config.redisUrl;
    this.subscriptions.push(
      membershipEvents.changes.subscribe((change) => this.onMembershipChange(change)),
      relay.messages.subscribe((message) => void this.onRelayed(message.kind, message.doc, message.data)),
    );
  }

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      this.authenticator.authenticate(socket.handshake).then(
        (state) => {
          socket.data = { ...state, documents: new Map(), roles: new Map(), updates: new TokenBucket(this.config.updateRate), presence: new TokenBucket(this.config.awarenessRate) };
          next();
        },
        (error: Error) => next(error),
      );
    });
    // Plain listeners rather than @SubscribeMessage: these events are the hot path, and Nest's
    // per-message pipeline (and its per-socket subscriptions) cost CPU and memory we do not use.
    namespace.on('connection', (connection) => {
      const socket = connection as unknown as CollabSocket;
      this.listen(socket, CLIENT_EVENTS.join, (payload) => this.join(socket, payload));
      this.listen(socket, CLIENT_EVENTS.update, (payload) => this.update(socket, payload));
      this.listen(socket, CLIENT_EVENTS.awareness, (payload) => this.awareness(socket, payload));
      this.listen(socket, CLIENT_EVENTS.leave, (payload) => this.leaveRequested(socket, payload));
    });
  }

  /** Runs a handler, answers its result to the acknowledgement if the client asked for one, never throws. */
  private listen(socket: CollabSocket, event: string, handler: (payload: unknown) => Promise<unknown>): void {
    (socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(event, (payload, ack) => {
      handler(payload).then(
        (reply) => {
          if (typeof ack === 'function' && reply !== undefined) ack(reply);
        },
        (error: unknown) => this.logger.error(`${event} failed: ${String(error)}`),
      );
    });
  }

  onModuleDestroy(): void {
    this.subscriptions.forEach((subscription) => subscription.unsubscribe());
  }

  handleDisconnect(socket: CollabSocket): void {
    for (const name of [...(socket.data.documents?.keys() ?? [])]) void this.leave(socket, name);
  }

  async join(socket: CollabSocket, payload: unknown): Promise<JoinReply> {
    const name = documentName(payload);
    const stateVector = decodeBinary(stringField(payload, 'stateVector'));
    if (!name || !stateVector || stateVector.length > MAX_STATE_VECTOR_LENGTH || !isStateVector(stateVector)) {
      return this.refuse(socket, name, failure('MALFORMED', 'doc:join needs {doc, stateVector (base64)}'));
    }
    try {
      const owner = await this.ownerOf(name);
      const allowed = (role: WorkspaceRole | null | undefined): role is WorkspaceRole =>
        !!owner && !!role && can(role, 'plan.read') && (!owner.archived || can(role, 'axis.manage'));
      if (!owner || !allowed(await this.roleOf(socket, owner.workspaceId))) {
        return this.refuse(socket, name, failure('NOT_FOUND', 'No such document'));
      }
      const document = await this.registry.open(name);
      this.watch(document);
      if (!socket.connected) {
        this.releaseIfUnused(document);
        return failure('UNAVAILABLE', 'Disconnected while joining');
      }
      // A membership change that arrived while the document was loading is in socket.data.roles
      // (onMembershipChange could not reach this join yet: it is not in socket.data.documents).
      const role = socket.data.roles.get(owner.workspaceId);
      if (!allowed(role)) {
        this.releaseIfUnused(document);
        return this.refuse(socket, name, failure('NOT_FOUND', 'No such document'));
      }
      const readOnly = !can(role, 'proposal.edit');
      // A re-join on the same connection (after a refused update) keeps the presences it claimed,
      // so that they are still removed when it leaves.
      const presenceIds = socket.data.documents.get(name)?.presenceIds ?? new Set<number>();
      socket.data.documents.set(name, { workspaceId: owner.workspaceId, readOnly, presenceIds });
      await socket.join(name);
      // Everything the reply's state vector covers must be committed before the client hears it.
      const serverState = Y.encodeStateVector(document.doc);
      const missing = Y.encodeStateAsUpdate(document.doc, stateVector);
      const presences = [...document.awareness.getStates().keys()];
      const awareness = presences.length > 0 ? encodeAwarenessUpdate(document.awareness, presences) : new Uint8Array();
      await this.registry.committed();
      return { ok: true, readOnly, update: encodeBinary(missing), stateVector: encodeBinary(serverState), awareness: encodeBinary(awareness) };
    } catch (error) {
      this.logger.warn(`join ${name} failed: ${String(error)}`);
      return this.refuse(socket, name, failure('UNAVAILABLE', 'Could not open the document, try again'));
    }
  }

  async leaveRequested(socket: CollabSocket, payload: unknown): Promise<void> {
    const name = documentName(payload);
    if (name) await this.leave(socket, name);
  }

  async update(socket: CollabSocket, payload: unknown): Promise<UpdateReply> {
    const name = documentName(payload);
    const encoded = stringField(payload, 'update');
    if (!name || encoded === null) return this.refuse(socket, name, failure('MALFORMED', 'doc:update needs {doc, update (base64)}'));
    if (decodedLength(encoded) > this.config.maxUpdateBytes) {
      return this.refuse(socket, name, failure('FRAME_TOO_LARGE', `An update may not exceed ${this.config.maxUpdateBytes} bytes`));
    }
    const refusal = this.writeRefusal(socket, name);
    if (refusal) return this.refuse(socket, name, refusal);
    if (!socket.data.updates.take()) return this.refuse(socket, name, failure('RATE_LIMITED', 'Too many updates, slow down'));
    const update = decodeBinary(encoded);
    // Small updates (typing) are decoded here at once, larger ones in the worker (update-validator.ts).
    if (!update || !(this.registry.validator.checkSmall(update) ?? (await this.registry.validator.validate(update)))) {
      return this.refuse(socket, name, failure('MALFORMED', 'Not a valid Yjs update'));
    }
    // Nothing to apply or store: acknowledging it costs no row in the log.
    if (isEmptyUpdate(update)) return { ok: true };
    // Rights may have been revoked while the update was being validated.
    const revoked = this.writeRefusal(socket, name);
    if (revoked) return this.refuse(socket, name, revoked);
    const document = await this.registry.ifLoaded(name);
    if (!document || !this.registry.apply(document, update, socket.id)) {
      return this.refuse(socket, name, failure('MALFORMED', 'Not a valid Yjs update'));
    }
    this.queueBroadcast(name, update, socket.id);
    await this.registry.persist(document, update);
    // Other instances hear of it once committed: an instance loading the document meanwhile reads
    // it from PostgreSQL, and a join they answer never covers an update that could still be lost.
    this.relay.publish({ kind: 'update', doc: name, data: encoded });
    return { ok: true };
  }

  async awareness(socket: CollabSocket, payload: unknown): Promise<void> {
    const name = documentName(payload);
    const joined = name ? socket.data.documents.get(name) : undefined;
    const update = decodeBinary(stringField(payload, 'update'));
    if (!name || !update) return void this.refuse(socket, name, failure('MALFORMED', 'awareness:update needs {doc, update (base64)}'));
    if (!joined) return void this.refuse(socket, name, failure('NOT_JOINED', 'Join the document first'));
    if (!socket.data.presence.take()) return void this.refuse(socket, name, failure('RATE_LIMITED', 'Too many presence updates'));
    const document = await this.registry.ifLoaded(name);
    if (!document) return;
    const user = { ...socket.data.user, color: document.colorOf(socket.data.userId) };
    const stamped = stampAwareness(update, user, joined.presenceIds, (clientId) => {
      const owner = document.presenceOwners.get(clientId);
      return owner !== undefined && owner !== socket.id;
    });
    if (!stamped) return void this.refuse(socket, name, failure('MALFORMED', 'Not a valid awareness update'));
    stamped.clientIds.forEach((clientId) => document.presenceOwners.set(clientId, socket.id));
    applyAwarenessUpdate(document.awareness, stamped.update, socket.id);
  }

  /** The connection's role in a workspace, looked up once and then kept current by membership events. */
  private async roleOf(socket: CollabSocket, workspaceId: string): Promise<WorkspaceRole | null> {
    if (socket.data.roles.has(workspaceId)) return socket.data.roles.get(workspaceId) ?? null;
    const userId = socket.data.userId;
    const key = `${userId}:${workspaceId}`;
    const cached = this.roleCache.get(key);
    if (cached) {
      socket.data.roles.set(workspaceId, cached);
      return cached;
    }
    const changesBefore = this.roleChanges.get(key) ?? 0;
    const role = await this.roleLookups.run(key, () => this.memberships.roleOf(userId, workspaceId));
    if (this.cacheLookups && role && (this.roleChanges.get(key) ?? 0) === changesBefore) this.remember(this.roleCache, key, role);
    // A membership event that arrived during the lookup is newer than its answer.
    if (!socket.data.roles.has(workspaceId)) socket.data.roles.set(workspaceId, role);
    return socket.data.roles.get(workspaceId) ?? null;
  }

  /** Who owns a document: cached while no plan or axis changed since (single instance), else looked up. */
  private async ownerOf(name: string): Promise<DocumentOwner | null> {
    const version = this.cacheLookups ? this.resolver.version?.() : undefined;
    const cached = this.ownerCache.get(name);
    if (version !== undefined && cached?.version === version) return cached.owner;
    const owner = await this.owners.run(name, () => this.resolver.resolve(name));
    // Stored with the version read before the lookup: a change committed meanwhile makes it stale at once.
    if (version !== undefined && owner) this.remember(this.ownerCache, name, { owner, version });
    return owner;
  }

  /** Bounded caches: cleared when full (they refill from the next joins). */
  private remember<V>(cache: Map<string, V>, key: string, value: V): void {
    if (cache.size >= 10_000) cache.clear();
    cache.set(key, value);
  }

  /** Why this connection may not write to the document now, if it may not. */
  private writeRefusal(socket: CollabSocket, name: string): RealtimeFailure | null {
    const joined = socket.data.documents.get(name);
    if (!joined) return failure('NOT_JOINED', 'Join the document first');
    if (joined.readOnly) return failure('READ_ONLY', 'Your role only allows reading this document');
    return null;
  }

  private refuse<T extends RealtimeFailure>(socket: CollabSocket, name: string | null, reason: T): T {
    socket.emit(SERVER_EVENTS.error, { ...(name ? { doc: name } : {}), code: reason.code, message: reason.message });
    return reason;
  }

  private async leave(socket: CollabSocket, name: string): Promise<void> {
    const joined = socket.data.documents.get(name);
    if (!joined) return;
    socket.data.documents.delete(name);
    await socket.leave(name);
    const document = await this.registry.ifLoaded(name);
    if (!document) return;
    joined.presenceIds.forEach((clientId) => document.presenceOwners.delete(clientId));
    removeAwarenessStates(document.awareness, [...joined.presenceIds], socket.id);
    this.releaseIfUnused(document);
  }

  private releaseIfUnused(document: LoadedDocument): void {
    if ((this.namespace.adapter.rooms.get(document.name)?.size ?? 0) === 0) this.registry.scheduleUnload(document);
  }

  /** Presence changes of a document leave once per event-loop turn, all changed states in one message. */
  private watch(document: LoadedDocument): void {
    if (this.watched.has(document)) return;
    this.watched.add(document);
    document.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const changed = [...added, ...updated, ...removed];
        const pending = this.pendingPresences.get(document) ?? new Set<number>();
        changed.forEach((clientId) => pending.add(clientId));
        this.pendingPresences.set(document, pending);
        if (origin !== RELAY_ORIGIN) this.relay.publish({ kind: 'awareness', doc: document.name, data: encodeBinary(encodeAwarenessUpdate(document.awareness, changed)) });
        this.scheduleFlush();
      },
    );
  }

  /** Updates of a document leave once per event-loop turn, merged into one single-frame message. */
  private queueBroadcast(name: string, update: Uint8Array, sender: string | null): void {
    const pending = this.pendingUpdates.get(name) ?? { updates: [], senders: new Set<string | null>() };
    pending.updates.push(update);
    // A relayed update counts as a sender of its own, so that a local sender whose update leaves
    // in the same merged message still receives the relayed one.
    pending.senders.add(sender);
    this.pendingUpdates.set(name, pending);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const updates = this.pendingUpdates;
    const presences = this.pendingPresences;
    this.pendingUpdates = new Map();
    this.pendingPresences = new Map();
    for (const [name, { updates: batch, senders }] of updates) {
      const merged = batch.length === 1 ? (batch[0] as Uint8Array) : Y.mergeUpdates(batch);
      const message = { doc: name, update: encodeBinary(merged) };
      // A lone sender already has its update; with several, each needs the others'.
      const [onlySender] = senders.size === 1 ? senders : [];
      const target = onlySender ? this.namespace.to(name).except(onlySender) : this.namespace.to(name);
      target.emit(SERVER_EVENTS.update, message);
    }
    for (const [document, clientIds] of presences) {
      const update = encodeAwarenessUpdate(document.awareness, [...clientIds]);
      this.namespace.to(document.name).emit(SERVER_EVENTS.awareness, { doc: document.name, update: encodeBinary(update) });
    }
  }

  private async onRelayed(kind: 'update' | 'awareness', name: string, data: string): Promise<void> {
    const document = await this.registry.ifLoaded(name);
    const bytes = decodeBinary(data);
    if (!document || !bytes) return;
    if (kind === 'update') {
      if (this.registry.apply(document, bytes, RELAY_ORIGIN)) this.queueBroadcast(name, bytes, null);
    } else {
      // Client ids seen through the relay belong to another instance's connections.
      decodeAwarenessEntries(bytes)?.forEach((entry) => document.presenceOwners.set(entry.clientId, RELAY_ORIGIN));
      applyAwarenessUpdate(document.awareness, bytes, RELAY_ORIGIN);
    }
  }

  /** A member removed or downgraded while connected loses the rights at once, on every open document. */
  private onMembershipChange(change: MembershipChange): void {
    const key = `${change.userId}:${change.workspaceId}`;
    this.roleChanges.set(key, (this.roleChanges.get(key) ?? 0) + 1);
    this.roleCache.delete(key);
    for (const socket of this.namespace?.sockets.values() ?? []) {
      if (socket.data.userId !== change.userId) continue;
      socket.data.roles.set(change.workspaceId, change.role);
      for (const [name, joined] of socket.data.documents) {
        if (joined.workspaceId !== change.workspaceId) continue;
        const revoked = !change.role || !can(change.role, 'plan.read');
        joined.readOnly = revoked || !can(change.role as NonNullable<typeof change.role>, 'proposal.edit');
        socket.emit(SERVER_EVENTS.access, { doc: name, readOnly: joined.readOnly, revoked });
        if (revoked) {
          this.refuse(socket, name, failure('FORBIDDEN', 'You no longer have access to this document'));
          void this.leave(socket, name);
        }
      }
    }
  }
}
