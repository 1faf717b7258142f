/**
 * jsdom has no layout: ProseMirror asks for rectangles when it scrolls the selection into view.
 * Call once before rendering an editor (e.g. `beforeAll(stubEditorLayout)`).
 */
export function stubEditorLayout(): void {
  const rect = { x: 0, y: 0, top: 0, left: 0, right: 0, bottom: 0, width: 0, height: 0, toJSON: () => ({}) } as DOMRect;
  Range.prototype.getClientRects = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () => rect;
  document.elementFromPoint = () => null;
}
