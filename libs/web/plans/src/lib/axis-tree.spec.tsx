import { I18nextProvider, i18n } from '@miroir/web/i18n';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { AxisTree, type AxisTreeProps } from './axis-tree';
import { samplePlan } from './fixtures';

function renderTree(props: Partial<AxisTreeProps> = {}) {
  const plan = samplePlan();
  return render(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter>
        <AxisTree axes={plan.axes} planTitle={plan.title} canManage={false} {...props} />
      </MemoryRouter>
    </I18nextProvider>,
  );
}

describe('AxisTree', () => {
  it('renders the axes as nested lists of links with their kind', () => {
    renderTree();
    const tree = screen.getByRole('list', { name: 'Axes du plan «\u00a0Plan de formation 2026\u00a0»' });
    const rootItems = within(tree)
      .getAllByRole('listitem')
      .filter((item) => item.parentElement === tree);
    expect(rootItems).toHaveLength(2);

    const root = rootItems[0] as HTMLElement;
    expect(within(root).getByRole('link', { name: 'Management et pilotage' })).toHaveAttribute('href', '/axes/a-1');
    const subList = within(root).getAllByRole('list')[0] as HTMLElement;
    const subItem = within(subList).getByRole('link', { name: 'Conduite du changement' }).closest('li') as HTMLElement;
    expect(within(subItem).getByText('Sous-axe')).toBeInTheDocument();
    const action = within(subItem).getByRole('link', { name: 'Atelier de codéveloppement' });
    expect(action.closest('li')).toHaveTextContent('Action');
    expect(within(root).getAllByText('Axe')[0]).toBeInTheDocument();
    expect(within(root).getAllByText('Ouvert aux contributions').length).toBeGreaterThan(0);
  });

  it('hides archived axes and every manage control from members', () => {
    renderTree({ canManage: false, onMove: vi.fn() });
    expect(screen.queryByRole('link', { name: 'Ancien sous-axe' })).not.toBeInTheDocument();
    expect(screen.queryByText('Archivé')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Monter|Descendre/ })).not.toBeInTheDocument();
  });

  it('shows archived axes with a badge and reorder buttons to managers', async () => {
    const onMove = vi.fn();
    renderTree({ canManage: true, onMove });

    const archived = screen.getByRole('link', { name: 'Ancien sous-axe' }).closest('li') as HTMLElement;
    expect(within(archived).getByText('Archivé')).toBeInTheDocument();
    expect(archived).toHaveClass('axis-tree__item--archived');

    expect(screen.getByRole('button', { name: 'Monter «\u00a0Management et pilotage\u00a0»' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Descendre «\u00a0Finances locales\u00a0»' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Descendre «\u00a0Management et pilotage\u00a0»' }));
    expect(onMove).toHaveBeenCalledTimes(1);
    expect(onMove.mock.calls[0]?.[0]).toMatchObject({ id: 'a-1' });
    expect(onMove.mock.calls[0]?.[1]).toBe('down');
  });

  it('expands and collapses branches with a disclosure button', async () => {
    renderTree();
    const toggle = screen.getByRole('button', { name: 'Sous-éléments de «\u00a0Management et pilotage\u00a0»' });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('link', { name: 'Conduite du changement' })).toBeVisible();

    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(document.getElementById(toggle.getAttribute('aria-controls') as string)).not.toBeVisible();

    await userEvent.click(screen.getByRole('button', { name: 'Tout déplier' }));
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
  });

  describe('activity badges', () => {
    const activity = new Map([
      ['a-1', { axisId: 'a-1', newComments: 3, openThreads: 2, withoutDisposition: 2, lastVisitAt: null }],
      ['x-1', { axisId: 'x-1', newComments: 1, openThreads: 1, withoutDisposition: 0, lastVisitAt: '2026-11-01T10:00:00.000Z' }],
      ['a-2', { axisId: 'a-2', newComments: 0, openThreads: 1, withoutDisposition: 1, lastVisitAt: '2026-11-01T10:00:00.000Z' }],
    ]);
    const row = (title: string) => screen.getByRole('link', { name: title }).closest('.axis-tree__row') as HTMLElement;

    it('shows the new comments of each axis since the last visit', () => {
      renderTree({ activity });
      expect(within(row('Management et pilotage')).getByText('3 nouveaux commentaires')).toHaveClass('badge--info');
      expect(within(row('Atelier de codéveloppement')).getByText('1 nouveau commentaire')).toBeInTheDocument();
      expect(within(row('Conduite du changement')).queryByText(/nouveau/)).not.toBeInTheDocument();
      expect(within(row('Finances locales')).queryByText(/nouveau|sans suite/)).not.toBeInTheDocument();
    });

    it('adds the threads without disposition for moderators, spelled out for screen readers', () => {
      renderTree({ activity, showDispositions: true });
      const badge = within(row('Management et pilotage')).getByText('2 discussions sans suite').closest('.badge') as HTMLElement;
      expect(badge).toHaveTextContent('2 sans suite');
      expect(within(row('Finances locales')).getByText('1 discussion sans suite')).toBeInTheDocument();
      expect(within(row('Atelier de codéveloppement')).queryByText(/sans suite/)).not.toBeInTheDocument();
    });

    it('keeps the disclosure buttons working with badges', async () => {
      renderTree({ activity });
      const toggle = screen.getByRole('button', { name: 'Sous-éléments de «\u00a0Management et pilotage\u00a0»' });
      toggle.focus();
      await userEvent.keyboard('{Enter}');
      expect(toggle).toHaveAttribute('aria-expanded', 'false');
      expect(screen.getByText('1 nouveau commentaire')).not.toBeVisible();
      await userEvent.keyboard(' ');
      expect(toggle).toHaveAttribute('aria-expanded', 'true');
    });
  });
});
