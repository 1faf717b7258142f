/**
 * The real-time protocol between browsers and the api, over socket.io (see
 * docs/realtime-protocol.md). Yjs updates, state vectors and awareness updates travel as base64
 * strings so that every packet is a single frame, which socket.io pre-encodes once per broadcast.
 */
export const REALTIME_NAMESPACE = '/collab';

export const CLIENT_EVENTS = {
  join: 'doc:join',
  leave: 'doc:leave',
  update: 'doc:update',
  awareness: 'awareness:update',
} as const;

export const SERVER_EVENTS = {
  update: 'doc:update',
  awareness: 'awareness:update',
  error: 'doc:error',
  access: 'doc:access',
} as const;

export const REALTIME_ERROR_CODES = [
  'MALFORMED',
  'FRAME_TOO_LARGE',
  'NOT_JOINED',
  'NOT_FOUND',
  'READ_ONLY',
  'FORBIDDEN',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'DOCUMENT_TOO_LARGE',
] as const;
export type RealtimeErrorCode = (typeof REALTIME_ERROR_CODES)[number];

/** Default application limit on one update; socket.io's own buffer limit sits above it. */
export const DEFAULT_MAX_UPDATE_BYTES = 1024 * 1024;

/** The co-edited proposal of an axis. */
export function proposalDocumentName(axisId: string): string {
  return `axis:${axisId}:proposal`;
}

export interface JoinRequest {
  doc: string;
  /** The client's Yjs state vector (sync step 1), base64. */
  stateVector: string;
}

export type JoinReply =
  | {
      ok: true;
      readOnly: boolean;
      /** What the client lacks (sync step 2), base64. */
      update: string;
      /** The server's state vector, so the client can send what the server lacks. */
      stateVector: string;
      /** Every known presence in the room, base64 awareness update (may be empty). */
      awareness: string;
    }
  | RealtimeFailure;

export interface LeaveRequest {
  doc: string;
}

export interface UpdateMessage {
  doc: string;
  /** A Yjs update, base64. */
  update: string;
}

/** Answer to the sender of an update: `ok` only once the update is committed in PostgreSQL. */
export type UpdateReply = { ok: true } | RealtimeFailure;

export interface AwarenessMessage {
  doc: string;
  /** A y-protocols awareness update, base64. The server rewrites each state's `user`. */
  update: string;
}

export interface RealtimeFailure {
  ok: false;
  code: RealtimeErrorCode;
  message: string;
}

export interface RealtimeErrorEvent {
  doc?: string;
  code: RealtimeErrorCode;
  message: string;
}

/** Sent when the caller's rights on an open document change (role changed or removed). */
export interface AccessEvent {
  doc: string;
  readOnly: boolean;
  revoked: boolean;
}

/** The identity the server stamps on every awareness state: clients cannot choose it. */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

export interface ServerToClientEvents {
  [SERVER_EVENTS.update]: (message: UpdateMessage) => void;
  [SERVER_EVENTS.awareness]: (message: AwarenessMessage) => void;
  [SERVER_EVENTS.error]: (event: RealtimeErrorEvent) => void;
  [SERVER_EVENTS.access]: (event: AccessEvent) => void;
}

export interface ClientToServerEvents {
  [CLIENT_EVENTS.join]: (request: JoinRequest, reply: (answer: JoinReply) => void) => void;
  [CLIENT_EVENTS.leave]: (request: LeaveRequest) => void;
  [CLIENT_EVENTS.update]: (message: UpdateMessage, reply: (answer: UpdateReply) => void) => void;
  [CLIENT_EVENTS.awareness]: (message: AwarenessMessage) => void;
}
