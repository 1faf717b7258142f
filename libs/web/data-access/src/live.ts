import {
  LIVE_CLIENT_EVENTS,
  LIVE_NAMESPACE,
  LIVE_SERVER_EVENTS,
  type LiveClientToServerEvents,
  type LiveServerToClientEvents,
  type NotificationEvent,
  type ThreadChangedEvent,
  type VoteChangedEvent,
} from '@miroir/shared/contracts';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, createElement, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { queryKeys } from './query-keys';
import { useSession } from './session';

/**
 * Live events (`/live`, see docs/realtime-protocol.md): one socket per tab, opened once signed in.
 * Events only say what changed; the hooks invalidate the queries concerned, which are then read
 * again over REST with every permission check.
 */
export type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

/** `off`: signed out or no live connection (tests); `connecting` also while reconnecting. */
export type LiveStatus = 'off' | 'connecting' | 'connected';

/** The default socket: to the page's own origin, with the session cookie. None under jsdom (component tests have no server). */
export function createBrowserLiveSocket(): LiveSocket | null {
  if (typeof window === 'undefined' || /jsdom/i.test(navigator.userAgent)) return null;
  return io(`${window.location.origin}${LIVE_NAMESPACE}`, { withCredentials: true, transports: ['websocket', 'polling'] });
}

/** Which queries an event makes stale; `axisId` alone: everything about the axis (after a reconnection). */
export function invalidateOnLiveEvent(
  client: QueryClient,
  event: { thread?: ThreadChangedEvent; vote?: VoteChangedEvent; notification?: NotificationEvent; axisId?: string },
): void {
  const threadsOf = event.thread?.axisId ?? event.axisId;
  if (threadsOf) {
    void client.invalidateQueries({ queryKey: queryKeys.axisThreads(threadsOf) });
    void client.invalidateQueries({ queryKey: ['threads', 'activity'] });
  }
  const votesOf = event.vote?.axisId ?? event.axisId;
  if (votesOf) void client.invalidateQueries({ queryKey: queryKeys.axisVotes(votesOf) });
  // Ballots change the vote's own detail; a reconnection may have missed any of them.
  if (event.vote) void client.invalidateQueries({ queryKey: queryKeys.vote(event.vote.voteId) });
  else if (event.axisId) void client.invalidateQueries({ queryKey: ['votes', 'vote'] });
  if (event.notification) void client.invalidateQueries({ queryKey: queryKeys.notifications });
}

/** The tab's live socket and the axes its components watch (counted: two components may watch one axis). */
class LiveConnection {
  private readonly watched = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private status: LiveStatus;
  private wasConnected = false;

  constructor(
    private readonly socket: LiveSocket,
    client: QueryClient,
  ) {
    this.status = socket.connected ? 'connected' : 'connecting';
    socket.on('connect', () => {
      // A new connection watches nothing: the server forgot the previous one's rooms. What changed
      // while disconnected was not pushed, so it is read again.
      for (const axisId of this.watched.keys()) {
        socket.emit(LIVE_CLIENT_EVENTS.watch, { axisId }, () => undefined);
        if (this.wasConnected) invalidateOnLiveEvent(client, { axisId });
      }
      if (this.wasConnected) void client.invalidateQueries({ queryKey: queryKeys.notifications });
      this.wasConnected = true;
      this.setStatus('connected');
    });
    socket.on('disconnect', () => this.setStatus('connecting'));
    socket.on(LIVE_SERVER_EVENTS.thread, (thread) => invalidateOnLiveEvent(client, { thread }));
    socket.on(LIVE_SERVER_EVENTS.vote, (vote) => invalidateOnLiveEvent(client, { vote }));
    socket.on(LIVE_SERVER_EVENTS.notification, (notification) => invalidateOnLiveEvent(client, { notification }));
  }

  getStatus = (): LiveStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Watches the axis until the returned function is called. */
  watch(axisId: string): () => void {
    const count = this.watched.get(axisId) ?? 0;
    this.watched.set(axisId, count + 1);
    if (count === 0 && this.socket.connected) this.socket.emit(LIVE_CLIENT_EVENTS.watch, { axisId }, () => undefined);
    return () => {
      const left = (this.watched.get(axisId) ?? 1) - 1;
      if (left > 0) return void this.watched.set(axisId, left);
      this.watched.delete(axisId);
      if (this.socket.connected) this.socket.emit(LIVE_CLIENT_EVENTS.unwatch, { axisId });
    };
  }

  close(): void {
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.setStatus('off');
  }

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.listeners.forEach((listener) => listener());
  }
}

const LiveContext = createContext<LiveConnection | null>(null);

export interface LiveProviderProps {
  children: ReactNode;
  /** Builds the socket once signed in (tests pass a fake; null: no live events). */
  createSocket?: () => LiveSocket | null;
}

/**
 * One live connection per tab while a user is signed in, closed on sign-out or when another user
 * signs in (the socket carries the session cookie). socket.io reconnects by itself; watched axes
 * are watched again on every connection. Place it inside `SessionProvider`.
 */
export function LiveProvider({ children, createSocket = createBrowserLiveSocket }: LiveProviderProps) {
  const { user } = useSession();
  const userId = user?.id ?? null;
  const client = useQueryClient();
  const [connection, setConnection] = useState<LiveConnection | null>(null);

  useEffect(() => {
    if (!userId) return;
    const socket = createSocket();
    if (!socket) return;
    const opened = new LiveConnection(socket, client);
    setConnection(opened);
    return () => {
      opened.close();
      setConnection(null);
    };
  }, [userId, client, createSocket]);

  return createElement(LiveContext.Provider, { value: connection }, children);
}

/** Keeps the threads and votes of the axis current while the component is mounted (nothing without `LiveProvider`). */
export function useAxisLive(axisId: string | undefined): void {
  const connection = useContext(LiveContext);
  useEffect(() => {
    if (!connection || !axisId) return;
    return connection.watch(axisId);
  }, [connection, axisId]);
}

const offStatus = () => 'off' as const;
const noSubscription = () => () => undefined;

/** Whether live events currently arrive (for a « temps réel » indicator). */
export function useLiveStatus(): LiveStatus {
  const connection = useContext(LiveContext);
  return useSyncExternalStore(connection?.subscribe ?? noSubscription, connection?.getStatus ?? offStatus, offStatus);
}

/**
 * How often data kept current by live events is re-read while those events do not arrive (no
 * socket, reconnecting): others' changes still show up without reloading.
 */
export const LIVE_FALLBACK_POLL_MS = 15_000;

/** A react-query `refetchInterval`: none while live events arrive, a slow poll otherwise. */
export function useLiveFallbackInterval(): number | false {
  return useLiveStatus() === 'connected' ? false : LIVE_FALLBACK_POLL_MS;
}
