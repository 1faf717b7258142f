import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { decodeAwarenessEntries, encodeAwarenessEntries, MAX_AWARENESS_STATE_BYTES } from './awareness-codec';
import { decodeBinary, decodedLength, encodeBinary } from './base64';

describe('awareness codec', () => {
  it('reads what y-protocols writes, and writes what it reads', () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({ cursor: { anchor: 3 }, user: { name: 'Claire' } });
    const update = encodeAwarenessUpdate(awareness, [awareness.clientID]);
    const entries = decodeAwarenessEntries(update);
    expect(entries).toEqual([{ clientId: awareness.clientID, clock: 1, state: { cursor: { anchor: 3 }, user: { name: 'Claire' } } }]);
    expect(encodeAwarenessEntries(entries ?? [])).toEqual(update);
    awareness.destroy();
  });

  it('refuses truncated updates, trailing bytes, non-object states and oversized states', () => {
    const valid = encodeAwarenessEntries([{ clientId: 7, clock: 2, state: { a: 1 } }]);
    expect(decodeAwarenessEntries(valid.slice(0, valid.length - 2))).toBeNull();
    expect(decodeAwarenessEntries(new Uint8Array([...valid, 0]))).toBeNull();
    expect(decodeAwarenessEntries(encodeAwarenessEntries([{ clientId: 1, clock: 1, state: [1] as never }]))).toBeNull();
    const huge = { text: 'x'.repeat(MAX_AWARENESS_STATE_BYTES) };
    expect(decodeAwarenessEntries(encodeAwarenessEntries([{ clientId: 1, clock: 1, state: huge }]))).toBeNull();
    expect(decodeAwarenessEntries(new Uint8Array([255, 255, 255, 255, 15]))).toBeNull();
  });

  it('keeps a removal (null state)', () => {
    const removal = encodeAwarenessEntries([{ clientId: 9, clock: 4, state: null }]);
    expect(decodeAwarenessEntries(removal)).toEqual([{ clientId: 9, clock: 4, state: null }]);
  });
});

describe('base64 framing', () => {
  it('round-trips bytes and predicts the decoded length', () => {
    for (const length of [0, 1, 2, 3, 4, 100]) {
      const bytes = Uint8Array.from({ length }, (_, index) => (index * 37) % 256);
      const text = encodeBinary(bytes);
      expect(decodedLength(text)).toBe(length);
      expect(decodeBinary(text)).toEqual(bytes);
    }
  });

  it('refuses anything but canonical base64', () => {
    for (const text of ['abc', 'ab$=', '====', 'YQ==YQ==', 42, null, undefined, { a: 1 }]) {
      expect(decodeBinary(text)).toBeNull();
    }
  });
});
