import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The y-protocols awareness update format: a count, then per client its id, a clock and its state
 * as JSON (`null` when the client left). The server decodes it to bind client ids to the socket
 * that first claimed them and to stamp the `user` field from the session.
 */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

export const MAX_AWARENESS_STATE_BYTES = 4096;
const MAX_ENTRIES = 64;

/** Entries of an awareness update, or null when it is malformed or outside the limits. */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_ENTRIES) return null;
    const entries: AwarenessEntry[] = [];
    for (let index = 0; index < count; index += 1) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (json.length > MAX_AWARENESS_STATE_BYTES) return null;
      const state: unknown = JSON.parse(json);
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) return null;
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
    }
    return decoding.hasContent(decoder) ? null : entries;
  } catch {
    return null;
  }
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}
