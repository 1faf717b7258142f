/**
 * Live notifications of changes to threads, votes and one's notifications, over socket.io
 * (namespace `/live`, see docs/realtime-protocol.md). Events only say what changed: clients
 * then read the new state over REST, which applies every permission check.
 */
export const LIVE_NAMESPACE = '/live';

export const LIVE_CLIENT_EVENTS = {
  /** Follow the threads and votes of an axis (members of its workspace only). */
  watch: 'axis:watch',
  unwatch: 'axis:unwatch',
} as const;

export const LIVE_SERVER_EVENTS = {
  thread: 'thread:changed',
  vote: 'vote:changed',
  /** Sent to the user concerned only (a new mention), whatever page they are on. */
  notification: 'notification:new',
} as const;

export const LIVE_ERROR_CODES = ['MALFORMED', 'NOT_FOUND', 'RATE_LIMITED'] as const;
export type LiveErrorCode = (typeof LIVE_ERROR_CODES)[number];

export interface WatchRequest {
  axisId: string;
}

export type WatchReply = { ok: true } | { ok: false; code: LiveErrorCode; message: string };

export type ThreadChangeType = 'created' | 'commented' | 'edited' | 'deleted' | 'resolved' | 'reopened' | 'disposition';

export interface ThreadChangedEvent {
  axisId: string;
  threadId: string;
  type: ThreadChangeType;
  commentId?: string;
  /** Who made the change (clients do not announce their own changes twice). */
  actorId: string;
}

export interface VoteChangedEvent {
  axisId: string;
  voteId: string;
  type: 'opened' | 'ballot' | 'closed';
  /** Participation after the change; never who voted, nor what. */
  voters: number;
  eligible: number;
}

export interface NotificationEvent {
  notificationId: string;
  axisId: string;
  threadId: string;
}

export interface LiveServerToClientEvents {
  [LIVE_SERVER_EVENTS.thread]: (event: ThreadChangedEvent) => void;
  [LIVE_SERVER_EVENTS.vote]: (event: VoteChangedEvent) => void;
  [LIVE_SERVER_EVENTS.notification]: (event: NotificationEvent) => void;
}

export interface LiveClientToServerEvents {
  [LIVE_CLIENT_EVENTS.watch]: (request: WatchRequest, reply: (answer: WatchReply) => void) => void;
  [LIVE_CLIENT_EVENTS.unwatch]: (request: WatchRequest) => void;
}
