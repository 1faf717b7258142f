/** Cursor colours, all with at least 4.5:1 contrast against white text labels. */
export const PRESENCE_PALETTE = ['#000091', '#8c2a00', '#006a3e', '#6a1b9a', '#a3004c', '#005a9c', '#5c4a00', '#b3003b', '#1d5e5e', '#4a3aa8'];

/** A colour derived from the user id, for when every palette colour is taken. */
export function presenceColor(userId: string): string {
  let hash = 0;
  for (let index = 0; index < userId.length; index += 1) hash = (hash * 31 + userId.charCodeAt(index)) >>> 0;
  return PRESENCE_PALETTE[hash % PRESENCE_PALETTE.length] as string;
}
