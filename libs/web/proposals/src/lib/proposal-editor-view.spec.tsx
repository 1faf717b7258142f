import type { DocumentSessionEvents, SyncStatus } from '@miroir/shared/collab-client';
import { I18nextProvider, i18n, setLanguage } from '@miroir/web/i18n';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { stubEditorLayout } from '@miroir/web/testing';
import { ObservableV2 } from 'lib0/observable';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { ProposalEditorView } from './proposal-editor-view';
import { PROPOSAL_FIELD } from './proposal-field';

/** Stands for a DocumentSession: same fields and events, no socket. */
class FakeSession extends ObservableV2<DocumentSessionEvents> {
  readonly awareness: Awareness;
  status: SyncStatus = 'saved';
  readOnly = false;

  constructor(readonly doc: Y.Doc) {
    super();
    this.awareness = new Awareness(doc);
  }

  setStatus(status: SyncStatus) {
    this.status = status;
    this.emit('status', [status]);
  }

  revokeWriting() {
    this.readOnly = true;
    this.emit('access', [{ doc: 'axis:a-1:proposal', readOnly: true, revoked: false }]);
  }
}

const self = { id: 'u-1', name: 'Claire Mistral', color: '#000091' };
const sessions: FakeSession[] = [];

beforeAll(stubEditorLayout);

afterEach(() => {
  sessions.splice(0).forEach((session) => session.awareness.destroy());
});

function withText(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(PROPOSAL_FIELD).insert(0, [paragraph]);
}

function renderEditor({ canEdit = true, text = 'Former les cadres dirigeants au co-développement.' } = {}) {
  const doc = new Y.Doc();
  if (text) withText(doc, text);
  const session = new FakeSession(doc);
  sessions.push(session);
  const view = render(
    <I18nextProvider i18n={i18n}>
      <ProposalEditorView doc={doc} session={session} self={self} canEdit={canEdit} />
    </I18nextProvider>,
  );
  return { doc, session, ...view };
}

function editorArea() {
  return screen.getByRole('textbox', { name: 'Proposition' });
}

