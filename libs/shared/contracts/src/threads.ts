/**
 * Threads of discussion on an axis, either on the axis as a whole or anchored to a passage of
 * its proposal. Comment bodies are Markdown, stored raw: the client renders them sanitised (a
 * safe subset, no raw HTML). A body may mention members with `@[Display Name](user:<uuid>)`.
 */
export const THREAD_STATUSES = ['open', 'resolved'] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

/** What the moderator decided about a thread before the axis closes. */
export const THREAD_DISPOSITIONS = ['integre', 'repondu', 'ecarte', 'hors_sujet'] as const;
export type ThreadDisposition = (typeof THREAD_DISPOSITIONS)[number];

export const COMMENT_BODY_MAX_LENGTH = 10_000;
export const THREAD_QUOTE_MAX_LENGTH = 1_000;
export const DISPOSITION_REASON_MAX_LENGTH = 2_000;
/** Each Yjs relative position, base64-encoded by the client. */
export const ANCHOR_POSITION_MAX_LENGTH = 1_000;

/**
 * A passage of the proposal: two Yjs relative positions (`Y.encodeRelativePosition`, base64)
 * produced by the client, which follow concurrent edits, and the text quoted when the thread
 * was opened (shown if the passage is later deleted).
 */
export interface ThreadAnchor {
  start: string;
  end: string;
  quote: string;
}

export interface PersonRef {
  userId: string | null;
  displayName: string | null;
}

export interface ThreadComment {
  id: string;
  threadId: string;
  author: PersonRef;
  /** Raw Markdown; empty once deleted. */
  body: string;
  /** Members mentioned in the body (non-members are ignored). */
  mentions: string[];
  createdAt: string;
  editedAt: string | null;
  /** Set when the author deleted it: the row stays, shown as « commentaire supprimé ». */
  deletedAt: string | null;
}

export interface Thread {
  id: string;
  axisId: string;
  author: PersonRef;
  /** Null when the thread is about the axis as a whole. */
  anchor: ThreadAnchor | null;
  status: ThreadStatus;
  resolvedBy: PersonRef | null;
  resolvedAt: string | null;
  disposition: ThreadDisposition | null;
  dispositionReason: string | null;
  dispositionBy: PersonRef | null;
  dispositionAt: string | null;
  createdAt: string;
  comments: ThreadComment[];
  /** Comments by others since the caller's last visit of the axis (all of them if never visited). */
  newSinceLastVisit: number;
}

export interface AxisThreads {
  axisId: string;
  /** The caller's previous visit, or null if never. */
  lastVisitAt: string | null;
  /** Comments by others since the last visit, over all threads. */
  newSinceLastVisit: number;
  threads: Thread[];
}

/** `GET /api/axes/:axisId/threads/summary`: the axis cannot be closed while `withoutDisposition > 0`. */
export interface ThreadsSummary {
  axisId: string;
  total: number;
  open: number;
  resolved: number;
  withoutDisposition: number;
  newSinceLastVisit: number;
}

/** Body of `POST /api/axes/:axisId/threads`. */
export interface CreateThreadRequest {
  body: string;
  anchor?: ThreadAnchor | null;
  /**
   * Random uuid chosen by the client for the first comment, so that a replayed request (sent
   * again after its answer was lost) answers the thread already created instead of a duplicate.
   */
  clientId?: string;
}

/** Body of `POST /api/threads/:threadId/comments` and `PATCH /api/comments/:commentId`. */
export interface CommentRequest {
  body: string;
  /** Replies only: random uuid chosen by the client, for idempotent replays (see `CreateThreadRequest`). */
  clientId?: string;
}

/** Body of `PUT /api/threads/:threadId/disposition`; `null` clears it. A reason is required for `ecarte`. */
export interface DispositionRequest {
  disposition: ThreadDisposition | null;
  reason?: string | null;
}

export const NOTIFICATION_KINDS = ['mention'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface MentionPayload {
  workspaceId: string;
  axisId: string;
  threadId: string;
  commentId: string;
  by: PersonRef;
}

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  payload: MentionPayload;
  createdAt: string;
  readAt: string | null;
}

/** Per axis of a plan, what the caller has not seen yet and what the moderator still has to do. */
export interface AxisActivity {
  axisId: string;
  /** Comments by others since the caller's last visit of the axis (all of them if never visited). */
  newComments: number;
  openThreads: number;
  withoutDisposition: number;
  lastVisitAt: string | null;
}

/** `GET /api/plans/:planId/activity`: only axes with at least one thread are listed. */
export interface PlanActivity {
  planId: string;
  axes: AxisActivity[];
}
