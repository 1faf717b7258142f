import { makeUser, mockFetch, renderWithProviders, requestsTo } from '@miroir/web/testing';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { sampleNotifications } from './fixtures';
import { NotificationsPage } from './notifications-page';

function renderPage(notifications: { status?: number; body?: unknown } = { body: sampleNotifications() }) {
  const fetchMock = mockFetch([
    { path: '/api/auth/me', body: makeUser('member') },
    { path: '/api/notifications', ...notifications },
    { method: 'POST', path: '/api/notifications/n-3/read', body: { ...sampleNotifications()[2], readAt: '2026-11-21T09:00:00.000Z' } },
  ]);
  renderWithProviders(
    <Routes>
      <Route path="/notifications" element={<NotificationsPage />} />
      <Route path="/axes/:axisId" element={<p>Page de l’axe</p>} />
    </Routes>,
    { route: '/notifications' },
  );
  return fetchMock;
}

describe('NotificationsPage', () => {
  it('lists every mention newest first with its exact date and the unread count', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'Notifications' })).toBeInTheDocument();
    expect(document.title).toBe('Notifications — Miroir');
    const list = await screen.findByRole('list', { name: 'Notifications' });
    const links = within(list).getAllByRole('link');
    expect(links.map((link) => link.querySelector('.notification__text')?.textContent)).toEqual([
      'Claire Mistral vous a mentionné·e',
      'Julien Roumanille vous a mentionné·e',
      'Antoine Bérard vous a mentionné·e',
    ]);
    expect(links[0]).toHaveTextContent(/21 novembre 2026/);
    expect(links[2]).not.toHaveTextContent('Non lue');
    expect(screen.getByText('2 notifications non lues')).toBeInTheDocument();
  });

  it('marks a mention read when following it to its thread', async () => {
    const fetchMock = renderPage();
    await userEvent.click(await screen.findByRole('link', { name: /Julien Roumanille/ }));
    expect(await screen.findByText('Page de l’axe')).toBeInTheDocument();
    await waitFor(() => expect(requestsTo(fetchMock, 'POST', '/api/notifications/n-3/read')).toHaveLength(1));
  });

  it('shows an empty state', async () => {
    renderPage({ body: [] });
    expect(await screen.findByText('Aucune notification pour le moment.')).toBeInTheDocument();
  });

  it('shows an error when the list cannot be loaded', async () => {
    renderPage({ status: 500, body: { statusCode: 500, code: 'INTERNAL', message: 'boom' } });
    expect(await screen.findByRole('alert')).toHaveTextContent('Une erreur inattendue est survenue');
  });
});
