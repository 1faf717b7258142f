import { useAnnotations, useAnnotationsStore } from '@miroir/web/annotations';
import type { Editor } from '@tiptap/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { PROPOSAL_FIELD } from './proposal-field';
import { revealPassage, ThreadHighlights, ThreadHighlightsBridge } from './thread-highlights';

/**
 * The editor's side of the annotations store: the highlights extension (stable for the life of
 * the document, so that the editor is not rebuilt when threads change) and its bridge, kept in
 * step with the store. Outside an `AnnotationsProvider` nothing is highlighted or published.
 */
export function useThreadHighlights(doc: Y.Doc) {
  const [bridge] = useState(() => new ThreadHighlightsBridge());
  const extension = useMemo(() => ThreadHighlights.configure({ doc, field: PROPOSAL_FIELD, bridge }), [doc, bridge]);
  return { bridge, extension };
}

/** Keeps the bridge in step with the store; call it after `useEditor`. */
export function useThreadHighlightsSync(editor: Editor, doc: Y.Doc, bridge: ThreadHighlightsBridge, title: string) {
  const store = useAnnotationsStore();
  const { threads, activeId, revealNonce } = useAnnotations();

  useEffect(() => {
    bridge.onDetached = (ids) => store?.setDetached(ids);
    bridge.onSelection = (selection) => store?.setSelection(selection);
    bridge.onActivate = (id) => {
      store?.activate(id);
      const card = document.getElementById(`thread-${id}`);
      if (typeof card?.scrollIntoView === 'function') card.scrollIntoView({ block: 'nearest' });
      // Someone who can type clicked to put the caret there as much as to open the thread: the
      // focus stays in the text. A read-only editor has no caret to keep: go to the card.
      if (!editor.isEditable) card?.focus({ preventScroll: true });
    };
  }, [bridge, store, editor]);

  useEffect(() => {
    bridge.threads = threads;
    bridge.activeId = activeId;
    bridge.title = title;
    bridge.refresh();
  }, [bridge, threads, activeId, title]);

  const revealed = useRef(revealNonce);
  useEffect(() => {
    if (revealNonce === revealed.current) return;
    revealed.current = revealNonce;
    const thread = threads.find((candidate) => candidate.id === activeId);
    if (thread && bridge.view) revealPassage(bridge.view, doc, doc.getXmlFragment(PROPOSAL_FIELD), thread.anchor);
  }, [revealNonce, threads, activeId, bridge, doc]);
}
