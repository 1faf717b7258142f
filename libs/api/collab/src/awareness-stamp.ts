import type { PresenceUser } from '@miroir/shared/contracts';
import { decodeAwarenessEntries, encodeAwarenessEntries } from '@miroir/shared/collab-protocol';

/**
 * Any client could claim another's identity in an awareness update. The server binds each Yjs
 * client id to the connection that first used it, drops entries for ids bound elsewhere, and
 * overwrites `user` with the session's identity.
 */
export function stampAwareness(
  update: Uint8Array,
  user: PresenceUser,
  ownedIds: Set<number>,
  isOwnedElsewhere: (clientId: number) => boolean,
): { update: Uint8Array; clientIds: number[] } | null {
  const entries = decodeAwarenessEntries(update);
  if (!entries) return null;
  const accepted = entries.filter((entry) => ownedIds.has(entry.clientId) || !isOwnedElsewhere(entry.clientId));
  accepted.forEach((entry) => ownedIds.add(entry.clientId));
  const stamped = accepted.map((entry) => ({ ...entry, state: entry.state === null ? null : { ...entry.state, user } }));
  return { update: encodeAwarenessEntries(stamped), clientIds: accepted.map((entry) => entry.clientId) };
}
