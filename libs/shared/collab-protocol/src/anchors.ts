import type { ThreadAnchor } from '@miroir/shared/contracts';
import { THREAD_QUOTE_MAX_LENGTH } from '@miroir/shared/contracts';
import * as Y from 'yjs';
import { decodeBinary, encodeBinary } from './base64';

/**
 * Anchors of comment threads on a co-edited rich text (a `Y.XmlFragment` as y-prosemirror stores
 * it: elements for blocks, `Y.XmlText` for their text).
 *
 * An anchor is two Yjs relative positions, base64-encoded. A relative position names a character
 * by its Yjs id rather than an index, so the anchor follows concurrent edits on every client
 * without any server-side rewriting: text inserted before the passage shifts it, text inserted
 * inside widens it, deletions elsewhere leave it alone.
 *
 * - The start sticks to the first character of the passage (`assoc >= 0`) and the end to its
 *   last character (`assoc < 0`): what is typed right before or right after the passage stays
 *   out of it.
 * - Once the passage is gone, the anchor is *detached*: its ends no longer resolve (the block
 *   that held them was deleted, and its content garbage-collected), they land in a deleted type,
 *   or they resolve but no character is left between them. A detached thread keeps its quote.
 * - An anchor that names characters this replica has not received yet is *pending*, not
 *   detached: the document is still loading, or the passage was typed offline by someone else.
 *
 * Offsets here count characters of `Y.XmlText` only (an embed counts one), ignoring element
 * boundaries: they order positions and measure passages without knowing the editor's schema.
 * ProseMirror positions are the editor's business (libs/web/proposals).
 */

/** Any shared type (Yjs types it `AbstractType<any>`). */
type YType = Parameters<typeof Y.createRelativePositionFromTypeIndex>[0];

/** A position in the Yjs model: an index in a type (characters of a text, children of an element). */
export interface YPosition {
  type: YType;
  index: number;
}

export type AnchorEnd = 'start' | 'end';

export type AnchorResolution =
  | {
      status: 'attached';
      start: Y.AbsolutePosition;
      end: Y.AbsolutePosition;
      /** Text offsets of the passage in the fragment, `from < to`. */
      from: number;
      to: number;
      /** The passage's current text, blocks separated by a line break. */
      text: string;
    }
  | { status: 'detached'; reason: 'undecodable' | 'deleted' | 'collapsed' }
  | { status: 'pending' };

/** Relative position of `index` in `type`, sticking to the passage's first or last character. */
export function relativePositionAt(type: YType, index: number, end: AnchorEnd): Y.RelativePosition {
  return Y.createRelativePositionFromTypeIndex(type, index, end === 'start' ? 0 : -1);
}

export function encodeRelativePosition(position: Y.RelativePosition): string {
  return encodeBinary(Y.encodeRelativePosition(position));
}

/** The relative position a client sent, or null when it is not one. */
export function decodeRelativePosition(text: unknown): Y.RelativePosition | null {
  const bytes = decodeBinary(text);
  if (!bytes || bytes.length === 0) return null;
  try {
    return Y.decodeRelativePosition(bytes);
  } catch {
    return null;
  }
}

/** Cuts a quote to what the contract accepts (the server refuses longer ones). */
export function clampQuote(quote: string): string {
  const trimmed = quote.trim();
  if (trimmed.length <= THREAD_QUOTE_MAX_LENGTH) return trimmed;
  return `${trimmed.slice(0, THREAD_QUOTE_MAX_LENGTH - 1)}…`;
}

/** An anchor over the passage between two Yjs positions. */
export function createAnchor(start: YPosition, end: YPosition, quote: string): ThreadAnchor {
  return {
    start: encodeRelativePosition(relativePositionAt(start.type, start.index, 'start')),
    end: encodeRelativePosition(relativePositionAt(end.type, end.index, 'end')),
    quote: clampQuote(quote),
  };
}

