import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { RequireAuth } from './require-auth';
import { SignInPage } from './sign-in-page';
import { UNAUTHENTICATED, makeUser, mockFetch, renderWithProviders, requestsTo } from '@miroir/web/testing';

function Where() {
  const location = useLocation();
  return <p data-testid="location">{`${location.pathname}${location.search}`}</p>;
}

function renderApp(route: string) {
  return renderWithProviders(
    <Routes>
      <Route path="/connexion" element={<SignInPage />} />
      <Route element={<RequireAuth />}>
        <Route path="/plans" element={<h1>Liste des plans</h1>} />
        <Route path="/plans/:planId" element={<h1>Plan cible</h1>} />
      </Route>
      <Route path="*" element={<Where />} />
    </Routes>,
    { route },
  );
}

describe('SignInPage', () => {
  it('shows the labelled fields and validates them before calling the API', async () => {
    const fetchMock = mockFetch([{ path: '/api/auth/me', status: 401, body: UNAUTHENTICATED }]);
    renderApp('/connexion');

    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    const email = screen.getByLabelText(/Adresse électronique/);
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));

    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(expect.stringContaining('Ce champ est obligatoire.'));
    expect(screen.getByLabelText('Mot de passe')).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveFocus();

    await userEvent.type(email, 'pas-une-adresse');
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(email).toHaveAccessibleDescription(expect.stringContaining('Saisissez une adresse électronique valide'));
    expect(requestsTo(fetchMock, 'POST', '/api/auth/login')).toHaveLength(0);
  });

  it('displays the translated message of a 401 and stays on the page', async () => {
    const fetchMock = mockFetch([
      { path: '/api/auth/me', status: 401, body: UNAUTHENTICATED },
      {
        method: 'POST',
        path: '/api/auth/login',
        status: 401,
        body: { statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Invalid credentials' },
      },
    ]);
    renderApp('/connexion');

    await userEvent.type(await screen.findByLabelText(/Adresse électronique/), 'camille.martin@cavaillon.fr');
    await userEvent.type(screen.getByLabelText('Mot de passe'), 'mauvais-mot-de-passe');
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Adresse électronique ou mot de passe incorrect.');
    expect(requestsTo(fetchMock, 'POST', '/api/auth/login')).toEqual([
      { email: 'camille.martin@cavaillon.fr', password: 'mauvais-mot-de-passe' },
    ]);
    expect(screen.getByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    expect(screen.getByLabelText('Mot de passe')).toHaveValue('');
  });

  it('shows the rate-limit message on 429', async () => {
    mockFetch([
      { path: '/api/auth/me', status: 401, body: UNAUTHENTICATED },
      { method: 'POST', path: '/api/auth/login', status: 429, body: { statusCode: 429, code: 'TOO_MANY_REQUESTS', message: 'Too many' } },
    ]);
    renderApp('/connexion');
    await userEvent.type(await screen.findByLabelText(/Adresse électronique/), 'a@b.fr');
    await userEvent.type(screen.getByLabelText('Mot de passe'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Trop de tentatives');
  });

  it('sends an anonymous visitor to the sign-in page, then back where they were going', async () => {
    const user = makeUser();
    mockFetch([
      { path: '/api/auth/me', status: 401, body: UNAUTHENTICATED },
      { method: 'POST', path: '/api/auth/login', body: user },
    ]);
    renderApp('/plans/p-42');

    expect(await screen.findByRole('heading', { name: 'Connexion' })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Adresse électronique/), user.email);
    await userEvent.type(screen.getByLabelText('Mot de passe'), 'un-mot-de-passe-solide');
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));

    expect(await screen.findByRole('heading', { name: 'Plan cible' })).toBeInTheDocument();
  });

  it('ignores a `next` parameter pointing to another site', async () => {
    const user = makeUser();
    mockFetch([
      { path: '/api/auth/me', status: 401, body: UNAUTHENTICATED },
      { method: 'POST', path: '/api/auth/login', body: user },
    ]);
    renderApp('/connexion?next=%2F%2Fevil.example%2Fphish');

    await userEvent.type(await screen.findByLabelText(/Adresse électronique/), user.email);
    await userEvent.type(screen.getByLabelText('Mot de passe'), 'un-mot-de-passe-solide');
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));

    expect(await screen.findByRole('heading', { name: 'Liste des plans' })).toBeInTheDocument();
  });

  it('redirects a signed-in user away from the sign-in page', async () => {
    mockFetch([{ path: '/api/auth/me', body: makeUser() }]);
    renderApp('/connexion');
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Liste des plans' })).toBeInTheDocument());
  });
});
