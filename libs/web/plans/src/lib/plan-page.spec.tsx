import type { WorkspaceRole } from '@miroir/shared/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AxisPage, type AxisPageProps } from './axis-page';
import { samplePlan } from './fixtures';
import { PlanPage } from './plan-page';
import { makeUser, mockFetch, renderWithProviders, requestsTo } from '@miroir/web/testing';

function renderPlan(role: WorkspaceRole) {
  const plan = samplePlan();
  const fetchMock = mockFetch([
    { path: '/api/auth/me', body: makeUser(role) },
    { path: '/api/plans/p-1', body: plan },
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
