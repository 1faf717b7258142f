import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';

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
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: true, networkMode: 'offlineFirst' },
      mutations: { retry: false },
    },
  });
}
