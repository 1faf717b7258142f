import { makeUser, mockFetch, renderWithProviders, requestsTo } from '@miroir/web/testing';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { sampleNotifications } from './fixtures';
import { NotificationsMenu } from './notifications-menu';

function CurrentLocation() {
  const location = useLocation();
  return <p data-testid="location">{`${location.pathname}${location.hash}`}</p>;
}

function renderMenu(notifications: { status?: number; body?: unknown } = { body: sampleNotifications() }) {
  const fetchMock = mockFetch([
    { path: '/api/auth/me', body: makeUser('member') },
    { path: '/api/notifications', ...notifications },
    { method: 'POST', path: '/api/notifications/n-2/read', body: { ...sampleNotifications()[1], readAt: '2026-11-21T09:00:00.000Z' } },
  ]);
  renderWithProviders(
    <>
      <NotificationsMenu />
      <Routes>
        <Route path="*" element={<CurrentLocation />} />
      </Routes>
    </>,
    { route: '/plans' },
  );
  return fetchMock;
}

describe('NotificationsMenu', () => {
  it('shows the unread count in the accessible name of a collapsed disclosure button', async () => {
    renderMenu();
    const button = await screen.findByRole('button', { name: 'Notifications, 2 non lues' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    // The visible text stays part of the accessible name (WCAG 2.5.3, axe label-content-name-mismatch).
    expect(button).toHaveTextContent('Notifications 2');
    const panel = document.getElementById(button.getAttribute('aria-controls') as string);
    expect(panel).not.toBeVisible();
  });

  it('opens with the keyboard, lists mentions newest first, and closes with Escape back on the button', async () => {
    const user = userEvent.setup();
    renderMenu();
    const button = await screen.findByRole('button', { name: /Notifications, 2 non lues/ });
    await user.tab();
    expect(button).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(button).toHaveAttribute('aria-expanded', 'true');

    const list = screen.getByRole('list', { name: 'Dernières notifications' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => within(item).getByRole('link').querySelector('.notification__text')?.textContent)).toEqual([
      'Claire Mistral vous a mentionné·e',
      'Julien Roumanille vous a mentionné·e',
      'Antoine Bérard vous a mentionné·e',
    ]);
    expect(within(items[0] as HTMLElement).getByText('Non lue')).toBeInTheDocument();
    expect(within(items[1] as HTMLElement).getByText('Non lue')).toBeInTheDocument();
    expect(within(items[2] as HTMLElement).queryByText('Non lue')).not.toBeInTheDocument();
    expect(items[0]?.querySelector('time')).toHaveAttribute('dateTime', '2026-11-21T08:30:00.000Z');
    expect(screen.getByRole('link', { name: 'Tout voir' })).toHaveAttribute('href', '/notifications');

    await user.tab();
    expect(within(items[0] as HTMLElement).getByRole('link')).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
    expect(screen.queryByRole('list', { name: 'Dernières notifications' })).not.toBeInTheDocument();
  });

  it('marks a mention read and goes to its thread on the axis page', async () => {
    const user = userEvent.setup();
    const fetchMock = renderMenu();
    await user.click(await screen.findByRole('button', { name: /Notifications, 2 non lues/ }));
    const link = screen.getByRole('link', { name: /Claire Mistral vous a mentionné·e/ });
    expect(link).toHaveAttribute('href', '/axes/a-1#thread-t-n-2');

    await user.click(link);
    expect(screen.getByTestId('location')).toHaveTextContent('/axes/a-1#thread-t-n-2');
    await waitFor(() => expect(requestsTo(fetchMock, 'POST', '/api/notifications/n-2/read')).toHaveLength(1));
    expect(screen.getByRole('button', { name: /^Notifications/ })).toHaveAttribute('aria-expanded', 'false');
  });

  it('does not mark an already read mention again', async () => {
    const user = userEvent.setup();
    const fetchMock = renderMenu();
    await user.click(await screen.findByRole('button', { name: /Notifications, 2 non lues/ }));
    await user.click(screen.getByRole('link', { name: /Antoine Bérard/ }));
    expect(screen.getByTestId('location')).toHaveTextContent('/axes/a-1#thread-t-n-1');
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(0);
  });

  it('closes when clicking outside, without moving focus', async () => {
    const user = userEvent.setup();
    renderMenu();
    const button = await screen.findByRole('button', { name: /Notifications, 2 non lues/ });
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    await user.click(screen.getByTestId('location'));
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  it('shows no count and says so when notifications cannot be loaded', async () => {
    const user = userEvent.setup();
    renderMenu({ status: 500, body: { statusCode: 500, code: 'INTERNAL', message: 'boom' } });
    expect(await screen.findByText('Les notifications sont momentanément indisponibles.', {}, { timeout: 3000 })).toBeInTheDocument();
    const button = screen.getByRole('button', { name: 'Notifications' });
    await user.click(button);
    expect(screen.getByText('Les notifications sont momentanément indisponibles.')).toBeVisible();
  });

  it('says when there is nothing yet', async () => {
    const user = userEvent.setup();
    renderMenu({ body: [] });
    await user.click(await screen.findByRole('button', { name: 'Notifications' }));
    expect(await screen.findByText('Aucune notification pour le moment.')).toBeVisible();
  });
});