describe('ProposalEditorView', () => {
  it('shows the shared text in a labelled multi-line editable area', async () => {
    renderEditor();
    const area = editorArea();
    expect(area).toHaveAttribute('aria-multiline', 'true');
    expect(area).toHaveAttribute('contenteditable', 'true');
    expect(area).toHaveAttribute('aria-readonly', 'false');
    await waitFor(() => expect(area).toHaveTextContent('Former les cadres dirigeants au co-développement.'));
    expect(screen.queryByText('Lecture seule')).not.toBeInTheDocument();
  });

  it('offers a toolbar of French-named buttons, toggles exposing aria-pressed', async () => {
    const { doc } = renderEditor();
    const toolbar = screen.getByRole('toolbar', { name: 'Mise en forme de la proposition' });
    const names = within(toolbar)
      .getAllByRole('button')
      .map((button) => button.getAttribute('aria-label'));
    expect(names).toEqual(['Titre 2', 'Titre 3', 'Gras', 'Italique', 'Liste à puces', 'Liste numérotée', 'Citation', 'Lien', 'Annuler', 'Rétablir']);
    for (const name of ['Titre 2', 'Titre 3', 'Gras', 'Italique', 'Liste à puces', 'Liste numérotée', 'Citation', 'Lien']) {
      expect(within(toolbar).getByRole('button', { name })).toHaveAttribute('aria-pressed', 'false');
    }
    // Nothing to undo yet; undo and redo are actions, not toggles.
    expect(within(toolbar).getByRole('button', { name: 'Annuler' })).toHaveAttribute('aria-disabled', 'true');
    expect(within(toolbar).getByRole('button', { name: 'Annuler' })).not.toHaveAttribute('aria-pressed');

    await userEvent.click(within(toolbar).getByRole('button', { name: 'Titre 2' }));

    await waitFor(() => expect(within(toolbar).getByRole('button', { name: 'Titre 2' })).toHaveAttribute('aria-pressed', 'true'));
    expect(editorArea().querySelector('h2')).toHaveTextContent('Former les cadres dirigeants');
    // The change went to the shared document, and can be undone.
    expect(doc.getXmlFragment(PROPOSAL_FIELD).toString()).toContain('<heading level="2">');
    expect(within(toolbar).getByRole('button', { name: 'Annuler' })).not.toHaveAttribute('aria-disabled');
  });

  it('moves between toolbar buttons with the arrow keys (one tab stop)', async () => {
    renderEditor();
    const toolbar = screen.getByRole('toolbar');
    const buttons = within(toolbar).getAllByRole('button');
    expect(buttons.filter((button) => button.tabIndex === 0)).toHaveLength(1);
    act(() => buttons[0]?.focus());
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(buttons[1]);
    await userEvent.keyboard('{End}');
    expect(document.activeElement).toBe(buttons[buttons.length - 1]);
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(buttons[0]);
  });

  it('refuses link targets other than http(s) and mailto in the inline link form', async () => {
    renderEditor();
    await userEvent.click(screen.getByRole('button', { name: 'Lien' }));
    const field = screen.getByLabelText('Adresse du lien');
    expect(field).toHaveFocus();
    await userEvent.type(field, 'javascript:alert(1)');
    await userEvent.click(screen.getByRole('button', { name: 'Appliquer le lien' }));
    expect(screen.getByText(/Saisissez une adresse commençant par https:\/\//)).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');

    await userEvent.clear(field);
    await userEvent.type(field, 'www.cnfpt.fr');
    await userEvent.click(screen.getByRole('button', { name: 'Appliquer le lien' }));
    expect(screen.queryByLabelText('Adresse du lien')).not.toBeInTheDocument();
    const link = await waitFor(() => {
      const anchor = editorArea().querySelector('a');
      expect(anchor).not.toBeNull();
      return anchor as HTMLAnchorElement;
    });
    expect(link).toHaveAttribute('href', 'https://www.cnfpt.fr');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  });

  it('closes the link form on Escape and gives the focus back to « Lien »', async () => {
    renderEditor();
    const linkButton = screen.getByRole('button', { name: 'Lien' });
    await userEvent.click(linkButton);
    expect(linkButton).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('form', { name: 'Lien sur le texte sélectionné' })).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(linkButton).toHaveAttribute('aria-expanded', 'false');
    expect(linkButton).toHaveFocus();
  });

  it('says « Enregistré », « Synchronisation… » and « Hors ligne » in a polite live region', () => {
    const { session } = renderEditor();
    const status = screen.getByRole('status');
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(status).toHaveTextContent(/^Enregistré$/);

    act(() => session.setStatus('syncing'));
    expect(status).toHaveTextContent(/^Synchronisation…$/);

    act(() => session.setStatus('offline'));
    expect(status).toHaveTextContent(/^Hors ligne$/);
    expect(screen.getByText(/conservées sur cet appareil/)).toBeInTheDocument();

    act(() => session.setStatus('saved'));
    expect(status).toHaveTextContent(/^Enregistré$/);
    expect(screen.queryByText(/conservées sur cet appareil/)).not.toBeInTheDocument();
  });

  it('lists the people present, yourself included and marked « vous »', () => {
    const { session } = renderEditor();
    const presence = screen.getByRole('region', { name: 'Présents sur cette proposition' });
    expect(within(presence).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Claire Mistral (vous)']);

    // Another member's presence, as the server relays it (user stamped from their session).
    const other = new Awareness(new Y.Doc());
    other.setLocalState({ user: { id: 'u-2', name: 'Antoine Bérard', color: '#8c2a00' }, cursor: null });
    act(() => applyAwarenessUpdate(session.awareness, encodeAwarenessUpdate(other, [other.clientID]), 'server'));

    const items = within(presence).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual(['Claire Mistral (vous)', 'Antoine Bérard']);
    expect(items[1]?.querySelector('.presence__dot')).toHaveStyle({ backgroundColor: '#8c2a00' });
    other.destroy();
  });

  it('shows observers the live text read-only, without toolbar', async () => {
    const { doc } = renderEditor({ canEdit: false });
    const area = editorArea();
    expect(area).toHaveAttribute('contenteditable', 'false');
    expect(area).toHaveAttribute('aria-readonly', 'true');
    expect(screen.queryByRole('toolbar')).not.toBeInTheDocument();
    expect(screen.getByText('Lecture seule')).toBeInTheDocument();

    act(() => withText(doc, 'Texte arrivé en direct.'));
    await waitFor(() => expect(area).toHaveTextContent('Texte arrivé en direct.'));
  });

  it('turns read-only when the server says so (doc:access)', async () => {
    const { session } = renderEditor();
    expect(screen.getByRole('toolbar')).toBeInTheDocument();
    act(() => session.revokeWriting());
    await waitFor(() => expect(editorArea()).toHaveAttribute('contenteditable', 'false'));
    expect(screen.queryByRole('toolbar')).not.toBeInTheDocument();
    expect(screen.getByText('Lecture seule')).toBeInTheDocument();
  });

  it('speaks English too', async () => {
    await setLanguage('en');
    renderEditor();
    expect(screen.getByRole('textbox', { name: 'Proposal' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Bold' })).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('status')).toHaveTextContent('Saved');
    expect(screen.getByRole('region', { name: 'People on this proposal' })).toHaveTextContent('Claire Mistral (you)');
  });
});
