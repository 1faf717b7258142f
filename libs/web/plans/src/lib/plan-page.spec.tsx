import type { PlanActivity, WorkspaceRole } from '@miroir/shared/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AxisPage, type AxisPageProps } from './axis-page';
import { samplePlan } from './fixtures';
import { PlanPage } from './plan-page';
import { makeUser, mockFetch, renderWithProviders, requestsTo, type MockRoute } from '@miroir/web/testing';

const activity: PlanActivity = {
  planId: 'p-1',
  axes: [
    { axisId: 'a-1', newComments: 3, openThreads: 2, withoutDisposition: 2, lastVisitAt: null },
    { axisId: 'x-1', newComments: 2, openThreads: 1, withoutDisposition: 0, lastVisitAt: '2026-11-01T10:00:00.000Z' },
    // Archived: hidden from members, so not counted for them.
    { axisId: 's-2', newComments: 4, openThreads: 1, withoutDisposition: 1, lastVisitAt: null },
  ],
};

function renderPlan(role: WorkspaceRole, activityRoute: Omit<MockRoute, 'path'> = { status: 404 }) {
  const plan = samplePlan();
  const fetchMock = mockFetch([
    { path: '/api/auth/me', body: makeUser(role) },
    { path: '/api/plans/p-1', body: plan },
    { path: '/api/plans/p-1/activity', ...activityRoute },
    { method: 'POST', path: '/api/axes/a-1/move', body: { ...plan, axes: [...plan.axes].reverse() } },
  ]);
  renderWithProviders(
    <Routes>
      <Route path="/plans/:planId" element={<PlanPage />} />
    </Routes>,
    { route: '/plans/p-1' },
  );
  return fetchMock;
}

