import type { DocumentSessionEvents, SyncStatus } from '@miroir/shared/collab-client';
import { createAnchor } from '@miroir/shared/collab-protocol';
import type { ThreadAnchor } from '@miroir/shared/contracts';
import { AnnotationsProvider, AnnotationsStore, useAnnotationsStore } from '@miroir/web/annotations';
import { I18nextProvider, i18n } from '@miroir/web/i18n';
import type { Editor } from '@tiptap/core';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { stubEditorLayout } from '@miroir/web/testing';
import { ObservableV2 } from 'lib0/observable';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { ProposalEditorView } from './proposal-editor-view';
import { PROPOSAL_FIELD } from './proposal-field';

class FakeSession extends ObservableV2<DocumentSessionEvents> {
  readonly awareness: Awareness;
  status: SyncStatus = 'saved';
  readOnly = false;

  constructor(doc: Y.Doc) {
    super();
    this.awareness = new Awareness(doc);
  }
}

const self = { id: 'u-1', name: 'Claire Mistral', color: '#000091' };
const sessions: FakeSession[] = [];
const PARAGRAPHS = ['Axe 2 : former les encadrants.', 'Former les cadres dirigeants au co-développement.'];

beforeAll(stubEditorLayout);

afterEach(() => {
  sessions.splice(0).forEach((session) => session.awareness.destroy());
});

function docWith(paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc();
  doc.getXmlFragment(PROPOSAL_FIELD).insert(
    0,
    paragraphs.map((text) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    }),
  );
  return doc;
}

const paragraphText = (doc: Y.Doc, index: number) => (doc.getXmlFragment(PROPOSAL_FIELD).get(index) as Y.XmlElement).get(0) as Y.XmlText;

function anchorOn(doc: Y.Doc, index: number, words: string): ThreadAnchor {
  const text = paragraphText(doc, index);
  const at = text.toString().indexOf(words);
  return createAnchor({ type: text, index: at }, { type: text, index: at + words.length }, words);
}

/** Another member's replica: its updates reach `doc` as the server would relay them. */
function remoteOf(doc: Y.Doc) {
  const remote = new Y.Doc();
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
  return {
    edit(change: (remote: Y.Doc) => void) {
      const before = Y.encodeStateVector(doc);
      change(remote);
      act(() => Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, before), 'server'));
    },
  };
}

function StoreSpy({ onStore }: { onStore: (store: AnnotationsStore) => void }) {
  const store = useAnnotationsStore();
  if (store) onStore(store);
  return null;
}

function renderEditor({ canEdit = true } = {}) {
  const doc = docWith(PARAGRAPHS);
  const session = new FakeSession(doc);
  sessions.push(session);
  let store: AnnotationsStore | null = null;
  const view = render(
    <I18nextProvider i18n={i18n}>
      <AnnotationsProvider>
        <StoreSpy onStore={(value) => (store = value)} />
        <ProposalEditorView doc={doc} session={session} self={self} canEdit={canEdit} />
        <div id="thread-t-1" tabIndex={-1}>
          Fil sur « cadres dirigeants »
        </div>
        <button type="button">Commenter le passage sélectionné</button>
      </AnnotationsProvider>
    </I18nextProvider>,
  );
  if (!store) throw new Error('no annotations store');
  return { doc, store: store as AnnotationsStore, ...view };
}

function editorArea() {
  return screen.getByRole('textbox', { name: 'Proposition' });
}

/** TipTap hangs the editor on its element: used to read the ProseMirror selection. */
function editorOf(area: HTMLElement): Editor {
  return (area as HTMLElement & { editor: Editor }).editor;
}

function highlights() {
  return [...editorArea().querySelectorAll<HTMLElement>('.thread-highlight')];
}

async function highlightedText(id: string) {
  return waitFor(() => {
    const parts = highlights().filter((element) => element.dataset['threadId'] === id);
    expect(parts.length).toBeGreaterThan(0);
    return parts.map((element) => element.textContent).join('');
  });
}

