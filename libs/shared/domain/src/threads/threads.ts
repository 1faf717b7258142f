import {
  ANCHOR_POSITION_MAX_LENGTH,
  COMMENT_BODY_MAX_LENGTH,
  DISPOSITION_REASON_MAX_LENGTH,
  THREAD_QUOTE_MAX_LENGTH,
  type ThreadAnchor,
  type ThreadDisposition,
  type WorkspaceRole,
} from '@miroir/shared/contracts';
import { can } from '../permissions';
import type { Rejection } from '../votes';

/**
 * A mention in a comment body: `@[Display Name](user:<uuid>)`. The display name is what the
 * reader sees (no `]` inside); the uuid says who is notified. Anything else that looks like a
 * mention is plain text.
 */
const MENTION = /@\[([^\]\n]{1,200})\]\(user:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\)/g;

/** The distinct user ids mentioned in a body, lower-cased, in order of first appearance. */
export function parseMentions(body: string): string[] {
  const ids: string[] = [];
  for (const match of body.matchAll(MENTION)) {
    const id = match[2].toLowerCase();
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** A mention token for a member, with `]` and line breaks taken out of the name. */
export function mentionToken(displayName: string, userId: string): string {
  const name = displayName.replace(/[\]\n\r]/g, ' ').trim().slice(0, 200) || 'membre';
  return `@[${name}](user:${userId})`;
}

/** NUL cannot be stored in PostgreSQL text and has no place in prose. */
function hasNul(text: string): boolean {
  return text.includes('\u0000');
}

/** A comment body: not blank, at most 10,000 characters, no NUL. */
export function checkCommentBody(body: string, field = 'body'): Rejection | null {
  if (hasNul(body)) return { field, constraint: 'nulCharacter', message: `${field} must not contain NUL characters` };
  if (body.trim().length === 0) return { field, constraint: 'isNotEmpty', message: `${field} must not be blank` };
  if (body.length > COMMENT_BODY_MAX_LENGTH) return { field, constraint: 'maxLength', message: `${field} must be at most ${COMMENT_BODY_MAX_LENGTH} characters` };
  return null;
}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** An anchor: two base64 relative positions and a quote of 1 to 1,000 characters. */
export function checkAnchor(anchor: ThreadAnchor): Rejection | null {
  const extra = Object.keys(anchor).find((key) => !['start', 'end', 'quote'].includes(key));
  if (extra) return { field: `anchor.${extra}`, constraint: 'whitelistValidation', message: `property anchor.${extra} should not exist` };
  for (const key of ['start', 'end'] as const) {
    const value = anchor[key];
    if (typeof value !== 'string' || value.length === 0 || value.length > ANCHOR_POSITION_MAX_LENGTH || !BASE64.test(value)) {
      return { field: `anchor.${key}`, constraint: 'invalidAnchor', message: `anchor.${key} must be a base64-encoded Yjs relative position` };
    }
  }
  if (typeof anchor.quote !== 'string' || hasNul(anchor.quote)) {
    return { field: 'anchor.quote', constraint: 'nulCharacter', message: 'anchor.quote must not contain NUL characters' };
  }
  if (anchor.quote.trim().length === 0) return { field: 'anchor.quote', constraint: 'isNotEmpty', message: 'anchor.quote must not be blank' };
  if (anchor.quote.length > THREAD_QUOTE_MAX_LENGTH) {
    return { field: 'anchor.quote', constraint: 'maxLength', message: `anchor.quote must be at most ${THREAD_QUOTE_MAX_LENGTH} characters` };
  }
  return null;
}

/** A disposition: `ecarte` needs a reason; a reason has no NUL and at most 2,000 characters. */
export function checkDisposition(disposition: ThreadDisposition | null, reason: string | null | undefined): Rejection | null {
  const text = reason?.trim() ?? '';
  if (reason && hasNul(reason)) return { field: 'reason', constraint: 'nulCharacter', message: 'reason must not contain NUL characters' };
  if (text.length > DISPOSITION_REASON_MAX_LENGTH) {
    return { field: 'reason', constraint: 'maxLength', message: `reason must be at most ${DISPOSITION_REASON_MAX_LENGTH} characters` };
  }
  if (disposition === 'ecarte' && !text) {
    return { field: 'reason', constraint: 'dispositionReasonRequired', message: 'reason is required when the contribution is set aside (ecarte)' };
  }
  return null;
}

/** The thread's author or whoever moderates threads (moderators, admins) may resolve and reopen it. */
export function canResolveThread(role: WorkspaceRole, isAuthor: boolean): boolean {
  return can(role, 'thread.moderate') || (isAuthor && can(role, 'thread.comment'));
}
