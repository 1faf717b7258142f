import { fromBase64, toBase64 } from 'lib0/buffer';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function encodeBinary(bytes: Uint8Array): string {
  return toBase64(bytes);
}

/** Strict decoding: anything but canonical base64 is refused rather than silently truncated. */
export function decodeBinary(text: unknown): Uint8Array | null {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !BASE64.test(text)) return null;
  return fromBase64(text);
}

/** Decoded size of a base64 string, computed before decoding it. */
export function decodedLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** A Yjs (v1) update that carries nothing: no struct, no deletion. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
