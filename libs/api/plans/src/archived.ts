import type { AxisEntity } from './axis.entity';

/** Whether the axis or one of its ancestors is archived. */
export function isArchived(axes: readonly AxisEntity[], axisId: string): boolean {
  const byId = new Map(axes.map((axis) => [axis.id, axis]));
  for (let axis = byId.get(axisId); axis; axis = axis.parentId ? byId.get(axis.parentId) : undefined) {
    if (axis.archivedAt) return true;
  }
  return false;
}
