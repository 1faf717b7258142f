import type { MembersPage as MembersData, WorkspaceRole } from '@miroir/shared/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { MembersPage } from './members-page';
import { makeUser, mockFetch, renderWithProviders, requestsTo, type MockRoute } from '@miroir/web/testing';

function membersData(withInvitations: boolean): MembersData {
  return {
    workspaceId: 'ws-1',
    workspaceName: 'Groupe miroir Vaucluse',
    members: [
      {
        userId: 'u-1',
        email: 'camille.martin@cavaillon.fr',
        displayName: 'Camille Martin',
        jobTitle: 'DGS',
        collectivite: 'Commune de Cavaillon',
        collectiviteType: 'commune',
        populationBand: '20000_50000',
        role: 'admin',
        joinedAt: '2026-01-10T09:00:00.000Z',
      },
      {
        userId: 'u-2',
        email: 'dominique.roux@grandavignon.fr',
        displayName: 'Dominique Roux',
        jobTitle: null,
        collectivite: 'Grand Avignon',
        collectiviteType: 'epci',
        populationBand: 'gt_100000',
        role: 'member',
        joinedAt: '2026-01-12T09:00:00.000Z',
      },
    ],
    invitations: withInvitations
      ? [
          {
            id: 'inv-1',
            email: 'nouvelle.dgs@apt.fr',
            role: 'member',
            invitedAt: '2026-02-01T09:00:00.000Z',
            expiresAt: '2026-02-15T09:00:00.000Z',
          },
        ]
      : [],
  };
}

function renderMembers(role: WorkspaceRole, extra: MockRoute[] = []) {
  const fetchMock = mockFetch([
    { path: '/api/auth/me', body: makeUser(role) },
    { path: '/api/workspaces/ws-1/members', body: membersData(role === 'admin') },
    ...extra,
  ]);
  renderWithProviders(
    <Routes>
      <Route path="/espace/:workspaceId/membres" element={<MembersPage />} />
    </Routes>,
    { route: '/espace/ws-1/membres' },
  );
  return fetchMock;
}

describe('MembersPage', () => {
  it('lists members read-only for a member', async () => {
    renderMembers('member');
    const table = await screen.findByRole('table', { name: /Liste des membres/ });
    const row = within(table).getByRole('row', { name: /Dominique Roux/ });
    expect(row).toHaveTextContent('dominique.roux@grandavignon.fr');
    expect(row).toHaveTextContent('EPCI');
    expect(row).toHaveTextContent(/Plus de 100\s000 hab\./);
    expect(row).toHaveTextContent('Membre');
    expect(row).toHaveTextContent('Non renseigné');
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Retirer/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Inviter une personne' })).not.toBeInTheDocument();
  });

  it('tells an observer they cannot see the list, without calling the API', async () => {
    const fetchMock = renderMembers('observer');
    expect(await screen.findByRole('alert')).toHaveTextContent('ne permet pas de consulter la liste des membres');
    expect(fetchMock.mock.calls.some(([url]) => String(url).includes('/members'))).toBe(false);
  });

  it('lets an admin change a role and shows the LAST_ADMIN refusal', async () => {
    const fetchMock = renderMembers('admin', [
      {
        method: 'PATCH',
        path: '/api/workspaces/ws-1/members/u-1',
        status: 409,
        body: { statusCode: 409, code: 'LAST_ADMIN', message: 'Last admin' },
      },
      { method: 'PATCH', path: '/api/workspaces/ws-1/members/u-2', body: { ...membersData(true).members[1], role: 'moderator' } },
    ]);

    const select = await screen.findByRole('combobox', { name: 'Rôle de Dominique Roux' });
    expect(screen.queryByRole('button', { name: /Appliquer/ })).not.toBeInTheDocument();
    await userEvent.selectOptions(select, 'moderator');
    await userEvent.click(screen.getByRole('button', { name: 'Appliquer le nouveau rôle de Dominique Roux' }));
    await waitFor(() => expect(requestsTo(fetchMock, 'PATCH', '/api/workspaces/ws-1/members/u-2')).toEqual([{ role: 'moderator' }]));
    expect(await screen.findByText(/Dominique Roux est désormais/)).toHaveTextContent('Modérateur·rice');

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Rôle de Camille Martin' }), 'member');
    await userEvent.click(screen.getByRole('button', { name: 'Appliquer le nouveau rôle de Camille Martin' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('au moins un administrateur');
    expect(screen.getByRole('combobox', { name: 'Rôle de Camille Martin' })).toHaveValue('admin');
  });

  it('asks for confirmation before removing a member', async () => {
    const fetchMock = renderMembers('admin', [{ method: 'DELETE', path: '/api/workspaces/ws-1/members/u-2', status: 204 }]);
    // No removal of oneself.
    expect(await screen.findByRole('button', { name: 'Retirer Dominique Roux de l’espace' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Retirer Camille Martin/ })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Retirer Dominique Roux de l’espace' }));
    expect(requestsTo(fetchMock, 'DELETE', '/api/workspaces/ws-1/members/u-2')).toHaveLength(0);
    const confirm = screen.getByRole('button', { name: 'Confirmer le retrait' });
    expect(confirm).toHaveFocus();
    await userEvent.click(confirm);
    await waitFor(() => expect(requestsTo(fetchMock, 'DELETE', '/api/workspaces/ws-1/members/u-2')).toHaveLength(1));
  });

  it('invites by email and role, then shows the link to copy; lists and revokes pending invitations', async () => {
    const fetchMock = renderMembers('admin', [
      {
        method: 'POST',
        path: '/api/workspaces/ws-1/invitations',
        status: 201,
        body: {
          invitation: {
            id: 'inv-2',
            email: 'sacha@pertuis.fr',
            role: 'observer',
            invitedAt: '2026-02-03T09:00:00.000Z',
            expiresAt: '2026-02-17T09:00:00.000Z',
          },
          invitationUrl: '/invitation/tok-123',
        },
      },
      { method: 'DELETE', path: '/api/workspaces/ws-1/invitations/inv-1', status: 204 },
    ]);

    const pending = await screen.findByRole('table', { name: /Invitations en attente/ });
    expect(within(pending).getByText('nouvelle.dgs@apt.fr')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Créer l’invitation' }));
    expect(screen.getByLabelText('Adresse électronique de la personne invitée')).toHaveAttribute('aria-invalid', 'true');

    await userEvent.type(screen.getByLabelText('Adresse électronique de la personne invitée'), 'sacha@pertuis.fr');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Rôle attribué' }), 'observer');
    await userEvent.click(screen.getByRole('button', { name: 'Créer l’invitation' }));

    await waitFor(() =>
      expect(requestsTo(fetchMock, 'POST', '/api/workspaces/ws-1/invitations')).toEqual([{ email: 'sacha@pertuis.fr', role: 'observer' }]),
    );
    expect(await screen.findByLabelText('Lien d’invitation')).toHaveValue(`${window.location.origin}/invitation/tok-123`);
    expect(screen.getByRole('button', { name: 'Copier le lien' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Révoquer l’invitation de nouvelle.dgs@apt.fr' }));
    await waitFor(() => expect(requestsTo(fetchMock, 'DELETE', '/api/workspaces/ws-1/invitations/inv-1')).toHaveLength(1));
  });
});
