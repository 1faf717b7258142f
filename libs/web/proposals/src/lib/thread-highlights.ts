import { createAnchor, resolveAnchor, type AnchorResolution, type YPosition } from '@miroir/shared/collab-protocol';
import type { ThreadAnchor } from '@miroir/shared/contracts';
import type { AnchoredThread } from '@miroir/web/annotations';
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/**
 * Highlights of the passages that comment threads are anchored to, and the editor's side of the
 * annotations bridge: which threads lost their passage, which passage is selected.
 *
 * Anchors are Yjs relative positions (libs/shared/collab-protocol `anchors.ts`): the Yjs side
 * decides whether a passage still exists; y-tiptap's mapping (the binding's Y type → node map)
 * turns Yjs positions into ProseMirror ones and back. Highlights are recomputed after every
 * change of the document (local or remote: both end in a ProseMirror transaction) and whenever
 * the React side asks (threads list, active thread); between two computations they are mapped
 * through the transactions so they never lag behind the text.
 */

/** What the React side and the plugin share; the React side keeps the fields current. */
export class ThreadHighlightsBridge {
  threads: readonly AnchoredThread[] = [];
  activeId: string | null = null;
  /** Tooltip of a highlight (« Passage commenté… »). */
  title = '';
  onActivate: (id: string) => void = () => undefined;
  onDetached: (ids: ReadonlySet<string>) => void = () => undefined;
  onSelection: (selection: ThreadAnchor | null) => void = () => undefined;
  /** The mounted editor's view, set by the plugin (TipTap's `editor.view` is a proxy until mounted). */
  view: EditorView | null = null;

  /** Recompute the highlights after the threads or the active thread changed. */
  refresh(): void {
    const view = this.view;
    if (view && !view.isDestroyed) view.dispatch(view.state.tr.setMeta(threadHighlightsKey, REFRESH).setMeta('addToHistory', false));
  }
}

export interface ThreadHighlightsOptions {
  doc: Y.Doc | null;
  field: string;
  bridge: ThreadHighlightsBridge | null;
}

interface HighlightsState {
  decorations: DecorationSet;
  /** Bumped by each refresh request; the plugin view recomputes when it moves. */
  requests: number;
}

interface HighlightSpec {
  threadId: string;
}

const REFRESH = 'refresh';
/** The selection is published once the user stops moving it. */
const SELECTION_PUBLISH_DELAY_MS = 150;

export const threadHighlightsKey = new PluginKey<HighlightsState>('threadHighlights');

export const ThreadHighlights = Extension.create<ThreadHighlightsOptions>({
  name: 'threadHighlights',
  addOptions() {
    return { doc: null, field: '', bridge: null };
  },
  addProseMirrorPlugins() {
    const { doc, field, bridge } = this.options;
    return doc && bridge ? [threadHighlightsPlugin(doc, doc.getXmlFragment(field), bridge)] : [];
  },
});

