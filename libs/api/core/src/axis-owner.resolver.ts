import type { PlanStatus } from '@miroir/shared/contracts';

/** Where an axis sits: which plan and workspace own it, and whether it is hidden by archiving. */
export interface AxisOwner {
  axisId: string;
  planId: string;
  workspaceId: string;
  /** The axis or one of its ancestors is archived: only those who manage axes may see it. */
  archived: boolean;
  /** The axis' own status: once `closed`, it takes no new thread, reply or vote. */
  status: PlanStatus;
}

/** Which workspace owns a plan. */
export interface PlanOwner {
  planId: string;
  workspaceId: string;
}

/**
 * Implemented by the feature that owns axes (plans) and bound by the app, so that features
 * attached to an axis (votes, threads) need no import of that feature.
 */
export abstract class AxisOwnerResolver {
  abstract resolveAxis(axisId: string): Promise<AxisOwner | null>;
  abstract resolvePlan(planId: string): Promise<PlanOwner | null>;
}
