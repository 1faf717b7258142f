import { CollabClient } from '@miroir/shared/collab-client';
import { useSession } from '@miroir/web/data-access';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

function browserOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/** The default client: one socket to the page's own origin, opened only when the browser is online. */
export function createBrowserCollabClient(): CollabClient {
  return new CollabClient({ url: window.location.origin, socketOptions: { autoConnect: browserOnline() } });
}

/**
 * Holds the tab's single CollabClient, created on first use. Browsers keep an open WebSocket
 * alive for a long while after the network drops (and Chromium's offline mode leaves it open), so
 * the socket follows the browser's online/offline events: edits are then kept locally and the
 * status says « Hors ligne » at once, and the session re-syncs as soon as the network is back.
 */
class CollabRegistry {
  private client: CollabClient | null = null;

  constructor(private readonly factory: () => CollabClient) {}

  acquire(): CollabClient {
    this.client ??= this.factory();
    return this.client;
  }

  wentOnline(): void {
    if (this.client && !this.client.socket.connected) this.client.socket.connect();
  }

  wentOffline(): void {
    this.client?.socket.disconnect();
  }

  close(): void {
    this.client?.close();
    this.client = null;
  }
}

interface CollabContextValue {
  registry: CollabRegistry;
  /** The signed-in user: the socket carries their session cookie, so a new user needs a new socket. */
  userId: string | null;
}

const CollabContext = createContext<CollabContextValue | null>(null);

export interface CollabProviderProps {
  children: ReactNode;
  /** Builds the client on first use (tests pass a fake). */
  createClient?: () => CollabClient;
}

/**
 * One co-editing connection per tab, opened lazily by the first editor and closed when the user
 * signs out (or another user signs in). Place it inside `SessionProvider`.
 */
export function CollabProvider({ children, createClient = createBrowserCollabClient }: CollabProviderProps) {
  const { user } = useSession();
  const userId = user?.id ?? null;
  const [registry] = useState(() => new CollabRegistry(createClient));

  useEffect(() => {
    const online = () => registry.wentOnline();
    const offline = () => registry.wentOffline();
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  }, [registry]);

  // Closing on a change of user (sign-out included) drops the socket bound to the old session.
  useEffect(() => () => registry.close(), [registry, userId]);

  const value = useMemo(() => ({ registry, userId }), [registry, userId]);
  return <CollabContext.Provider value={value}>{children}</CollabContext.Provider>;
}

export function useCollab(): CollabContextValue {
  const value = useContext(CollabContext);
  if (!value) throw new Error('useCollab must be used inside <CollabProvider>');
  return value;
}
