export { ApiError, apiRequest, isApiError, toApiError, type HttpMethod, type RequestOptions } from './api-client';
export { api, type CreatePlanInput } from './endpoints';
export { queryKeys } from './query-keys';
export { createQueryClient, shouldRetry } from './query-client';
export * from './queries';
export { SessionProvider, useSession, useWorkspaceRole, useCan, roleIn, type SessionStatus, type SessionValue } from './session';
export * from './threads';
export * from './notifications';
export * from './live';
export {
  forgetOfflineQueue,
  isNetworkError,
  offlineMutationKeys,
  useQueuedBallots,
  useQueuedReplies,
  useQueuedThreads,
  type CastBallotVariables,
  type CreateThreadVariables,
  type QueuedWrite,
  type ReplyVariables,
} from './offline-queue';
