import type { CurrentUser, PlanSummary, WorkspaceRole } from '@miroir/shared/contracts';
import { SessionProvider } from '@miroir/web/data-access';
import { I18nextProvider, i18n } from '@miroir/web/i18n';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { makeUser } from '@miroir/web/testing';
import { App } from './app';

const plans: PlanSummary[] = [
  {
    id: 'p-1',
    workspaceId: 'ws-1',
    title: 'Plan de formation 2026',
    description: 'Une offre de service construite avec les DGS de Vaucluse.',
    status: 'open',
    axisCount: 3,
    updatedAt: '2026-02-03T10:00:00.000Z',
  },
];

const user = (role: WorkspaceRole): CurrentUser => makeUser(role);

function json(status: number, body?: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function renderApp(route: string, me: CurrentUser | null, { plansStatus = 200 }: { plansStatus?: number } = {}) {
  let session = me;
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    if (url === '/api/auth/me') return session ? json(200, session) : json(401, { statusCode: 401, code: 'UNAUTHENTICATED', message: '' });
    if (url === '/api/auth/logout' && method === 'POST') {
      session = null;
      return json(204);
    }
    if (url === '/api/plans') {
      return plansStatus === 200 ? json(200, plans) : json(plansStatus, { statusCode: plansStatus, code: 'UNAUTHENTICATED', message: '' });
    }
    return json(404, { statusCode: 404, code: 'NOT_FOUND', message: '' });
  });
  vi.stubGlobal('fetch', fetchMock);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[route]}>
          <SessionProvider>
            <App />
          </SessionProvider>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return fetchMock;
}

describe('App shell', () => {
  it('redirects / to the plans list inside the landmarks of the shell', async () => {
    renderApp('/', user('member'));

    expect(await screen.findByRole('heading', { level: 1, name: 'Plans' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Aller au contenu' })).toHaveAttribute('href', '#contenu');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'contenu');
    expect(screen.getByRole('banner')).toHaveTextContent('Groupe miroir DGS');
    expect(screen.getByRole('contentinfo')).toHaveTextContent('Miroir — CNFPT · SNDGCT');

    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).getByRole('link', { name: 'Plans' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Membres' })).toHaveAttribute('href', '/espace/ws-1/membres');

    const card = await screen.findByRole('link', { name: 'Plan de formation 2026' });
    expect(card).toHaveAttribute('href', '/plans/p-1');
    expect(screen.getByText('3 axes')).toBeInTheDocument();
    expect(screen.getByRole('banner')).toHaveTextContent('Membre · Groupe miroir Vaucluse');
  });

  it('does not offer the members page to observers', async () => {
    renderApp('/plans', user('observer'));
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).queryByRole('link', { name: 'Membres' })).not.toBeInTheDocument();
  });

  it('signs out and returns to the sign-in page', async () => {
    const fetchMock = renderApp('/plans', user('admin'));
    await userEvent.click(await screen.findByRole('button', { name: 'Se déconnecter' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith('/api/auth/logout', expect.objectContaining({ method: 'POST' }));
    expect(screen.queryByRole('navigation', { name: 'Navigation principale' })).not.toBeInTheDocument();
  });

  it('switches the interface to English and updates the lang attribute', async () => {
    renderApp('/connexion', null);
    expect(await screen.findByRole('heading', { name: 'Connexion' })).toBeInTheDocument();
    const english = screen.getByRole('button', { name: 'English' });
    expect(english).toHaveAttribute('aria-pressed', 'false');

    await userEvent.click(english);

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByLabelText(/Email address/)).toBeInTheDocument();
    expect(document.documentElement).toHaveAttribute('lang', 'en');
    expect(english).toHaveAttribute('aria-pressed', 'true');
    expect(window.localStorage.getItem('miroir.language')).toBe('en');
  });

  it('shows a not-found page for unknown addresses', async () => {
    renderApp('/nulle-part', user('member'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Page introuvable' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Revenir à la liste des plans' })).toHaveAttribute('href', '/plans');
  });

  it('goes back to the sign-in page when the session expires during use', async () => {
    renderApp('/plans', user('member'), { plansStatus: 401 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    expect(screen.getByText('Votre session a expiré. Reconnectez-vous pour continuer.')).toBeInTheDocument();
  });

  it('sends anonymous visitors of a protected page to /connexion', async () => {
    renderApp('/profil', null);
    expect(await screen.findByRole('heading', { name: 'Connexion' })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('Connexion — Miroir'));
  });
});