/** Where an anchor's passage is now in `fragment`, on this replica. */
export function resolveAnchor(doc: Y.Doc, fragment: Y.XmlFragment, anchor: Pick<ThreadAnchor, 'start' | 'end'>): AnchorResolution {
  const startRelative = decodeRelativePosition(anchor.start);
  const endRelative = decodeRelativePosition(anchor.end);
  if (!startRelative || !endRelative) return { status: 'detached', reason: 'undecodable' };
  if (!isKnown(doc, startRelative) || !isKnown(doc, endRelative)) return { status: 'pending' };

  // Not following undone deletions: Yjs only knows locally that an undo re-created characters,
  // so the replica that undid would re-attach a passage that stays detached everywhere else.
  const start = Y.createAbsolutePositionFromRelativePosition(startRelative, doc, false);
  const end = Y.createAbsolutePositionFromRelativePosition(endRelative, doc, false);
  // Null once the structs are garbage-collected: the block holding that end was deleted.
  if (!start || !end) return { status: 'detached', reason: 'deleted' };
  const from = textOffset(fragment, start);
  const to = textOffset(fragment, end);
  // Null when the type is deleted (or not in this fragment at all).
  if (from === null || to === null) return { status: 'detached', reason: 'deleted' };
  if (to <= from) return { status: 'detached', reason: 'collapsed' };
  return { status: 'attached', start, end, from, to, text: textBetween(fragment, from, to) };
}

/** Whether the anchor's passage is gone (`pending` is not: it may still arrive). */
export function isAnchorDetached(doc: Y.Doc, fragment: Y.XmlFragment, anchor: Pick<ThreadAnchor, 'start' | 'end'>): boolean {
  return resolveAnchor(doc, fragment, anchor).status === 'detached';
}

/** Text offset of a Yjs position in `fragment`, or null when its type is not (or no longer) in it. */
export function textOffset(fragment: Y.XmlFragment, position: YPosition): number | null {
  if (position.type._item?.deleted) return null;
  return locate(fragment, position, 0).offset;
}

/** The fragment's text between two text offsets, blocks (and texts split by inline nodes) joined by `\n`. */
export function textBetween(fragment: Y.XmlFragment, from: number, to: number): string {
  const pieces: string[] = [];
  let offset = 0;
  for (const text of texts(fragment)) {
    const length = text.length;
    const lo = Math.max(from, offset);
    const hi = Math.min(to, offset + length);
    if (lo < hi) pieces.push(plainText(text).slice(lo - offset, hi - offset));
    offset += length;
    if (offset >= to) break;
  }
  return pieces.join('\n');
}

function isKnown(doc: Y.Doc, position: Y.RelativePosition): boolean {
  const id = position.item ?? position.type;
  return id === null || Y.getState(doc.store, id.client) > id.clock;
}

type Container = Y.XmlFragment | Y.XmlElement;

/** Depth-first walk of the live tree, counting characters until the position's type is met. */
function locate(container: Container, position: YPosition, base: number): { offset: number | null; length: number } {
  const children = container.toArray();
  if (container === position.type) {
    let offset = base;
    for (const child of children.slice(0, position.index)) offset += textLength(child);
    return { offset, length: offset - base };
  }
  let length = 0;
  for (const child of children) {
    if (child instanceof Y.XmlText) {
      if (child === position.type) return { offset: base + length + Math.min(position.index, child.length), length };
      length += child.length;
    } else if (child instanceof Y.XmlElement) {
      const found = locate(child, position, base + length);
      if (found.offset !== null) return found;
      length += found.length;
    }
  }
  return { offset: null, length };
}

function textLength(node: unknown): number {
  if (node instanceof Y.XmlText) return node.length;
  if (node instanceof Y.XmlElement) return node.toArray().reduce((sum: number, child) => sum + textLength(child), 0);
  return 0;
}

function* texts(container: Container): Generator<Y.XmlText> {
  for (const child of container.toArray()) {
    if (child instanceof Y.XmlText) yield child;
    else if (child instanceof Y.XmlElement) yield* texts(child);
  }
}

/** The characters of a text without its formatting; an embed stands as U+FFFC, one character like in Yjs. */
function plainText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map(({ insert }) => (typeof insert === 'string' ? insert : '\uFFFC')).join('');
}