function threadHighlightsPlugin(doc: Y.Doc, fragment: Y.XmlFragment, bridge: ThreadHighlightsBridge): Plugin<HighlightsState> {
  let selectionTimer: ReturnType<typeof setTimeout> | null = null;

  const publishSelection = (view: EditorView) => {
    if (selectionTimer !== null) clearTimeout(selectionTimer);
    selectionTimer = null;
    if (!view.isDestroyed) bridge.onSelection(selectionAnchor(view.state, doc, fragment));
  };

  return new Plugin<HighlightsState>({
    key: threadHighlightsKey,
    state: {
      init: () => ({ decorations: DecorationSet.empty, requests: 0 }),
      apply: (tr, state) => {
        const meta: unknown = tr.getMeta(threadHighlightsKey);
        if (meta === REFRESH) return { ...state, decorations: state.decorations.map(tr.mapping, tr.doc), requests: state.requests + 1 };
        if (meta instanceof DecorationSet) return { ...state, decorations: meta };
        return tr.docChanged ? { ...state, decorations: state.decorations.map(tr.mapping, tr.doc) } : state;
      },
    },
    props: {
      decorations: (state) => threadHighlightsKey.getState(state)?.decorations,
      handleDOMEvents: {
        // A DOM click rather than `handleClick`: it also works on a read-only editor and needs
        // no coordinates (posAtCoords), and a drag that selected text is not taken for a click.
        click: (view, event) => {
          const target = event.target instanceof Element ? event.target.closest('[data-thread-id]') : null;
          if (!target || !view.dom.contains(target) || !(view.dom.ownerDocument.getSelection()?.isCollapsed ?? true)) return false;
          const id = threadAt(view, view.posAtDOM(target, 0), bridge.activeId);
          if (id) bridge.onActivate(id);
          return false;
        },
        // Focus leaving for the threads form: publish at once what the user just selected.
        blur: (view) => {
          if (selectionTimer !== null) publishSelection(view);
          return false;
        },
      },
    },
    view: (view) => {
      bridge.view = view;
      let queued = false;
      const recompute = () => {
        queued = false;
        // Redrawing the text being composed would break an input method's composition; the
        // decorations are mapped meanwhile, and the change that ends the composition comes back here.
        if (view.isDestroyed || view.composing) return;
        const { decorations, detached } = computeHighlights(view.state, doc, fragment, bridge);
        view.dispatch(view.state.tr.setMeta(threadHighlightsKey, decorations).setMeta('addToHistory', false));
        bridge.onDetached(detached);
      };
      // After the current update: y-tiptap writes local edits to Yjs in its own view update, and
      // the binding's mapping must be current before positions are converted.
      const queueRecompute = () => {
        if (queued) return;
        queued = true;
        queueMicrotask(recompute);
      };
      queueRecompute();
      return {
        update: (view, previous) => {
          const requests = threadHighlightsKey.getState(view.state)?.requests;
          if (!previous.doc.eq(view.state.doc) || requests !== threadHighlightsKey.getState(previous)?.requests) queueRecompute();
          // Only the user's own selecting counts: a selection mapped through a remote edit, or
          // set by a reveal, while the focus is in the threads form must not replace the passage
          // they are about to comment; collapsing it inside the editor clears it.
          if (!previous.selection.eq(view.state.selection) && view.hasFocus()) {
            if (selectionTimer !== null) clearTimeout(selectionTimer);
            selectionTimer = setTimeout(() => publishSelection(view), SELECTION_PUBLISH_DELAY_MS);
          }
        },
        destroy: () => {
          if (selectionTimer !== null) clearTimeout(selectionTimer);
          selectionTimer = null;
          if (bridge.view === view) bridge.view = null;
        },
      };
    },
  });
}

type Mapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

function bindingMapping(state: EditorState): Mapping | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: { mapping?: Mapping } } | undefined;
  return sync?.binding?.mapping ?? null;
}

function computeHighlights(state: EditorState, doc: Y.Doc, fragment: Y.XmlFragment, bridge: ThreadHighlightsBridge) {
  const detached = new Set<string>();
  const decorations: Decoration[] = [];
  for (const thread of bridge.threads) {
    const resolution = resolveAnchor(doc, fragment, thread.anchor);
    if (resolution.status === 'detached') detached.add(thread.id);
    const active = thread.id === bridge.activeId;
    // Resolved threads are settled: highlighting them would bury the open discussions under
    // old ones. The one the user opens from the list is still shown, to find its passage.
    if (thread.resolved && !active) continue;
    const range = editorRange(state, doc, fragment, resolution);
    if (!range) continue;
    const attributes = {
      // `mark` is exposed to assistive technologies as highlighted text (ARIA `mark` role).
      // A decoration cannot carry a description pointing to the thread card, nor hidden text
      // without inserting widgets in the middle of the editable text (which would move the
      // caret and be read in the middle of words); the tooltip and the threads list (each
      // card quotes its passage and can reveal it) carry the rest.
      nodeName: 'mark',
      class: active ? 'thread-highlight thread-highlight--active' : 'thread-highlight',
      'data-thread-id': thread.id,
      title: bridge.title,
    };
    const spec: HighlightSpec = { threadId: thread.id };
    decorations.push(Decoration.inline(range.from, range.to, attributes, spec));
  }
  return { decorations: DecorationSet.create(state.doc, decorations), detached };
}

