import type { AxisNode, PlanDetail } from '@miroir/shared/contracts';

export function axis(
  id: string,
  title: string,
  kind: AxisNode['kind'],
  parentId: string | null,
  position: number,
  children: AxisNode[] = [],
  archived = false,
): AxisNode {
  return { id, planId: 'p-1', parentId, kind, title, description: '', status: 'open', position, archived, children };
}

/** Two root axes; the first holds a sub-axis with one action, plus an archived sub-axis. */
export function samplePlan(): PlanDetail {
  return {
    id: 'p-1',
    workspaceId: 'ws-1',
    title: 'Plan de formation 2026',
    description: 'Premier paragraphe.\n\nSecond paragraphe.',
    status: 'open',
    axisCount: 2,
    updatedAt: '2026-02-03T10:00:00.000Z',
    axes: [
      axis('a-1', 'Management et pilotage', 'axis', null, 0, [
        axis('s-1', 'Conduite du changement', 'sub_axis', 'a-1', 0, [axis('x-1', 'Atelier de codéveloppement', 'action', 's-1', 0)]),
        axis('s-2', 'Ancien sous-axe', 'sub_axis', 'a-1', 1, [], true),
      ]),
      axis('a-2', 'Finances locales', 'axis', null, 1),
    ],
  };
}
