import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import { MembershipEvents, MembershipsRepository, type MembershipChange } from '@miroir/api/auth';
import { AxisOwnerResolver } from '@miroir/api/core';
import {
  LIVE_CLIENT_EVENTS,
  LIVE_NAMESPACE,
  type LiveClientToServerEvents,
  type LiveErrorCode,
  type LiveServerToClientEvents,
  type WatchReply,
  type WorkspaceRole,
} from '@miroir/shared/contracts';
import { can } from '@miroir/shared/domain';
import type { Subscription } from 'rxjs';
import type { Namespace, Socket } from 'socket.io';
import { RedisBus } from './redis-bus.service';
import { REALTIME_CONFIG, type RealtimeConfig } from './realtime.config';
import { SocketAuthenticator, type AuthenticatedConnection } from './socket-authenticator';
import { TokenBucket } from './token-bucket';

/** An axis a connection watches: the workspace it belongs to, and whether it is archived. */
interface WatchedAxis {
  workspaceId: string;
  archived: boolean;
}

/** What the live namespace keeps about a connection (`socket.data`). */
export interface LiveConnection extends AuthenticatedConnection {
  axes: Map<string, WatchedAxis>;
  requests: TokenBucket;
}

export type LiveEvent = keyof LiveServerToClientEvents;
export type LivePayload<E extends LiveEvent> = Parameters<LiveServerToClientEvents[E]>[0];

type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents, Record<string, never>, LiveConnection>;
type LiveNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents, Record<string, never>, LiveConnection>;

/** What one instance tells the others to emit to their own connections. */
interface RelayedEmit {
  room: string;
  event: LiveEvent;
  payload: unknown;
}

const RELAY_CHANNEL = 'miroir:live:v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIVE_EVENTS: readonly string[] = ['thread:changed', 'vote:changed', 'notification:new'] satisfies LiveEvent[];

export const axisRoom = (axisId: string) => `axis:${axisId}`;
export const userRoom = (userId: string) => `user:${userId}`;

function failure(code: LiveErrorCode, message: string): WatchReply {
  return { ok: false, code, message };
}

function axisIdOf(payload: unknown): string | null {
  const axisId = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)['axisId'] : undefined;
  return typeof axisId === 'string' && UUID.test(axisId) ? axisId.toLowerCase() : null;
}

function isRelayedEmit(message: unknown): message is RelayedEmit {
  const candidate = message as Partial<RelayedEmit> | null;
  return typeof candidate?.room === 'string' && typeof candidate.event === 'string' && LIVE_EVENTS.includes(candidate.event);
}

