import type { CurrentUser, LoginRequest, WorkspaceRole } from '@miroir/shared/contracts';
import { can, type WorkspaceAction } from '@miroir/shared/domain';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from './api-client';
import { api } from './endpoints';
import { forgetOfflineQueue, useOfflineQueuePersistence } from './offline-queue';
import { queryKeys } from './query-keys';

export type SessionStatus = 'loading' | 'authenticated' | 'anonymous' | 'error';

export interface SessionValue {
  status: SessionStatus;
  /** The signed-in user; `null` when anonymous or still loading. */
  user: CurrentUser | null;
  /** Error of `GET /api/auth/me` other than 401 (network, server). */
  error: unknown;
  /** True after the session was lost while the user was working (an API call answered 401). */
  expired: boolean;
  signIn: (credentials: LoginRequest) => Promise<CurrentUser>;
  signOut: () => Promise<void>;
  refresh: () => Promise<unknown>;
}

const SessionContext = createContext<SessionValue | null>(null);

function dropUserData(client: QueryClient) {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
}

function isSessionLoss(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.code !== 'INVALID_CREDENTIALS';
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [expired, setExpired] = useState(false);
  const me = useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => api.me(signal),
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: true,
  });
  // Comments and ballots written offline survive a reload, per signed-in user.
  useOfflineQueuePersistence(client, me.data?.id);

  // Any other request answering 401 means the session cookie is gone: forget the user so that
  // the protected routes send them to the sign-in page.
  useEffect(() => {
    const onError = (error: unknown) => {
      if (!isSessionLoss(error) || !client.getQueryData(queryKeys.me)) return;
      setExpired(true);
      client.setQueryData(queryKeys.me, null);
      dropUserData(client);
    };
    const stopQueries = client.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && event.query.queryKey[0] !== queryKeys.me[0]) {
        onError(event.action.error);
      }
    });
    const stopMutations = client.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [client]);

  const signIn = useCallback(
    async (credentials: LoginRequest) => {
      const user = await api.login(credentials);
      // A `GET /api/auth/me` still in flight (answered 401 before signing in) must not overwrite the user.
      await client.cancelQueries({ queryKey: queryKeys.me });
      dropUserData(client);
      client.setQueryData(queryKeys.me, user);
      setExpired(false);
      return user;
    },
    [client],
  );

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    setExpired(false);
    // What this user wrote offline and never sent stays neither in memory nor on this computer.
    await forgetOfflineQueue(client, client.getQueryData<CurrentUser | null>(queryKeys.me)?.id).catch(() => undefined);
    await client.cancelQueries({ queryKey: queryKeys.me });
    client.setQueryData(queryKeys.me, null);
    dropUserData(client);
  }, [client]);

  const { refetch } = me;
  const refresh = useCallback(() => refetch(), [refetch]);

  const user = me.data ?? null;
  const status: SessionStatus = me.isPending ? 'loading' : me.isError && !me.data ? 'error' : user ? 'authenticated' : 'anonymous';

  const value = useMemo<SessionValue>(
    () => ({ status, user, error: me.error, expired, signIn, signOut, refresh }),
    [status, user, me.error, expired, signIn, signOut, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The role of the signed-in user in a workspace, or null when not a member. */
export function roleIn(user: CurrentUser | null, workspaceId: string | undefined): WorkspaceRole | null {
  if (!user || !workspaceId) return null;
  return user.memberships.find((membership) => membership.workspaceId === workspaceId)?.role ?? null;
}

export function useWorkspaceRole(workspaceId: string | undefined): WorkspaceRole | null {
  return roleIn(useSession().user, workspaceId);
}

/** Whether the signed-in user may perform `action` in the workspace (hides controls only). */
export function useCan(workspaceId: string | undefined, action: WorkspaceAction): boolean {
  const role = useWorkspaceRole(workspaceId);
  return role ? can(role, action) : false;
}
