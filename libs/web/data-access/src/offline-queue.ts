import type { CastBallotRequest, CommentRequest, CreateThreadRequest, CurrentUser } from '@miroir/shared/contracts';
import {
  dehydrate,
  hydrate,
  onlineManager,
  useMutationState,
  useQueryClient,
  type DehydratedState,
  type Mutation,
  type MutationOptions,
  type QueryClient,
} from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api-client';
import { queryKeys } from './query-keys';

/**
 * The offline queue of writes members make between meetings: opening a thread, replying and
 * casting a ballot. They are react-query mutations sharing one `scope`, so they are sent one
 * after the other in the order they were made; while the browser is offline (or the request
 * fails for lack of network) they stay paused and are resumed when the network returns
 * (`onlineManager`, `QueryClient.resumePausedMutations`).
 *
 * Their keys carry defaults (`setMutationDefaults`, see `registerOfflineQueue`) so that a queue
 * restored after a reload finds its `mutationFn` again. The queue of the signed-in user is
 * persisted to IndexedDB under their id (`useOfflineQueuePersistence`), restored when they sign
 * in or reload, and forgotten when they sign out (`forgetOfflineQueue`).
 *
 * Comments carry a client-generated `clientId`, so that replaying a request whose answer was lost
 * does not post twice; a ballot is an upsert.
 */
export const offlineMutationKeys = {
  createThread: ['offline', 'threads', 'create'] as const,
  reply: ['offline', 'threads', 'reply'] as const,
  castBallot: ['offline', 'votes', 'ballot'] as const,
};

export interface CreateThreadVariables {
  axisId: string;
  body: CreateThreadRequest;
}

export interface ReplyVariables {
  axisId: string;
  threadId: string;
  body: CommentRequest;
}

export interface CastBallotVariables {
  axisId: string;
  voteId: string;
  body: CastBallotRequest;
}

/** One queue for the three kinds of writes, so that they leave in the order they were made. */
const QUEUE_SCOPE = { id: 'offline-queue' };

/** The cache holds mutations of every type; these helpers read only their key, meta and state. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyMutation = Mutation<any, any, any, any>;

interface QueueMeta extends Record<string, unknown> {
  /** The user who made the write: another user signing in on the same browser never sees it. */
  ownerId?: string;
}

/** `fetch` rejects with a `TypeError` when the network fails; answers of the API are `ApiError`s. */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError;
}

/** Network failures are retried until the network returns; server errors twice; refusals (4xx) are final. */
function retryQueued(failureCount: number, error: unknown): boolean {
  if (isNetworkError(error)) return true;
  return error instanceof ApiError && error.status >= 500 && failureCount < 2;
}

/** The options every write of the queue shares (retries, order, kept until dismissed). */
export function queuedMutationOptions<TData, TVariables>(
  options: Pick<MutationOptions<TData, Error, TVariables>, 'mutationKey' | 'mutationFn' | 'onSuccess'>,
): MutationOptions<TData, Error, TVariables> {
  return {
    ...options,
    networkMode: 'online',
    scope: QUEUE_SCOPE,
    retry: retryQueued,
    retryDelay: (failureCount) => Math.min(1_000 * 2 ** failureCount, 10_000),
    // A refused write stays until its author dismisses it: its text must not be lost.
    gcTime: Infinity,
  };
}

export function isQueuedMutation(mutation: AnyMutation): boolean {
  const key = mutation.options.mutationKey;
  return Array.isArray(key) && key[0] === offlineMutationKeys.reply[0];
}

function ownerOf(mutation: AnyMutation): string | undefined {
  return (mutation.meta as QueueMeta | undefined)?.ownerId;
}

/**
 * Writes the form that made them is still waiting for (online, first attempt): the form shows
 * them (busy, or its error); the lists show them only once they are queued.
 */
const awaitedByForm = new WeakSet<AnyMutation>();

/**
 * Starts a write of the queue on behalf of a form. Resolves with the server's answer once it
 * accepted it, or `null` (queued) as soon as it waits for the network (offline, or a first attempt that failed
 * for lack of network): the form may then close, the list shows it as pending. Rejects with the
 * server's refusal of a first attempt made online, which the form shows; that write is dropped.
 */
