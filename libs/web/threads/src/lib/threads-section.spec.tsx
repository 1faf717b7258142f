import type { AxisThreads, Thread, WorkspaceRole } from '@miroir/shared/contracts';
import { AnnotationsProvider, useAnnotationsStore, type AnnotationsStore } from '@miroir/web/annotations';
import { makeUser, mockFetch, renderWithProviders, requestsTo, type MockRoute } from '@miroir/web/testing';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { JULIEN, ME, makeComment, makeThread, sampleMembers, sampleThreads } from './fixtures';
import { ThreadsSection } from './threads-section';

const LIST = '/api/axes/a-1/threads';

/** Exposes the page's annotations store to the test, as the proposal editor would use it. */
function StoreProbe({ onStore }: { onStore: (store: AnnotationsStore) => void }) {
  const store = useAnnotationsStore();
  if (store) onStore(store);
  return null;
}

function setup(role: WorkspaceRole, { data = sampleThreads(), routes = [] }: { data?: AxisThreads; routes?: MockRoute[] } = {}) {
  const state = { data };
  const fetchMock = mockFetch([
    { path: '/api/auth/me', body: makeUser(role) },
    {
      path: LIST,
      // Read at each request, so that the list follows what the test writes.
      get body() {
        return state.data;
      },
    },
    { path: '/api/workspaces/ws-1/members', body: sampleMembers() },
    { method: 'POST', path: '/api/axes/a-1/visit', body: { axisId: 'a-1', lastVisitAt: '2026-11-20T00:00:00.000Z' } },
    ...routes,
  ]);
  let store: AnnotationsStore | null = null;
  const { queryClient } = renderWithProviders(
    <AnnotationsProvider>
      <StoreProbe onStore={(found) => (store = found)} />
      <ThreadsSection axisId="a-1" workspaceId="ws-1" />
    </AnnotationsProvider>,
  );
  return { fetchMock, state, queryClient, store: () => store as unknown as AnnotationsStore, user: userEvent.setup() };
}

function sampleThread(index: number): Thread {
  const thread = sampleThreads().threads[index];
  if (!thread) throw new Error(`no sample thread ${index}`);
  return thread;
}

function card(threadId: string): HTMLElement {
  return document.getElementById(`thread-${threadId}`) as HTMLElement;
}

