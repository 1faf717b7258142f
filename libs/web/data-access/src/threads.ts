import type {
  AxisThreads,
  CommentRequest,
  CreateThreadRequest,
  DispositionRequest,
  Thread,
} from '@miroir/shared/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import { useLiveFallbackInterval } from './live';
import { newClientId, offlineMutationKeys, queuedMutationOptions, useQueuedSubmit, type CreateThreadVariables, type ReplyVariables } from './offline-queue';
import { queryKeys } from './query-keys';

const seg = encodeURIComponent;

/** One typed function per threads endpoint (see `libs/api/threads/src/threads.controller.ts`). */
export const threadsApi = {
  list: (axisId: string, signal?: AbortSignal) => apiRequest<AxisThreads>(`/api/axes/${seg(axisId)}/threads`, { signal }),
  create: (axisId: string, body: CreateThreadRequest) => apiRequest<Thread>(`/api/axes/${seg(axisId)}/threads`, { method: 'POST', body }),
  visit: (axisId: string) => apiRequest<{ axisId: string; lastVisitAt: string }>(`/api/axes/${seg(axisId)}/visit`, { method: 'POST' }),
  reply: (threadId: string, body: CommentRequest) => apiRequest<Thread>(`/api/threads/${seg(threadId)}/comments`, { method: 'POST', body }),
  resolve: (threadId: string) => apiRequest<Thread>(`/api/threads/${seg(threadId)}/resolve`, { method: 'POST' }),
  reopen: (threadId: string) => apiRequest<Thread>(`/api/threads/${seg(threadId)}/reopen`, { method: 'POST' }),
  dispose: (threadId: string, body: DispositionRequest) =>
    apiRequest<Thread>(`/api/threads/${seg(threadId)}/disposition`, { method: 'PUT', body }),
  editComment: (commentId: string, body: CommentRequest) =>
    apiRequest<Thread>(`/api/comments/${seg(commentId)}`, { method: 'PATCH', body }),
  deleteComment: (commentId: string) => apiRequest<Thread>(`/api/comments/${seg(commentId)}`, { method: 'DELETE' }),
};

/* ----------------------------------------------------------------- reads */

export function useAxisThreads(axisId: string | undefined) {
  const refetchInterval = useLiveFallbackInterval();
  return useQuery({
    queryKey: queryKeys.axisThreads(axisId ?? ''),
    queryFn: ({ signal }) => threadsApi.list(axisId as string, signal),
    enabled: Boolean(axisId),
    refetchInterval,
  });
}

/* ---------------------------------------------------------------- writes */

/**
 * Every write answers with the whole thread: put it in the axis list at once (keeping the
 * « new » counts the list had, which only the server can recompute), then refresh the list
 * and the plan activity.
 */
function storeThread(client: QueryClient, thread: Thread) {
  client.setQueryData<AxisThreads>(queryKeys.axisThreads(thread.axisId), (current) => {
    if (!current) return current;
    const exists = current.threads.some((candidate) => candidate.id === thread.id);
    const threads = exists
      ? current.threads.map((candidate) =>
          candidate.id === thread.id ? { ...thread, newSinceLastVisit: candidate.newSinceLastVisit } : candidate,
        )
      : [...current.threads, thread];
    return { ...current, threads };
  });
  return Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.axisThreads(thread.axisId) }),
    client.invalidateQueries({ queryKey: ['threads', 'activity'] }),
  ]);
}

/**
 * Opening a thread and replying go through the offline queue (`offline-queue.ts`): the same
 * options serve as the defaults of their key, so that a queue restored after a reload can send.
 * The answer is stored without waiting for the refresh, so that the pending item and the
 * server's version are never shown together.
 */
export const createThreadMutation = queuedMutationOptions<Thread, CreateThreadVariables>({
  mutationKey: offlineMutationKeys.createThread,
  mutationFn: ({ axisId, body }) => threadsApi.create(axisId, body),
  onSuccess: (thread, _variables, _result, { client }) => {
    void storeThread(client, thread);
  },
});

export const replyMutation = queuedMutationOptions<Thread, ReplyVariables>({
  mutationKey: offlineMutationKeys.reply,
  mutationFn: ({ threadId, body }) => threadsApi.reply(threadId, body),
  onSuccess: (thread, _variables, _result, { client }) => {
    void storeThread(client, thread);
  },
});

/** `submit` resolves with the server's answer or, offline, `null` once queued (see `submitQueued`). */
export function useCreateThread(axisId: string) {
  const { submit, isPending } = useQueuedSubmit(createThreadMutation);
  return {
    isPending,
    submit: (body: Omit<CreateThreadRequest, 'clientId'>) => submit({ axisId, body: { ...body, clientId: newClientId() } }),
  };
}

/** `submit` resolves with the server's answer or, offline, `null` once queued (see `submitQueued`). */
export function useReply(threadId: string, axisId: string) {
  const { submit, isPending } = useQueuedSubmit(replyMutation);
  return {
    isPending,
    submit: (body: Omit<CommentRequest, 'clientId'>) => submit({ axisId, threadId, body: { ...body, clientId: newClientId() } }),
  };
}

export function useEditComment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ commentId, body }: { commentId: string; body: string }) => threadsApi.editComment(commentId, { body }),
    onSuccess: (thread) => storeThread(client, thread),
  });
}

export function useDeleteComment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (commentId: string) => threadsApi.deleteComment(commentId),
    onSuccess: (thread) => storeThread(client, thread),
  });
}

export function useResolveThread(threadId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => threadsApi.resolve(threadId),
    onSuccess: (thread) => storeThread(client, thread),
  });
}

export function useReopenThread(threadId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => threadsApi.reopen(threadId),
    onSuccess: (thread) => storeThread(client, thread),
  });
}

export function useSetDisposition(threadId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DispositionRequest) => threadsApi.dispose(threadId, body),
    onSuccess: (thread) => storeThread(client, thread),
  });
}

/**
 * Records that the caller has seen the axis. It does not refresh the thread list on purpose:
 * the « new » badges stay visible for the rest of this visit. Only the plan activity (read on
 * other pages) is invalidated.
 */
export function useRecordVisit(axisId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => threadsApi.visit(axisId),
    onSuccess: () => client.invalidateQueries({ queryKey: ['threads', 'activity'] }),
  });
}