export function submitQueued<TData, TVariables>(
  client: QueryClient,
  options: MutationOptions<TData, Error, TVariables>,
  variables: TVariables,
  ownerId: string | undefined,
): Promise<TData | null> {
  const cache = client.getMutationCache();
  const meta: QueueMeta = { ...options.meta, ownerId };
  const mutation = cache.build(client, { ...options, meta }) as Mutation<TData, Error, TVariables, unknown>;
  const untyped = mutation as AnyMutation;
  awaitedByForm.add(untyped);
  return new Promise<TData | null>((resolve, reject) => {
    let settled = false;
    const handOff = () => {
      if (settled) return;
      settled = true;
      awaitedByForm.delete(untyped);
      stop();
      resolve(null);
    };
    const stop = cache.subscribe((event) => {
      if (event.mutation !== untyped || event.type !== 'updated') return;
      const { state } = mutation;
      if (state.status === 'pending' && (state.isPaused || isNetworkError(state.failureReason))) handOff();
    });
    if (!onlineManager.isOnline()) handOff();
    mutation.execute(variables).then(
      (data) => {
        cache.remove(untyped);
        if (settled) return;
        settled = true;
        awaitedByForm.delete(untyped);
        stop();
        resolve(data);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        awaitedByForm.delete(untyped);
        stop();
        cache.remove(untyped);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** A random uuid v4 for `clientId` (`crypto.randomUUID` exists only in secure contexts). */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `submitQueued` for a form, on behalf of the signed-in user, with its own busy flag. */
export function useQueuedSubmit<TData, TVariables>(options: MutationOptions<TData, Error, TVariables>) {
  const client = useQueryClient();
  const [isPending, setPending] = useState(false);
  const submit = useCallback(
    async (variables: TVariables) => {
      setPending(true);
      try {
        return await submitQueued(client, options, variables, client.getQueryData<CurrentUser | null>(queryKeys.me)?.id);
      } finally {
        setPending(false);
      }
    },
    [client, options],
  );
  return { submit, isPending };
}

/** Keys of the queue know their options, so that writes restored after a reload can be sent. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function registerQueuedMutations(client: QueryClient, all: Array<MutationOptions<any, Error, any>>): void {
  for (const options of all) client.setMutationDefaults(options.mutationKey ?? [], options);
}

/* ------------------------------------------------------------- what lists show */

export interface QueuedWrite<TVariables> {
  /** The react-query mutation id (changes after a reload). */
  id: number;
  variables: TVariables;
  /** `pending`: waiting for the network or being sent; `error`: refused by the server. */
  status: 'pending' | 'error';
  /** True while it waits for the network (as opposed to being sent right now). */
  waiting: boolean;
  error: unknown;
  submittedAt: number;
}

function useQueuedWrites<TVariables>(key: readonly string[], matches: (variables: TVariables) => boolean) {
  const client = useQueryClient();
  const writes = useMutationState({
    filters: {
      mutationKey: [...key],
      predicate: (mutation) =>
        !awaitedByForm.has(mutation) &&
        (mutation.state.status === 'pending' || mutation.state.status === 'error') &&
        mutation.state.variables !== undefined &&
        matches(mutation.state.variables as TVariables),
    },
    select: (mutation): QueuedWrite<TVariables> => ({
      id: mutation.mutationId,
      variables: mutation.state.variables as TVariables,
      status: mutation.state.status === 'error' ? 'error' : 'pending',
      waiting: mutation.state.isPaused || mutation.state.failureCount > 0,
      error: mutation.state.error,
      submittedAt: mutation.state.submittedAt,
    }),
  });
  const dismiss = useCallback(
    (id: number) => {
      const cache = client.getMutationCache();
      const mutation = cache.getAll().find((candidate) => candidate.mutationId === id);
      if (mutation && mutation.state.status !== 'pending') cache.remove(mutation);
    },
    [client],
  );
  return { writes, dismiss };
}

/** Threads opened on the axis that the server has not acknowledged yet (pending or refused). */
export function useQueuedThreads(axisId: string) {
  return useQueuedWrites<CreateThreadVariables>(offlineMutationKeys.createThread, (variables) => variables.axisId === axisId);
}

/** Replies in the thread that the server has not acknowledged yet (pending or refused). */
export function useQueuedReplies(threadId: string) {
  return useQueuedWrites<ReplyVariables>(offlineMutationKeys.reply, (variables) => variables.threadId === threadId);
}

/** The caller's ballot in the vote that the server has not acknowledged yet (pending or refused). */
export function useQueuedBallots(voteId: string) {
  return useQueuedWrites<CastBallotVariables>(offlineMutationKeys.castBallot, (variables) => variables.voteId === voteId);
}

/* ----------------------------------------------------------------- persistence */

const DB_NAME = 'miroir-offline';
const STORE = 'queues';

function openDb(): Promise<IDBDatabase> | null {
  if (typeof indexedDB === 'undefined') return null;
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
  const opening = openDb();
  if (!opening) return undefined;
  const db = await opening;
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

const recordKey = (userId: string) => `user:${userId}`;

/** Writes to IndexedDB one after the other, so that a late save can never resurrect a forgotten queue. */
let writes: Promise<unknown> = Promise.resolve();
function enqueueWrite(work: () => Promise<unknown>): Promise<unknown> {
  writes = writes.then(work).catch(() => undefined);
  return writes;
}

/** Errors are stored as plain `{statusCode, code, message}`: what `errorMessage` needs. */
function storable(state: DehydratedState): string {
  return JSON.stringify(state, (key, value: unknown) =>
    key === 'error' || key === 'failureReason'
      ? value instanceof ApiError
        ? value.body
        : value instanceof Error
          ? { name: value.name, message: value.message }
          : value
      : value,
  );
}

function saveQueue(client: QueryClient, userId: string): Promise<unknown> {
  return enqueueWrite(() => {
    const state = dehydrate(client, {
      shouldDehydrateQuery: () => false,
      shouldDehydrateMutation: (mutation) =>
        isQueuedMutation(mutation) &&
        ownerOf(mutation) === userId &&
        (mutation.state.status === 'pending' || mutation.state.status === 'error'),
    });
    return withStore('readwrite', (store) => store.put(storable(state), recordKey(userId)));
  });
}

async function loadQueue(userId: string): Promise<DehydratedState | null> {
  const stored = await withStore<unknown>('readonly', (store) => store.get(recordKey(userId)));
  if (typeof stored !== 'string') return null;
  const state = JSON.parse(stored) as DehydratedState;
  return {
    queries: [],
    // What was pending when the page closed waits for the network again (`resumePausedMutations`).
    mutations: state.mutations.map((mutation) =>
      mutation.state.status === 'pending' ? { ...mutation, state: { ...mutation.state, isPaused: true } } : mutation,
    ),
  };
}

function removeQueuedMutations(client: QueryClient, keep: (mutation: AnyMutation) => boolean) {
  const cache = client.getMutationCache();
  for (const mutation of cache.getAll()) {
    if (isQueuedMutation(mutation) && !keep(mutation)) cache.remove(mutation);
  }
}

/**
 * Restores the user's queue (once per page: not again if it is already in memory), resumes it,
 * and saves it on every change. Writes of another user still in memory are dropped.
 */
function startPersistence(client: QueryClient, userId: string): () => void {
  let stopped = false;
  removeQueuedMutations(client, (mutation) => ownerOf(mutation) === userId);
  const stopSaving = client.getMutationCache().subscribe((event) => {
    if (stopped || !event.mutation || !isQueuedMutation(event.mutation) || ownerOf(event.mutation) !== userId) return;
    if (event.type === 'updated' && event.mutation.state.status === 'success') {
      // Sent and acknowledged: the server's version is in the lists now.
      const sent = event.mutation;
      setTimeout(() => client.getMutationCache().remove(sent), 0);
      return;
    }
    if (event.type === 'added' || event.type === 'removed' || event.type === 'updated') void saveQueue(client, userId);
  });
  void (async () => {
    const restored = await loadQueue(userId).catch(() => null);
    if (stopped || !restored) return;
    const inMemory = client
      .getMutationCache()
      .getAll()
      .some((mutation) => isQueuedMutation(mutation) && ownerOf(mutation) === userId);
    if (!inMemory) hydrate(client, restored);
    await client.resumePausedMutations();
  })();
  return () => {
    stopped = true;
    stopSaving();
  };
}

/** Keeps the signed-in user's offline queue in IndexedDB across reloads (see the module comment). */
export function useOfflineQueuePersistence(client: QueryClient, userId: string | undefined): void {
  useEffect(() => (userId ? startPersistence(client, userId) : undefined), [client, userId]);
}

/** On sign-out: drops the user's queue from memory and from IndexedDB (a shared computer keeps nothing). */
export async function forgetOfflineQueue(client: QueryClient, userId: string | undefined): Promise<void> {
  removeQueuedMutations(client, () => false);
  if (userId) await enqueueWrite(() => withStore('readwrite', (store) => store.delete(recordKey(userId))));
}