/**
 * Live events (namespace `/live`, see docs/realtime-protocol.md): each connection is in the room
 * of its user, and in the room of every axis it watches once its rights were checked. Features
 * call `emitToAxis` / `emitToUser` after a change is committed; the events only say what changed,
 * clients then read the new state over REST. With Redis, every emit also reaches the connections
 * of the other instances.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveHub implements OnGatewayInit, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger(LiveHub.name);
  @WebSocketServer() private namespace?: LiveNamespace;
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly authenticator: SocketAuthenticator,
    private readonly memberships: MembershipsRepository,
    private readonly bus: RedisBus,
    private readonly axes: AxisOwnerResolver,
    membershipEvents: MembershipEvents,
    @Inject(REALTIME_CONFIG) private readonly config: RealtimeConfig,
  ) {
    this.subscriptions.push(membershipEvents.changes.subscribe((change) => this.onMembershipChange(change)));
    bus.on(RELAY_CHANNEL, (message) => {
      if (isRelayedEmit(message)) this.emitLocally(message.room, message.event, message.payload as LivePayload<LiveEvent>);
    });
  }

  afterInit(namespace: LiveNamespace): void {
    namespace.use((socket, next) => {
      this.authenticator.authenticate(socket.handshake).then(
        (connection) => {
          socket.data = { ...connection, axes: new Map(), requests: new TokenBucket(this.config.requestRate) };
          next();
        },
        (error: Error) => next(error),
      );
    });
    namespace.on('connection', (socket: LiveSocket) => {
      void socket.join(userRoom(socket.data.userId));
      this.listen(socket, LIVE_CLIENT_EVENTS.watch, (payload) => this.watch(socket, payload));
      this.listen(socket, LIVE_CLIENT_EVENTS.unwatch, (payload) => this.unwatch(socket, payload));
    });
  }

  onModuleDestroy(): void {
    this.subscriptions.forEach((subscription) => subscription.unsubscribe());
  }

  handleDisconnect(socket: LiveSocket): void {
    socket.data.axes?.clear();
  }

  /** Sends an event to every connection watching the axis, on every instance. */
  emitToAxis<E extends LiveEvent>(axisId: string, event: E, payload: LivePayload<E>): void {
    this.emit(axisRoom(axisId), event, payload);
  }

  /** Sends an event to every connection of the user, on every instance. */
  emitToUser<E extends LiveEvent>(userId: string, event: E, payload: LivePayload<E>): void {
    this.emit(userRoom(userId), event, payload);
  }

  async watch(socket: LiveSocket, payload: unknown): Promise<WatchReply> {
    if (!socket.data.requests.take()) return failure('RATE_LIMITED', 'Too many requests, slow down');
    const axisId = axisIdOf(payload);
    if (!axisId) return failure('MALFORMED', 'axis:watch needs {axisId (uuid)}');
    const owner = await this.axes.resolveAxis(axisId);
    const role = owner ? await this.memberships.roleOf(socket.data.userId, owner.workspaceId) : null;
    // Outsiders and unknown axes get the same answer: the axis' existence is not theirs to know.
    if (!owner || !this.mayWatch(role, owner.archived)) return failure('NOT_FOUND', 'No such axis');
    if (!socket.connected) return failure('NOT_FOUND', 'Disconnected while watching');
    socket.data.axes.set(axisId, { workspaceId: owner.workspaceId, archived: owner.archived });
    await socket.join(axisRoom(axisId));
    return { ok: true };
  }

  /** Answers `{ok: true}` when the client asks for an acknowledgement; unwatching an axis not watched is no error. */
  async unwatch(socket: LiveSocket, payload: unknown): Promise<WatchReply> {
    if (!socket.data.requests.take()) return failure('RATE_LIMITED', 'Too many requests, slow down');
    const axisId = axisIdOf(payload);
    if (!axisId) return failure('MALFORMED', 'axis:unwatch needs {axisId (uuid)}');
    socket.data.axes.delete(axisId);
    await socket.leave(axisRoom(axisId));
    return { ok: true };
  }

  /** Runs a handler, answers its result to the acknowledgement if the client asked for one, never throws. */
  private listen(socket: LiveSocket, event: string, handler: (payload: unknown) => Promise<WatchReply>): void {
    (socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(event, (...args) => {
      const [payload] = args;
      const ack = args[args.length - 1];
      handler(typeof payload === 'function' ? undefined : payload)
        .catch((error: unknown): WatchReply => {
          this.logger.error(`${event} failed: ${String(error)}`);
          return failure('NOT_FOUND', 'Could not watch the axis, try again');
        })
        .then((reply) => {
          if (typeof ack === 'function') ack(reply);
        })
        .catch((error: unknown) => this.logger.error(`${event} acknowledgement failed: ${String(error)}`));
    });
  }

  private mayWatch(role: WorkspaceRole | null, archived: boolean): boolean {
    return role !== null && can(role, 'plan.read') && (!archived || can(role, 'axis.manage'));
  }

  private emit<E extends LiveEvent>(room: string, event: E, payload: LivePayload<E>): void {
    this.emitLocally(room, event, payload);
    if (this.bus.enabled) this.bus.publish(RELAY_CHANNEL, { room, event, payload } satisfies RelayedEmit);
  }

  private emitLocally<E extends LiveEvent>(room: string, event: E, payload: LivePayload<E>): void {
    const target = this.namespace?.to(room) as unknown as { emit(event: string, payload: unknown): void } | undefined;
    target?.emit(event, payload);
  }

  /** A member removed, or left without the right to read, stops hearing about the workspace's axes at once. */
  private onMembershipChange(change: MembershipChange): void {
    for (const socket of this.namespace?.sockets.values() ?? []) {
      if (socket.data.userId !== change.userId) continue;
      for (const [axisId, watched] of socket.data.axes) {
        if (watched.workspaceId !== change.workspaceId || this.mayWatch(change.role, watched.archived)) continue;
        socket.data.axes.delete(axisId);
        void socket.leave(axisRoom(axisId));
      }
    }
  }
}