describe('ThreadsSection', () => {
  it('lists the threads with their quote, disposition, deleted comments and what still needs a disposition', async () => {
    setup('member');
    const section = await screen.findByRole('region', { name: 'Discussions' });
    expect(within(section).getByRole('heading', { level: 2, name: 'Discussions' })).toBeInTheDocument();
    expect(await screen.findByText('2 discussions sans suite donnée')).toBeInTheDocument();

    expect(screen.getByRole('heading', { level: 3, name: 'Discussion nº\u00a01, de Julien Roumanille, sur l’axe' })).toBeInTheDocument();
    const anchored = card('t-2');
    expect(anchored).toHaveAttribute('tabindex', '-1');
    expect(anchored.querySelector('blockquote')).toHaveTextContent('former 200 agents d’ici 2027');
    expect(within(card('t-1')).getByText('commentaire supprimé')).toBeInTheDocument();
    expect(within(card('t-1')).getByText('@Camille Martin')).toHaveClass('mention');
    expect(within(card('t-2')).getByText('très').tagName).toBe('STRONG');

    // The resolved thread is folded, with its disposition and reason visible.
    const resolved = card('t-3');
    expect(within(resolved).getByText('Suite donnée : Écarté')).toBeInTheDocument();
    expect(within(resolved).getByText(/Hors du champ du plan/)).toBeInTheDocument();
    expect(within(resolved).queryByText(/volet numérique/)).not.toBeInTheDocument();
    const toggle = within(resolved).getByRole('button', { name: 'Afficher la discussion (1 message)' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  it('announces to screen readers the comments others post while the page is open, not one’s own', async () => {
    const { state, queryClient } = setup('member');
    await screen.findByText('2 discussions sans suite donnée');
    const first = sampleThread(0);
    const withReply = (comment: ReturnType<typeof makeComment>) => ({
      ...state.data,
      threads: state.data.threads.map((thread) => (thread.id === first.id ? { ...thread, comments: [...thread.comments, comment] } : thread)),
    });
    // What a live `thread:changed` does: the list is read again.
    state.data = withReply(makeComment({ id: 'c-own', threadId: first.id, author: ME, createdAt: '2026-11-28T10:00:00.000Z' }));
    await act(() => queryClient.invalidateQueries({ queryKey: ['threads', 'axis', 'a-1'] }));
    expect(screen.queryByText(/Nouveau commentaire de/)).not.toBeInTheDocument();
    state.data = withReply(makeComment({ id: 'c-live', threadId: first.id, author: JULIEN, createdAt: '2026-11-28T10:01:00.000Z' }));
    await act(() => queryClient.invalidateQueries({ queryKey: ['threads', 'axis', 'a-1'] }));
    expect(await screen.findByText('Nouveau commentaire de Julien Roumanille.')).toBeInTheDocument();
  });

  it('marks comments by others since the last visit as new, records the visit and keeps the badges', async () => {
    const { fetchMock } = setup('member');
    expect(await screen.findByText('2 nouveaux commentaires depuis votre dernière visite')).toBeInTheDocument();
    expect(screen.getAllByText('Nouveau')).toHaveLength(2);
    const newComments = [...document.querySelectorAll('.comment--new')].map(
      (element) => element.querySelector('.comment-body')?.textContent,
    );
    expect(newComments).toEqual(['Merci @Camille Martin\u00a0!', 'Oui, très.']);
    await waitFor(() => expect(requestsTo(fetchMock, 'POST', '/api/axes/a-1/visit')).toHaveLength(1));
    // The list is read again (e.g. after a live change): the badges of this visit stay.
    await act(async () => {
      await userEvent.click(screen.getByRole('button', { name: 'Afficher la discussion (1 message)' }));
    });
    expect(screen.getAllByText('Nouveau')).toHaveLength(2);
  });

  it('publishes the anchored threads to the editor and reveals a passage from its quote', async () => {
    const { store, user } = setup('member');
    await screen.findByText('2 discussions sans suite donnée');
    await waitFor(() =>
      expect(store().getSnapshot().threads).toEqual([
        { id: 't-2', anchor: { start: 'AAAA', end: 'BBBB', quote: 'former 200 agents d’ici 2027' }, resolved: false },
      ]),
    );

    await user.click(within(card('t-2')).getByRole('button', { name: /former 200 agents.*Afficher ce passage dans la proposition/ }));
    expect(store().getSnapshot().activeId).toBe('t-2');
    expect(store().getSnapshot().revealNonce).toBe(1);
    expect(card('t-2')).toHaveClass('thread-card--active');

    act(() => store().setDetached(new Set(['t-2'])));
    expect(within(card('t-2')).getByText('passage supprimé')).toBeInTheDocument();
    expect(within(card('t-2')).queryByRole('button', { name: /former 200 agents/ })).not.toBeInTheDocument();
  });

  it('opens a thread on the axis: required message linked to the field, then posted, announced and focused', async () => {
    const created = makeThread({
      id: 't-9',
      author: ME,
      comments: [makeComment({ id: 'c-9', threadId: 't-9', author: ME, body: 'Nouvelle idée' })],
    });
    const { fetchMock, state, user } = setup('member', { routes: [{ method: 'POST', path: LIST, body: created }] });
    await user.click(await screen.findByRole('button', { name: 'Ouvrir une discussion' }));
    const message = screen.getByLabelText('Votre message');
    expect(message).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Publier la discussion' }));
    expect(message).toHaveAttribute('aria-invalid', 'true');
    expect(message).toHaveAccessibleDescription(/Ce champ est obligatoire/);
    expect(requestsTo(fetchMock, 'POST', LIST)).toEqual([]);

    state.data = { ...state.data, threads: [...state.data.threads, created] };
    await user.type(message, '  Nouvelle idée ');
    await user.click(screen.getByRole('button', { name: 'Publier la discussion' }));
    await waitFor(() => expect(requestsTo(fetchMock, 'POST', LIST)).toEqual([{ body: 'Nouvelle idée', clientId: expect.any(String) }]));
    expect(await screen.findByText('Discussion ouverte.')).toBeInTheDocument();
    await waitFor(() => expect(card('t-9')).toHaveFocus());
  });

  it('opens a thread on the passage selected in the editor, showing its quote', async () => {
    const anchor = { start: 'CCCC', end: 'DDDD', quote: 'un plan pluriannuel' };
    const { fetchMock, store, user } = setup('member', {
      routes: [{ method: 'POST', path: LIST, body: makeThread({ id: 't-9', anchor }) }],
    });
    await screen.findByText('2 discussions sans suite donnée');
    expect(screen.queryByRole('button', { name: 'Commenter le passage sélectionné' })).not.toBeInTheDocument();
    act(() => store().setSelection(anchor));
    await user.click(screen.getByRole('button', { name: 'Commenter le passage sélectionné' }));
    expect(screen.getByLabelText('Le passage sélectionné dans la proposition')).toBeChecked();
    expect(screen.getByLabelText('Le passage sélectionné dans la proposition')).toHaveAccessibleDescription('un plan pluriannuel');
    await user.type(screen.getByLabelText('Votre message'), 'À préciser');
    await user.click(screen.getByRole('button', { name: 'Publier la discussion' }));
    await waitFor(() => expect(requestsTo(fetchMock, 'POST', LIST)).toEqual([{ body: 'À préciser', anchor, clientId: expect.any(String) }]));
  });

  it('replies with a mention inserted from the members list, then returns focus to « Répondre »', async () => {
    const replied: Thread = { ...sampleThread(0), comments: [...sampleThread(0).comments, makeComment({ id: 'c-10', author: ME })] };
    const { fetchMock, user } = setup('member', { routes: [{ method: 'POST', path: '/api/threads/t-1/comments', body: replied }] });
    await screen.findByText('2 discussions sans suite donnée');
    await user.click(within(card('t-1')).getByRole('button', { name: 'Répondre' }));
    const reply = screen.getByLabelText('Votre réponse');
    expect(reply).toHaveFocus();
    await user.type(reply, 'Merci');
    const picker = screen.getByLabelText('Mentionner un membre');
    expect(
      within(picker)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['— Choisir un membre —', 'Julien Roumanille', 'Sophie Aubanel']);
    await user.selectOptions(picker, JULIEN.userId);
    await user.click(screen.getByRole('button', { name: 'Insérer la mention' }));
    expect(reply).toHaveValue(`Merci @[Julien Roumanille](user:${JULIEN.userId}) `);
    await user.click(screen.getByRole('button', { name: 'Envoyer la réponse' }));
    await waitFor(() =>
      expect(requestsTo(fetchMock, 'POST', '/api/threads/t-1/comments')).toEqual([
        { body: `Merci @[Julien Roumanille](user:${JULIEN.userId})`, clientId: expect.any(String) },
      ]),
    );
    expect(await screen.findByText('Réponse publiée.')).toBeInTheDocument();
    await waitFor(() => expect(within(card('t-1')).getByRole('button', { name: 'Répondre' })).toHaveFocus());
  });

  it('edits and deletes one’s own comment, the deletion after a confirmation', async () => {
    const thread = sampleThread(0);
    const { fetchMock, user } = setup('member', {
      routes: [
        { method: 'PATCH', path: '/api/comments/c-2', body: thread },
        { method: 'DELETE', path: '/api/comments/c-2', body: thread },
      ],
    });
    await screen.findByText('2 discussions sans suite donnée');
    // Only one's own comments can be edited.
    expect(within(card('t-1')).getAllByRole('button', { name: 'Modifier' })).toHaveLength(1);
    await user.click(within(card('t-1')).getByRole('button', { name: 'Modifier' }));
    const field = screen.getByLabelText('Modifier votre commentaire');
    expect(field).toHaveValue('D’accord, je m’en occupe.');
    await user.clear(field);
    await user.type(field, 'Je m’en occupe.');
    await user.click(screen.getByRole('button', { name: 'Enregistrer la modification' }));
    await waitFor(() => expect(requestsTo(fetchMock, 'PATCH', '/api/comments/c-2')).toEqual([{ body: 'Je m’en occupe.' }]));
    expect(await screen.findByText('Commentaire modifié.')).toBeInTheDocument();

    await user.click(within(card('t-1')).getByRole('button', { name: 'Supprimer' }));
    expect(screen.getByRole('button', { name: 'Supprimer le commentaire' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Supprimer le commentaire' }));
    await waitFor(() => expect(requestsTo(fetchMock, 'DELETE', '/api/comments/c-2')).toHaveLength(1));
    expect(await screen.findByText('Commentaire supprimé.')).toBeInTheDocument();
  });

  it('lets an observer read without any form or action', async () => {
    setup('observer');
    expect(await screen.findByText('2 discussions sans suite donnée')).toBeInTheDocument();
    expect(screen.getByText(/permet de lire les discussions, pas d’y participer/)).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Ouvrir une discussion|Répondre|Modifier|Supprimer|résolue|suite/ }),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByText('L’axe ne pourra être clos qu’une fois une suite donnée à chaque discussion.')).not.toBeInTheDocument();
  });

  it('lets a moderator give a disposition, requiring a reason to set a contribution aside', async () => {
    const disposed = makeThread({ id: 't-1', disposition: 'ecarte', dispositionReason: 'Déjà prévu ailleurs' });
    const { fetchMock, user } = setup('moderator', { routes: [{ method: 'PUT', path: '/api/threads/t-1/disposition', body: disposed }] });
    expect(await screen.findByText('L’axe ne pourra être clos qu’une fois une suite donnée à chaque discussion.')).toBeInTheDocument();
    await user.click(within(card('t-1')).getByRole('button', { name: 'Donner une suite' }));
    const form = screen.getByRole('form', { name: 'Suite donnée à la discussion' });
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la suite donnée' }));
    expect(within(form).getByRole('group', { name: 'Suite donnée' })).toHaveAccessibleDescription('Choisissez une suite.');

    await user.click(within(form).getByLabelText('Écarté'));
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la suite donnée' }));
    const reason = within(form).getByLabelText('Motif');
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveAccessibleDescription(/Indiquez pourquoi cette contribution est écartée/);
    expect(reason).toHaveFocus();
    expect(requestsTo(fetchMock, 'PUT', '/api/threads/t-1/disposition')).toEqual([]);

    await user.type(reason, 'Déjà prévu ailleurs');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la suite donnée' }));
    await waitFor(() =>
      expect(requestsTo(fetchMock, 'PUT', '/api/threads/t-1/disposition')).toEqual([
        { disposition: 'ecarte', reason: 'Déjà prévu ailleurs' },
      ]),
    );
    expect(await screen.findByText('Suite donnée enregistrée : Écarté.')).toBeInTheDocument();
  });

  it('lets the author resolve an open thread', async () => {
    const resolved = { ...sampleThread(1), status: 'resolved' as const };
    const { fetchMock, user } = setup('member', { routes: [{ method: 'POST', path: '/api/threads/t-2/resolve', body: resolved }] });
    await screen.findByText('2 discussions sans suite donnée');
    // Not the author of t-1: no resolve button there.
    expect(within(card('t-1')).queryByRole('button', { name: 'Marquer comme résolue' })).not.toBeInTheDocument();
    await user.click(within(card('t-2')).getByRole('button', { name: 'Marquer comme résolue' }));
    await waitFor(() => expect(requestsTo(fetchMock, 'POST', '/api/threads/t-2/resolve')).toHaveLength(1));
    expect(await screen.findByText('Discussion marquée comme résolue.')).toBeInTheDocument();
  });
});