/** ProseMirror range of an attached anchor, or null when it is not (or not yet) in the editor. */
function editorRange(state: EditorState, doc: Y.Doc, fragment: Y.XmlFragment, resolution: AnchorResolution): { from: number; to: number } | null {
  if (resolution.status !== 'attached') return null;
  const mapping = bindingMapping(state);
  if (!mapping) return null;
  const from = toEditorPosition(doc, fragment, resolution.start, mapping);
  const to = toEditorPosition(doc, fragment, resolution.end, mapping);
  if (from === null || to === null || from >= to || from < 0 || to > state.doc.content.size) return null;
  return { from, to };
}

function toEditorPosition(doc: Y.Doc, fragment: Y.XmlFragment, position: YPosition, mapping: Mapping): number | null {
  // Re-expressed the way y-tiptap writes its own positions (sticking left): its resolver takes a
  // position naming the very first character of the document for a misresolved one (a guard for
  // reordered blocks) and would hide a passage that starts there.
  const relative = Y.createRelativePositionFromTypeIndex(position.type, position.index, -1);
  try {
    return relativePositionToAbsolutePosition(doc, fragment, relative, mapping);
  } catch {
    return null;
  }
}

function toYPosition(doc: Y.Doc, fragment: Y.XmlFragment, position: number, mapping: Mapping): YPosition | null {
  try {
    const absolute = Y.createAbsolutePositionFromRelativePosition(absolutePositionToRelativePosition(position, fragment, mapping), doc);
    return absolute ? { type: absolute.type, index: absolute.index } : null;
  } catch {
    return null; // the mapping lags behind a change being applied
  }
}

/** The current selection as an anchor, or null when it holds no text. */
function selectionAnchor(state: EditorState, doc: Y.Doc, fragment: Y.XmlFragment): ThreadAnchor | null {
  const { from, to, empty } = state.selection;
  const mapping = bindingMapping(state);
  if (empty || !mapping) return null;
  const quote = state.doc.textBetween(from, to, '\n', '\n');
  if (!quote.trim()) return null;
  const start = toYPosition(doc, fragment, from, mapping);
  const end = toYPosition(doc, fragment, to, mapping);
  return start && end ? createAnchor(start, end, quote) : null;
}

/**
 * The thread a click at `position` opens: the narrowest passage there; clicking again where
 * passages overlap goes to the next one, so that each stays reachable.
 */
function threadAt(view: EditorView, position: number, activeId: string | null): string | null {
  const decorations = threadHighlightsKey.getState(view.state)?.decorations;
  const here = (decorations?.find(position, position + 1) ?? [])
    .filter((decoration) => decoration.from <= position && decoration.to > position)
    .sort((a, b) => a.to - a.from - (b.to - b.from))
    .map((decoration) => (decoration.spec as HighlightSpec).threadId);
  if (here.length === 0) return null;
  const current = activeId ? here.indexOf(activeId) : -1;
  return here[(current + 1) % here.length] ?? null;
}

/**
 * Selects the thread's passage and scrolls it into view, leaving the focus where it is: the
 * request comes from the threads section, where a keyboard or screen reader user still is.
 */
export function revealPassage(view: EditorView, doc: Y.Doc, fragment: Y.XmlFragment, anchor: ThreadAnchor): boolean {
  const range = editorRange(view.state, doc, fragment, resolveAnchor(doc, fragment, anchor));
  if (!range || view.isDestroyed) return false;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)).setMeta('addToHistory', false));
  const { node } = view.domAtPos(range.from, 1);
  const element = node instanceof Element ? node : node.parentElement;
  const reduceMotion = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  if (typeof element?.scrollIntoView === 'function') element.scrollIntoView({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' });
  return true;
}