/** Selects `words` in the editor as a user would: focus, a DOM selection, `selectionchange`. */
function selectWords(words: string) {
  const area = editorArea();
  const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent?.indexOf(words) ?? -1;
    if (at < 0) continue;
    act(() => {
      area.focus();
      document.getSelection()?.setBaseAndExtent(node, at, node, at + words.length);
      document.dispatchEvent(new Event('selectionchange'));
    });
    return;
  }
  throw new Error(`"${words}" not in the editor`);
}

describe('thread highlights', () => {
  it('highlights the passage of an anchored thread, with a tooltip and a non-colour cue class', async () => {
    const { doc, store } = renderEditor();
    act(() => store.setThreads([{ id: 't-1', anchor: anchorOn(doc, 1, 'cadres dirigeants'), resolved: false }]));

    expect(await highlightedText('t-1')).toBe('cadres dirigeants');
    const [mark] = highlights();
    expect(mark?.tagName).toBe('MARK');
    expect(mark).toHaveAttribute('title', 'Passage commenté\u00a0: cliquez pour afficher la discussion');
    expect(mark).not.toHaveClass('thread-highlight--active');
    expect(store.getSnapshot().detachedIds.size).toBe(0);
  });

  it('keeps covering the same words after a concurrent edit before the passage', async () => {
    const { doc, store } = renderEditor();
    const remote = remoteOf(doc);
    act(() => store.setThreads([{ id: 't-1', anchor: anchorOn(doc, 1, 'cadres dirigeants'), resolved: false }]));
    expect(await highlightedText('t-1')).toBe('cadres dirigeants');

    remote.edit((other) => {
      paragraphText(other, 1).insert(0, 'Objectif : ');
      paragraphText(other, 1).insert('Objectif : Former les cadres'.length, ' et futurs');
    });

    await waitFor(() => expect(editorArea()).toHaveTextContent('Objectif : Former les cadres et futurs dirigeants'));
    expect(await highlightedText('t-1')).toBe('cadres et futurs dirigeants');
  });

  it('follows local typing, inside the passage and before it, and highlights a passage opening the text', async () => {
    const { doc, store } = renderEditor();
    act(() =>
      store.setThreads([
        { id: 't-1', anchor: anchorOn(doc, 1, 'cadres dirigeants'), resolved: false },
        { id: 't-2', anchor: anchorOn(doc, 0, 'Axe 2'), resolved: false },
      ]),
    );
    expect(await highlightedText('t-1')).toBe('cadres dirigeants');
    expect(await highlightedText('t-2')).toBe('Axe 2');
    const editor = editorOf(editorArea());
    const paragraph = PARAGRAPHS[0].length + 3; // where the second paragraph's text starts

    act(() => {
      editor.commands.insertContentAt(paragraph + 'Former les cadres'.length, ' territoriaux');
      editor.commands.insertContentAt(paragraph, 'Objectif : ');
    });

    await waitFor(() => expect(paragraphText(doc, 1).toString()).toBe('Objectif : Former les cadres territoriaux dirigeants au co-développement.'));
    await waitFor(async () => expect(await highlightedText('t-1')).toBe('cadres territoriaux dirigeants'));
  });

  it('reports the thread as detached once its passage is deleted, and no longer highlights it', async () => {
    const { doc, store } = renderEditor();
    const remote = remoteOf(doc);
    act(() =>
      store.setThreads([
        { id: 't-1', anchor: anchorOn(doc, 1, 'cadres dirigeants'), resolved: false },
        { id: 't-2', anchor: anchorOn(doc, 0, 'encadrants'), resolved: false },
      ]),
    );
    expect(await highlightedText('t-1')).toBe('cadres dirigeants');

    remote.edit((other) => paragraphText(other, 1).delete('Former les '.length, 'cadres dirigeants'.length));

    await waitFor(() => expect([...store.getSnapshot().detachedIds]).toEqual(['t-1']));
    expect(highlights().map((element) => element.dataset['threadId'])).toEqual(['t-2']);
  });

  it('activates the thread when its passage is clicked', async () => {
    const { doc, store } = renderEditor();
    act(() => store.setThreads([{ id: 't-1', anchor: anchorOn(doc, 1, 'cadres dirigeants'), resolved: false }]));
    await highlightedText('t-1');

    await userEvent.click(highlights()[0] as HTMLElement);

    expect(store.getSnapshot().activeId).toBe('t-1');
    await waitFor(() => expect(highlights()[0]).toHaveClass('thread-highlight--active'));
    // Editable: the focus stays in the text, where the click put the caret.
    expect(document.getElementById('thread-t-1')).not.toHaveFocus();
  });

  it('moves the focus to the thread card when an observer clicks a passage', async () => {
    const { doc, store } = renderEditor({ canEdit: false });
    act(() => store.setThreads([{ id: 't-1', anchor: anchorOn(doc, 1, 'cadres dirigeants'), resolved: false }]));
    await highlightedText('t-1');

    await userEvent.click(highlights()[0] as HTMLElement);

    expect(store.getSnapshot().activeId).toBe('t-1');
    expect(document.getElementById('thread-t-1')).toHaveFocus();
  });

  it('shows a resolved thread only while it is the active one', async () => {
    const { doc, store } = renderEditor();
    act(() =>
      store.setThreads([
        { id: 't-1', anchor: anchorOn(doc, 1, 'cadres dirigeants'), resolved: true },
        { id: 't-2', anchor: anchorOn(doc, 0, 'encadrants'), resolved: false },
      ]),
    );
    expect(await highlightedText('t-2')).toBe('encadrants');
    expect(highlights().some((element) => element.dataset['threadId'] === 't-1')).toBe(false);

    act(() => store.activate('t-1'));
    expect(await highlightedText('t-1')).toBe('cadres dirigeants');
    expect(highlights().find((element) => element.dataset['threadId'] === 't-1')).toHaveClass('thread-highlight--active');
  });

  it('selects the passage when the threads side asks to reveal it, without taking the focus', async () => {
    const { doc, store } = renderEditor();
    act(() => store.setThreads([{ id: 't-1', anchor: anchorOn(doc, 1, 'cadres dirigeants'), resolved: false }]));
    await highlightedText('t-1');
    const card = document.getElementById('thread-t-1') as HTMLElement;
    act(() => card.focus());

    act(() => store.activate('t-1', true));

    const editor = editorOf(editorArea());
    await waitFor(() => {
      const { from, to } = editor.state.selection;
      expect(editor.state.doc.textBetween(from, to)).toBe('cadres dirigeants');
    });
    expect(card).toHaveFocus();
    // Not the user's selecting: nothing published as a passage to comment.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(store.getSnapshot().selection).toBeNull();
  });

  it('publishes the selected passage, keeps it while the focus leaves, clears it when collapsed in the text', async () => {
    const { store } = renderEditor();
    selectWords('cadres dirigeants');

    await waitFor(() => expect(store.getSnapshot().selection?.quote).toBe('cadres dirigeants'));
    const selection = store.getSnapshot().selection as ThreadAnchor;

    // The anchor it publishes is one a thread can take: it highlights those very words.
    act(() => store.setThreads([{ id: 't-1', anchor: selection, resolved: false }]));
    expect(await highlightedText('t-1')).toBe('cadres dirigeants');

    await userEvent.click(screen.getByRole('button', { name: 'Commenter le passage sélectionné' }));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(store.getSnapshot().selection).toEqual(selection);

    act(() => {
      editorArea().focus();
      editorOf(editorArea()).commands.setTextSelection(3);
    });
    await waitFor(() => expect(store.getSnapshot().selection).toBeNull());
  });

  it('publishes the selection at once when the focus leaves before the delay is over', () => {
    const { store } = renderEditor();
    selectWords('les encadrants');
    expect(store.getSnapshot().selection).toBeNull();
    act(() => screen.getByRole('button', { name: 'Commenter le passage sélectionné' }).focus());
    expect(store.getSnapshot().selection?.quote).toBe('les encadrants');
  });
});
