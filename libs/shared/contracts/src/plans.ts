/** Lifecycle shared by plans and axes: brouillon → ouvert aux contributions → en vote → clos. */
export const PLAN_STATUSES = ['draft', 'open', 'voting', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Depth 0 is an axis, 1 a sub-axis, 2 an action: the tree never goes deeper. */
export const AXIS_KINDS = ['axis', 'sub_axis', 'action'] as const;
export type AxisKind = (typeof AXIS_KINDS)[number];
export const MAX_AXIS_DEPTH = AXIS_KINDS.length - 1;

export const TITLE_MAX_LENGTH = 300;
export const DESCRIPTION_MAX_LENGTH = 20_000;

export interface PlanSummary {
  id: string;
  workspaceId: string;
  title: string;
  description: string;
  status: PlanStatus;
  axisCount: number;
  updatedAt: string;
}

export interface AxisNode {
  id: string;
  planId: string;
  parentId: string | null;
  kind: AxisKind;
  title: string;
  description: string;
  status: PlanStatus;
  position: number;
  archived: boolean;
  children: AxisNode[];
}

export interface PlanDetail extends PlanSummary {
  axes: AxisNode[];
}

export interface AxisBreadcrumb {
  id: string;
  title: string;
  kind: AxisKind;
}

export interface AxisDetail extends Omit<AxisNode, 'children'> {
  plan: Pick<PlanSummary, 'id' | 'title' | 'status' | 'workspaceId'>;
  /** Ancestors from the root axis down to the parent. */
  breadcrumbs: AxisBreadcrumb[];
  children: AxisNode[];
}

export interface UpdatePlanRequest {
  title?: string;
  description?: string;
  status?: PlanStatus;
}

export interface CreatePlanRequest extends UpdatePlanRequest {
  workspaceId: string;
  title: string;
}

export interface CreateAxisRequest {
  title: string;
  description?: string;
  status?: PlanStatus;
  parentId?: string | null;
  /** Index among its siblings; appended last when omitted. */
  position?: number;
}

export interface UpdateAxisRequest {
  title?: string;
  description?: string;
  status?: PlanStatus;
}

export interface MoveAxisRequest {
  parentId: string | null;
  position: number;
}
