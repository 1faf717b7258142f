import { AXIS_KINDS, MAX_AXIS_DEPTH, type AxisKind } from '@miroir/shared/contracts';

/** The minimal shape of a stored axis the tree rules need. */
export interface AxisLink {
  id: string;
  parentId: string | null;
  position: number;
}

export type MoveRejection = 'self_or_descendant' | 'too_deep' | 'unknown_parent' | 'unknown_axis';

export function axisKindAtDepth(depth: number): AxisKind {
  const kind = AXIS_KINDS[depth];
  if (!kind) throw new RangeError(`No axis kind at depth ${depth}`);
  return kind;
}

function indexById<T extends AxisLink>(axes: readonly T[]): Map<string, T> {
  return new Map(axes.map((axis) => [axis.id, axis]));
}

/** Depth of an axis: 0 for a root axis. */
export function depthOf(axes: readonly AxisLink[], id: string): number {
  const byId = indexById(axes);
  let depth = 0;
  let current = byId.get(id);
  while (current?.parentId) {
    depth += 1;
    current = byId.get(current.parentId);
    if (depth > axes.length) throw new Error('Cycle in axis tree');
  }
  return depth;
}

/** Levels below an axis: 0 for a leaf. */
export function subtreeHeight(axes: readonly AxisLink[], id: string): number {
  const children = axes.filter((axis) => axis.parentId === id);
  return children.length === 0 ? 0 : 1 + Math.max(...children.map((child) => subtreeHeight(axes, child.id)));
}

export function isSelfOrDescendant(axes: readonly AxisLink[], ancestorId: string, candidateId: string): boolean {
  const byId = indexById(axes);
  let current: AxisLink | undefined = byId.get(candidateId);
  while (current) {
    if (current.id === ancestorId) return true;
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return false;
}

/** Why moving `axisId` under `newParentId` would break the tree, or null when it is allowed. */
export function checkMove(axes: readonly AxisLink[], axisId: string, newParentId: string | null): MoveRejection | null {
  if (!axes.some((axis) => axis.id === axisId)) return 'unknown_axis';
  if (newParentId === null) return subtreeHeight(axes, axisId) > MAX_AXIS_DEPTH ? 'too_deep' : null;
  if (!axes.some((axis) => axis.id === newParentId)) return 'unknown_parent';
  if (isSelfOrDescendant(axes, axisId, newParentId)) return 'self_or_descendant';
  const depthAfterMove = depthOf(axes, newParentId) + 1;
  return depthAfterMove + subtreeHeight(axes, axisId) > MAX_AXIS_DEPTH ? 'too_deep' : null;
}

/**
 * Sibling order after moving `axisId` to index `position` under `newParentId`: returns the new
 * position of every axis whose parent or position changes, positions kept contiguous from 0.
 */
export function planMove(
  axes: readonly AxisLink[],
  axisId: string,
  newParentId: string | null,
  position: number,
): Map<string, { parentId: string | null; position: number }> {
  const moving = axes.find((axis) => axis.id === axisId);
  if (!moving) throw new Error(`Unknown axis ${axisId}`);
  const siblingsOf = (parentId: string | null) =>
    axes
      .filter((axis) => axis.parentId === parentId && axis.id !== axisId)
      .sort((a, b) => a.position - b.position);

  const destination = siblingsOf(newParentId);
  const index = Math.max(0, Math.min(position, destination.length));
  destination.splice(index, 0, { ...moving, parentId: newParentId });

  const changes = new Map<string, { parentId: string | null; position: number }>();
  const renumber = (list: AxisLink[], parentId: string | null) =>
    list.forEach((axis, newPosition) => {
      const original = axes.find((candidate) => candidate.id === axis.id);
      if (original && (original.position !== newPosition || original.parentId !== parentId)) {
        changes.set(axis.id, { parentId, position: newPosition });
      }
    });
  renumber(destination, newParentId);
  if (moving.parentId !== newParentId) renumber(siblingsOf(moving.parentId), moving.parentId);
  return changes;
}

/** Builds the nested tree from flat rows, children ordered by position. */
export function buildTree<T extends AxisLink>(axes: readonly T[]): Array<T & { children: Array<T & { children: unknown[] }> }> {
  type Node = T & { children: Node[] };
  const nodes = new Map<string, Node>(axes.map((axis) => [axis.id, { ...axis, children: [] }]));
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sortDeep = (list: Node[]) => {
    list.sort((a, b) => a.position - b.position);
    list.forEach((node) => sortDeep(node.children));
  };
  sortDeep(roots);
  return roots;
}
