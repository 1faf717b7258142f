// A util library may not depend on a testing one at runtime; a spec only borrows its seeded PRNG.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { prng, testSeed } from '@miroir/shared/testing';
import * as Y from 'yjs';
import { createAnchor, decodeRelativePosition, encodeRelativePosition, relativePositionAt, resolveAnchor, textBetween } from './anchors';
import { encodeBinary } from './base64';

/** The field y-prosemirror binds to (any name works: the helpers take the fragment). */
const FIELD = 'prosemirror';

/** A document as y-prosemirror stores it: one element per paragraph, holding a Y.XmlText. */
function docWith(paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc();
  doc.getXmlFragment(FIELD).insert(
    0,
    paragraphs.map((text) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    }),
  );
  return doc;
}

/** A replica that received everything `source` has. */
function replicaOf(source: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  return doc;
}

function syncAll(...docs: Y.Doc[]): void {
  for (const from of docs) for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

const fragmentOf = (doc: Y.Doc) => doc.getXmlFragment(FIELD);
const paragraphText = (doc: Y.Doc, index: number) => (fragmentOf(doc).get(index) as Y.XmlElement).get(0) as Y.XmlText;
const wholeText = (doc: Y.Doc) => textBetween(fragmentOf(doc), 0, Number.MAX_SAFE_INTEGER);
/** A text's characters without the formatting tags `toString()` adds. */
const plain = (text: Y.XmlText) => (text.toDelta() as { insert: string }[]).map(({ insert }) => insert).join('');

/** Anchors the first occurrence of `words` in paragraph `index`. */
function anchorOn(doc: Y.Doc, index: number, words: string) {
  const text = paragraphText(doc, index);
  const at = plain(text).indexOf(words);
  if (at < 0) throw new Error(`"${words}" not in paragraph ${index}`);
  return createAnchor({ type: text, index: at }, { type: text, index: at + words.length }, words);
}

function passage(doc: Y.Doc, anchor: { start: string; end: string }): string | null {
  const resolution = resolveAnchor(doc, fragmentOf(doc), anchor);
  return resolution.status === 'attached' ? resolution.text : null;
}

const PARAGRAPHS = ['Axe 2 : former les encadrants.', 'Former les cadres dirigeants au co-développement.', 'Calendrier : 2027.'];

describe('thread anchors', () => {
  it('encode relative positions to base64 and back, refusing anything else', () => {
    const doc = docWith(PARAGRAPHS);
    const position = relativePositionAt(paragraphText(doc, 1), 11, 'start');
    const encoded = encodeRelativePosition(position);
    expect(encoded).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    const decoded = decodeRelativePosition(encoded);
    // Only the item is written: the type is found again from it.
    expect(decoded).toMatchObject({ item: position.item, assoc: position.assoc });
    expect(Y.createAbsolutePositionFromRelativePosition(decoded as Y.RelativePosition, doc)).toMatchObject({ index: 11 });
    expect(decodeRelativePosition('not base64!')).toBeNull();
    expect(decodeRelativePosition('')).toBeNull();
    expect(decodeRelativePosition(encodeBinary(new Uint8Array([0xff, 0xff, 0xff])))).toBeNull();
    expect(decodeRelativePosition(42)).toBeNull();
  });

  it('resolves to the quoted words, with their text offsets', () => {
    const doc = docWith(PARAGRAPHS);
    const anchor = anchorOn(doc, 1, 'cadres dirigeants');
    expect(anchor.quote).toBe('cadres dirigeants');
    const resolution = resolveAnchor(doc, fragmentOf(doc), anchor);
    expect(resolution).toMatchObject({ status: 'attached', text: 'cadres dirigeants', from: PARAGRAPHS[0].length + 11 });
  });

  it('follows concurrent edits before, inside and after the passage, on both replicas', () => {
    const a = docWith(PARAGRAPHS);
    const b = replicaOf(a);
    const anchor = anchorOn(a, 1, 'cadres dirigeants');

    // Concurrently: B edits around and inside the passage, A deletes elsewhere.
    const bText = paragraphText(b, 1);
    bText.insert(plain(bText).indexOf('au co-'), 'territoriaux '); // after
    bText.insert(plain(bText).indexOf(' dirigeants'), ' et futurs'); // inside
    bText.insert(0, 'Objectif : '); // before
    paragraphText(a, 0).delete(0, 'Axe 2 : '.length); // elsewhere
    fragmentOf(a).delete(2, 1);

    syncAll(a, b);
    expect(wholeText(a)).toBe(wholeText(b));
    expect(wholeText(a)).toBe('former les encadrants.\nObjectif : Former les cadres et futurs dirigeants territoriaux au co-développement.');
    expect(passage(a, anchor)).toBe('cadres et futurs dirigeants');
    expect(passage(b, anchor)).toBe('cadres et futurs dirigeants');
  });

  it('leaves out what is typed right before or right after the passage', () => {
    const a = docWith(PARAGRAPHS);
    const b = replicaOf(a);
    const anchor = anchorOn(a, 1, 'cadres dirigeants');
    const text = paragraphText(b, 1);
    const start = plain(text).indexOf('cadres');
    text.insert(start + 'cadres dirigeants'.length, '!');
    text.insert(start, '«');
    syncAll(a, b);
    expect(plain(paragraphText(a, 1))).toContain('«cadres dirigeants!');
    expect(passage(a, anchor)).toBe('cadres dirigeants');
    expect(passage(b, anchor)).toBe('cadres dirigeants');
  });

  it('keeps what is left when part of the passage is deleted', () => {
    const a = docWith(PARAGRAPHS);
    const b = replicaOf(a);
    const anchor = anchorOn(a, 1, 'cadres dirigeants');
    const text = paragraphText(b, 1);
    text.delete(plain(text).indexOf('cadres'), 'cadres '.length);
    syncAll(a, b);
    expect(passage(a, anchor)).toBe('dirigeants');
    expect(passage(b, anchor)).toBe('dirigeants');
  });

  it('spans blocks, and keeps the part left in one block when the other loses its words', () => {
    const a = docWith(PARAGRAPHS);
    const first = paragraphText(a, 0);
    const second = paragraphText(a, 1);
    const anchor = createAnchor({ type: first, index: 'Axe 2 : '.length }, { type: second, index: 'Former les'.length }, '');
    expect(passage(a, anchor)).toBe('former les encadrants.\nFormer les');
    const b = replicaOf(a);
    paragraphText(b, 1).delete(0, 'Former les '.length);
    syncAll(a, b);
    expect(passage(a, anchor)).toBe('former les encadrants.');
  });

  it('is detached once the whole passage is deleted, and the quote stays with the thread', () => {
    const a = docWith(PARAGRAPHS);
    const b = replicaOf(a);
    const anchor = anchorOn(a, 1, 'cadres dirigeants');
    const text = paragraphText(b, 1);
    text.delete(plain(text).indexOf('cadres'), 'cadres dirigeants'.length);
    text.insert(plain(text).indexOf(' au'), ' agents'); // typed where the passage was
    syncAll(a, b);
    expect(resolveAnchor(a, fragmentOf(a), anchor)).toEqual({ status: 'detached', reason: 'collapsed' });
    expect(resolveAnchor(b, fragmentOf(b), anchor)).toEqual({ status: 'detached', reason: 'collapsed' });
    expect(anchor.quote).toBe('cadres dirigeants');
  });

  it('is detached once the block holding it is deleted, whether its content was collected or kept', () => {
    const a = docWith(PARAGRAPHS);
    const kept = new Y.Doc({ gc: false });
    Y.applyUpdate(kept, Y.encodeStateAsUpdate(a));
    const anchor = anchorOn(a, 1, 'cadres dirigeants');
    fragmentOf(a).delete(1, 1);
    syncAll(a, kept);
    expect(resolveAnchor(a, fragmentOf(a), anchor)).toEqual({ status: 'detached', reason: 'deleted' });
    expect(resolveAnchor(kept, fragmentOf(kept), anchor)).toEqual({ status: 'detached', reason: 'deleted' });
  });

  it('gives the same verdict on every replica after the deletion is undone', () => {
    const a = docWith(PARAGRAPHS);
    const b = replicaOf(a);
    const anchor = anchorOn(a, 1, 'cadres dirigeants');
    const undo = new Y.UndoManager(fragmentOf(a));
    const text = paragraphText(a, 1);
    text.delete(plain(text).indexOf('cadres'), 'cadres dirigeants'.length);
    undo.undo();
    syncAll(a, b);
    expect(plain(paragraphText(b, 1))).toContain('cadres dirigeants');
    // The words are back under new ids: only the undoing replica could tell, so neither does.
    expect(resolveAnchor(a, fragmentOf(a), anchor)).toEqual(resolveAnchor(b, fragmentOf(b), anchor));
    expect(resolveAnchor(b, fragmentOf(b), anchor).status).toBe('detached');
    undo.destroy();
  });

  it('is pending, not detached, on a replica that has not received the passage yet', () => {
    const a = docWith(PARAGRAPHS);
    const anchor = anchorOn(a, 1, 'cadres dirigeants');
    const late = new Y.Doc();
    expect(resolveAnchor(late, fragmentOf(late), anchor)).toEqual({ status: 'pending' });
    syncAll(a, late);
    expect(passage(late, anchor)).toBe('cadres dirigeants');
  });

  it('is detached when a position cannot be decoded', () => {
    const doc = docWith(PARAGRAPHS);
    const anchor = anchorOn(doc, 1, 'cadres');
    expect(resolveAnchor(doc, fragmentOf(doc), { ...anchor, end: '%%%' })).toEqual({ status: 'detached', reason: 'undecodable' });
  });

  it('trims quotes to what the contract accepts', () => {
    const doc = docWith(['x'.repeat(1500)]);
    const text = paragraphText(doc, 0);
    const anchor = createAnchor({ type: text, index: 0 }, { type: text, index: 1500 }, `  ${'x'.repeat(1500)}  `);
    expect(anchor.quote).toHaveLength(1000);
    expect(anchor.quote.endsWith('…')).toBe(true);
  });

  it('survives random concurrent edits outside the passage on three replicas (seeded)', () => {
    const seed = testSeed('anchors');
    const random = prng(seed);
    const pick = (n: number) => Math.floor(random() * n);
    const words = ['pilotage ', 'co-développement ', 'élus ', 'agents, ', 'é', '\u{1F4DA}', 'x'];

    for (let round = 0; round < 30; round += 1) {
      const origin = docWith(PARAGRAPHS);
      const anchor = anchorOn(origin, 1, 'cadres dirigeants');
      const replicas = [origin, replicaOf(origin), replicaOf(origin)];

      for (let step = 0; step < 40; step += 1) {
        const doc = replicas[pick(replicas.length)] as Y.Doc;
        editOutside(doc, anchor, pick, words);
        // Sometimes one replica pulls from another: partial, out-of-order syncing.
        if (random() < 0.3) {
          const from = replicas[pick(replicas.length)] as Y.Doc;
          const to = replicas[pick(replicas.length)] as Y.Doc;
          if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
        }
      }

      syncAll(...replicas);
      const texts = replicas.map(wholeText);
      expect(new Set(texts).size).toBe(1);
      for (const doc of replicas) expect({ round, seed, passage: passage(doc, anchor) }).toEqual({ round, seed, passage: 'cadres dirigeants' });
    }
  });
});

/** One random edit that leaves the passage's characters alone: typing, deleting, adding or removing blocks. */
function editOutside(doc: Y.Doc, anchor: { start: string; end: string }, pick: (n: number) => number, words: string[]): void {
  const fragment = fragmentOf(doc);
  const resolution = resolveAnchor(doc, fragment, anchor);
  if (resolution.status !== 'attached') throw new Error(`passage lost before the edit: ${JSON.stringify(resolution)}`);
  const holder = resolution.start.type;
  const blocks = fragment.toArray() as Y.XmlElement[];
  const kind = pick(10);

  if (kind === 0) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(words[pick(words.length)])]);
    fragment.insert(pick(blocks.length + 1), [paragraph]);
    return;
  }
  if (kind === 1) {
    const candidates = blocks.map((block, index) => ({ block, index })).filter(({ block }) => block.get(0) !== holder);
    const victim = candidates[pick(candidates.length)];
    if (victim && blocks.length > 1) fragment.delete(victim.index, 1);
    return;
  }

  const block = blocks[pick(blocks.length)] as Y.XmlElement;
  const text = block.get(0) as Y.XmlText;
  const length = text.length;
  // Inside the passage's own text, only before its start or after its end (boundaries included).
  const isHolder = text === holder;
  const lo = isHolder ? resolution.start.index : 0;
  const hi = isHolder ? resolution.end.index : 0;
  const allowed = (index: number) => !isHolder || index <= lo || index >= hi;

  if (kind < 6 || length === 0) {
    const at = pick(length + 1);
    if (allowed(at)) text.insert(at, words[pick(words.length)] as string, pick(4) === 0 ? { bold: true } : undefined);
    return;
  }
  const at = pick(length);
  const count = 1 + pick(Math.min(8, length - at));
  const overlaps = isHolder && at < hi && at + count > lo;
  if (!overlaps && !splitsSurrogate(text, at, count)) text.delete(at, count);
}

/** Deleting half of an emoji would leave a lone surrogate (valid for Yjs, but noise for the test). */
function splitsSurrogate(text: Y.XmlText, at: number, count: number): boolean {
  const value = plain(text);
  const isLow = (index: number) => /[\uDC00-\uDFFF]/.test(value.charAt(index));
  return isLow(at) || isLow(at + count);
}