describe('PlanPage', () => {
  it('shows the plan to a member without any edit control', async () => {
    renderPlan('member');
    expect(await screen.findByRole('heading', { level: 1, name: 'Plan de formation 2026' })).toBeInTheDocument();
    expect(screen.getByText('Second paragraphe.')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: "Fil d'Ariane" })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Finances locales' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Modifier le plan' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Ajouter un axe/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Monter|Descendre/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Ancien sous-axe' })).not.toBeInTheDocument();
  });

  it('gives a moderator the edit, add and reorder controls, and posts moves', async () => {
    const fetchMock = renderPlan('moderator');
    expect(await screen.findByRole('button', { name: 'Modifier le plan' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Ajouter un axe/ })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ancien sous-axe' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Descendre «\u00a0Management et pilotage\u00a0»' }));
    await waitFor(() => expect(requestsTo(fetchMock, 'POST', '/api/axes/a-1/move')).toEqual([{ parentId: null, position: 1 }]));
    expect(await screen.findByText(/Management et pilotage.*a été déplacé/)).toBeInTheDocument();
  });

  it('creates a root axis from the inline form', async () => {
    const fetchMock = renderPlan('admin');
    fetchMock.mockClear();
    await userEvent.click(await screen.findByRole('button', { name: /Ajouter un axe/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter' }));
    expect(screen.getByLabelText('Titre')).toHaveAttribute('aria-invalid', 'true');
    await userEvent.type(screen.getByLabelText('Titre'), 'Ressources humaines');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter' }));
    await waitFor(() =>
      expect(requestsTo(fetchMock, 'POST', '/api/plans/p-1/axes')).toEqual([
        { title: 'Ressources humaines', description: '', parentId: null },
      ]),
    );
  });

  it('shows what is new on each axis since the last visit, and a summary', async () => {
    renderPlan('member', { body: activity });
    expect(await screen.findByText('5 nouveaux commentaires depuis votre dernière visite')).toBeInTheDocument();
    const row = (title: string) => screen.getByRole('link', { name: title }).closest('.axis-tree__row') as HTMLElement;
    expect(within(row('Management et pilotage')).getByText('3 nouveaux commentaires')).toBeInTheDocument();
    expect(within(row('Atelier de codéveloppement')).getByText('2 nouveaux commentaires')).toBeInTheDocument();
    expect(screen.queryByText(/sans suite|attend/)).not.toBeInTheDocument();
  });

  it('shows moderators the threads still without disposition', async () => {
    renderPlan('moderator', { body: activity });
    expect(await screen.findByText('9 nouveaux commentaires depuis votre dernière visite')).toBeInTheDocument();
    expect(screen.getByText('3 discussions attendent encore une suite.')).toBeInTheDocument();
    const row = (title: string) => screen.getByRole('link', { name: title }).closest('.axis-tree__row') as HTMLElement;
    expect(within(row('Management et pilotage')).getByText('2 discussions sans suite')).toBeInTheDocument();
    expect(within(row('Ancien sous-axe')).getByText('1 discussion sans suite')).toBeInTheDocument();
  });

  it('shows the plan without any activity when the activity cannot be read', async () => {
    const fetchMock = renderPlan('moderator', { status: 500, body: { statusCode: 500, code: 'INTERNAL', message: 'boom' } });
    expect(await screen.findByRole('link', { name: 'Finances locales' })).toBeInTheDocument();
    await waitFor(() => expect(fetchMock.mock.calls.some(([url]) => String(url) === '/api/plans/p-1/activity')).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByText(/nouveaux? commentaires?|sans suite/)).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('AxisPage', () => {
  const detail = {
    ...samplePlan().axes[0]?.children[0],
    description: 'Ligne 1\nLigne 2\n\n<b>pas du HTML</b>',
    plan: { id: 'p-1', title: 'Plan de formation 2026', status: 'open', workspaceId: 'ws-1' },
    breadcrumbs: [{ id: 'a-1', title: 'Management et pilotage', kind: 'axis' }],
  };

  function renderAxis(role: WorkspaceRole, props: AxisPageProps = {}) {
    mockFetch([
      { path: '/api/auth/me', body: makeUser(role) },
      { path: '/api/axes/s-1', body: detail },
      { path: '/api/plans/p-1', body: samplePlan() },
    ]);
    renderWithProviders(
      <Routes>
        <Route path="/axes/:axisId" element={<AxisPage {...props} />} />
      </Routes>,
      { route: '/axes/s-1' },
    );
  }

  it('shows breadcrumbs, kind, plain-text description and children', async () => {
    renderAxis('observer');
    expect(await screen.findByRole('heading', { level: 1, name: 'Conduite du changement' })).toBeInTheDocument();
    const crumbs = screen.getByRole('navigation', { name: "Fil d'Ariane" });
    expect(crumbs).toHaveTextContent('Plans');
    expect(screen.getByRole('link', { name: 'Management et pilotage' })).toHaveAttribute('href', '/axes/a-1');
    expect(crumbs.querySelector('[aria-current="page"]')).toHaveTextContent('Conduite du changement');
    expect(screen.getByText('<b>pas du HTML</b>')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Actions' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Atelier de codéveloppement' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Gestion' })).not.toBeInTheDocument();
  });

  it('shows the proposal slot under a « Proposition » heading, only when the app provides it', async () => {
    renderAxis('member', { renderProposal: (axis) => <p>Éditeur de la proposition de {axis.title}</p> });
    const heading = await screen.findByRole('heading', { level: 2, name: 'Proposition' });
    expect(heading.closest('section')).toHaveTextContent('Éditeur de la proposition de Conduite du changement');
  });

  it('has no proposal section without the slot', async () => {
    renderAxis('member');
    await screen.findByRole('heading', { level: 1, name: 'Conduite du changement' });
    expect(screen.queryByRole('heading', { name: 'Proposition' })).not.toBeInTheDocument();
  });

  it('offers managers the valid new parents only', async () => {
    renderAxis('moderator');
    const select = await screen.findByRole('combobox', { name: 'Nouveau parent' });
    const labels = Array.from((select as HTMLSelectElement).options).map((option) => option.text);
    // A sub-axis holding an action can go to the root or under the other root axis, not under itself,
    // its own action, its current parent, or an archived axis.
    expect(labels).toEqual(['— Choisir —', 'Racine du plan (devient un axe)', 'Axe\u00a0: Finances locales']);
  });
});
