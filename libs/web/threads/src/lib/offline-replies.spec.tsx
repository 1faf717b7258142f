import type { AxisThreads, Thread } from '@miroir/shared/contracts';
import { AnnotationsProvider } from '@miroir/web/annotations';
import { makeUser, mockFetch, renderWithProviders, requestsTo, type MockRoute } from '@miroir/web/testing';
import { onlineManager } from '@tanstack/react-query';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ME, makeComment, sampleMembers, sampleThreads } from './fixtures';
import { ThreadsSection } from './threads-section';

const LIST = '/api/axes/a-1/threads';
const REPLY = '/api/threads/t-1/comments';
const PENDING = 'En attente de connexion — sera envoyé au retour du réseau';
const TEXT = 'Écrit dans le train, sans réseau';

function setup(replyRoute: (state: { data: AxisThreads }) => MockRoute) {
  const state = { data: sampleThreads() };
  const fetchMock = mockFetch([
    { path: '/api/auth/me', body: makeUser('member') },
    {
      path: LIST,
      get body() {
        return state.data;
      },
    },
    { path: '/api/workspaces/ws-1/members', body: sampleMembers() },
    { method: 'POST', path: '/api/axes/a-1/visit', body: { axisId: 'a-1', lastVisitAt: '2026-11-20T00:00:00.000Z' } },
    replyRoute(state),
  ]);
  renderWithProviders(
    <AnnotationsProvider>
      <ThreadsSection axisId="a-1" workspaceId="ws-1" />
    </AnnotationsProvider>,
  );
  return { fetchMock, state, user: userEvent.setup() };
}

function card(): HTMLElement {
  return document.getElementById('thread-t-1') as HTMLElement;
}

async function replyOffline(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByText('2 discussions sans suite donnée');
  act(() => onlineManager.setOnline(false));
  await user.click(within(card()).getByRole('button', { name: 'Répondre' }));
  await user.type(screen.getByLabelText('Votre réponse'), TEXT);
  await user.click(screen.getByRole('button', { name: 'Envoyer la réponse' }));
}

describe('replies written offline', () => {
  afterEach(() => {
    act(() => onlineManager.setOnline(true));
  });

  it('are shown pending, not as posted, and not sent; back online they are sent once and replaced by the server’s version', async () => {
    const { fetchMock, user } = setup((state) => ({
      method: 'POST',
      path: REPLY,
      // The server's answer, and the list it will serve from now on.
      get body(): Thread {
        const first = sampleThreads().threads[0] as Thread;
        const replied = { ...first, comments: [...first.comments, makeComment({ id: 'c-offline', author: ME, body: TEXT })] };
        state.data = { ...state.data, threads: state.data.threads.map((thread) => (thread.id === 't-1' ? replied : thread)) };
        return replied;
      },
    }));
    await replyOffline(user);

    // The form closed, the reply waits under the thread's comments, marked as such.
    expect(await screen.findByText('Hors ligne : votre message sera envoyé au retour du réseau.')).toBeInTheDocument();
    const queued = within(card()).getByRole('list', { name: 'Votre réponse (pas encore publiée)' });
    expect(within(queued).getByText(PENDING)).toBeInTheDocument();
    expect(within(queued).getByText(TEXT)).toBeInTheDocument();
    expect(within(card()).getByRole('list', { name: 'Messages de la discussion' })).not.toHaveTextContent(TEXT);
    expect(requestsTo(fetchMock, 'POST', REPLY)).toEqual([]);

    act(() => onlineManager.setOnline(true));
    await waitFor(() => expect(within(card()).queryByText(PENDING)).not.toBeInTheDocument());
    expect(requestsTo(fetchMock, 'POST', REPLY)).toEqual([{ body: TEXT, clientId: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
    expect(within(card()).getByRole('list', { name: 'Messages de la discussion' })).toHaveTextContent(TEXT);
    expect(within(card()).queryByRole('list', { name: 'Votre réponse (pas encore publiée)' })).not.toBeInTheDocument();
    await waitFor(() => expect(requestsTo(fetchMock, 'GET', LIST).length).toBeGreaterThan(1));
    expect(within(card()).getAllByText(TEXT)).toHaveLength(1);
    expect(requestsTo(fetchMock, 'POST', REPLY)).toHaveLength(1);
  });

  it('refused when replayed (409), show the reason and keep the text until dismissed', async () => {
    const { fetchMock, user } = setup(() => ({
      method: 'POST',
      path: REPLY,
      status: 409,
      body: { statusCode: 409, code: 'AXIS_CLOSED', message: 'This axis is closed' },
    }));
    await replyOffline(user);
    expect(await within(card()).findByText(PENDING)).toBeInTheDocument();

    act(() => onlineManager.setOnline(true));
    const alert = await within(card()).findByRole('alert');
    expect(alert).toHaveTextContent(/^Non envoyé : .+Votre texte est conservé ci-dessous/);
    expect(within(card()).queryByText(PENDING)).not.toBeInTheDocument();
    expect(within(card()).getByText(TEXT)).toHaveClass('comment__queued-text');
    expect(requestsTo(fetchMock, 'POST', REPLY)).toHaveLength(1);

    await user.click(within(card()).getByRole('button', { name: 'Fermer ce message' }));
    expect(within(card()).queryByText(TEXT)).not.toBeInTheDocument();
    expect(requestsTo(fetchMock, 'POST', REPLY)).toHaveLength(1);
  });
});
