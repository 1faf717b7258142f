import { onlineManager, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';
import { registerQueuedMutations } from './offline-queue';
import { castBallotMutation } from './queries';
import { createThreadMutation, replyMutation } from './threads';

/** Client errors (4xx) are final; network and server errors are retried twice. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * `offlineFirst`: while the browser reports no network, queries still run once, so that the
 * service worker can answer from its cache (a page visited before opens offline); only their
 * retries wait for the network to come back.
 */
export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: true, networkMode: 'offlineFirst' },
      mutations: { retry: false },
    },
  });
  // Writes that wait for the network (comments, ballots) must find their function after a reload.
  registerQueuedMutations(client, [createThreadMutation, replyMutation, castBallotMutation]);
  // react-query assumes it starts online and only listens to `online`/`offline` events: a page
  // (re)loaded offline would try to send its queue at once, then miss the `online` event.
  if (typeof navigator !== 'undefined' && navigator.onLine === false) onlineManager.setOnline(false);
  return client;
}
