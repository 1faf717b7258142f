import type { AxisKind, AxisNode } from '@miroir/shared/contracts';
import { checkMove, type AxisLink } from '@miroir/shared/domain';

/** Removes archived axes (and their descendants) for callers who may not see them. */
export function withoutArchived(axes: readonly AxisNode[]): AxisNode[] {
  return axes.filter((axis) => !axis.archived).map((axis) => ({ ...axis, children: withoutArchived(axis.children) }));
}

export interface FlatAxis extends AxisLink {
  title: string;
  kind: AxisKind;
  depth: number;
  archived: boolean;
}

/** Depth-first flattening in display order, with the sibling index as position. */
export function flattenTree(axes: readonly AxisNode[], depth = 0, parentId: string | null = null): FlatAxis[] {
  return axes.flatMap((axis, index) => [
    { id: axis.id, parentId, position: index, title: axis.title, kind: axis.kind, depth, archived: axis.archived },
    ...flattenTree(axis.children, depth + 1, axis.id),
  ]);
}

/** Ids of every axis that has children (used for « Tout déplier »). */
export function parentIds(axes: readonly AxisNode[]): string[] {
  return axes.flatMap((axis) => (axis.children.length > 0 ? [axis.id, ...parentIds(axis.children)] : []));
}

export interface MoveTarget {
  /** null for the plan root. */
  parentId: string | null;
  /** Position that appends the axis after the new parent's current children. */
  position: number;
  axis?: FlatAxis;
}

/**
 * Where an axis may be moved: every parent that keeps the tree within three levels and is not
 * the axis itself or one of its descendants, excluding its current parent.
 */
export function moveTargets(axes: readonly AxisNode[], axisId: string): MoveTarget[] {
  const flat = flattenTree(axes);
  const moving = flat.find((axis) => axis.id === axisId);
  if (!moving) return [];
  const childCount = (parentId: string | null) => flat.filter((axis) => axis.parentId === parentId && axis.id !== axisId).length;
  const targets: MoveTarget[] = [];
  if (moving.parentId !== null && checkMove(flat, axisId, null) === null) {
    targets.push({ parentId: null, position: childCount(null) });
  }
  for (const candidate of flat) {
    if (candidate.id === moving.parentId || candidate.archived) continue;
    if (checkMove(flat, axisId, candidate.id) === null) {
      targets.push({ parentId: candidate.id, position: childCount(candidate.id), axis: candidate });
    }
  }
  return targets;
}

/** Kind of the children an axis of this kind holds, or null for an action. */
export function childKindOf(kind: AxisKind): 'axis' | 'sub_axis' | null {
  return kind === 'action' ? null : (kind as 'axis' | 'sub_axis');
}
