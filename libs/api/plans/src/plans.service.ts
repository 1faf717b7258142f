import { Injectable } from '@nestjs/common';
import { WorkspaceAccess } from '@miroir/api/auth';
import { ApiException, AxisCloseChecks } from '@miroir/api/core';
import type {
  AxisDetail,
  AxisNode,
  CreateAxisRequest,
  CreatePlanRequest,
  MoveAxisRequest,
  PlanDetail,
  PlanSummary,
  UpdateAxisRequest,
  UpdatePlanRequest,
  WorkspaceRole,
} from '@miroir/shared/contracts';
import { MAX_AXIS_DEPTH } from '@miroir/shared/contracts';
import { axisKindAtDepth, buildTree, can, checkMove, depthOf, planMove, type MoveRejection } from '@miroir/shared/domain';
import type { AxisEntity } from './axis.entity';
import type { PlanEntity } from './plan.entity';
import { PlansRepository } from './plans.repository';

const MOVE_REJECTION_MESSAGES: Record<MoveRejection, string> = {
  self_or_descendant: 'An axis cannot move under itself or one of its descendants',
  too_deep: `The tree is limited to ${MAX_AXIS_DEPTH + 1} levels (axis, sub-axis, action)`,
  unknown_parent: 'The new parent is not an axis of this plan',
  unknown_axis: 'Unknown axis',
};

@Injectable()
export class PlansService {
  constructor(
    private readonly plans: PlansRepository,
    private readonly access: WorkspaceAccess,
    private readonly closeChecks: AxisCloseChecks,
  ) {}

  async list(callerId: string): Promise<PlanSummary[]> {
    return (await this.plans.listForMember(callerId)).map(({ plan, axisCount }) => toSummary(plan, axisCount));
  }

  async get(callerId: string, planId: string): Promise<PlanDetail> {
    const { plan, role } = await this.readablePlan(callerId, planId);
    return this.detail(plan, role);
  }

  async create(callerId: string, request: CreatePlanRequest): Promise<PlanDetail> {
    const role = await this.access.require(callerId, request.workspaceId, 'plan.manage');
    const plan = await this.plans.createPlan(request.workspaceId, {
      title: request.title,
      description: request.description ?? '',
      status: request.status ?? 'draft',
    });
    return this.detail(plan, role);
  }

  async update(callerId: string, planId: string, request: UpdatePlanRequest): Promise<PlanDetail> {
    const { role } = await this.readablePlan(callerId, planId, 'plan.manage');
    await this.plans.updatePlan(planId, request);
    const updated = await this.plans.findPlan(planId);
    if (!updated) throw ApiException.notFound('Plan');
    return this.detail(updated, role);
  }

  async getAxis(callerId: string, axisId: string): Promise<AxisDetail> {
    const { axis, plan, role } = await this.readableAxis(callerId, axisId);
    return this.axisDetail(axis.id, plan, role);
  }

  async createAxis(callerId: string, planId: string, request: CreateAxisRequest): Promise<AxisDetail> {
    const { plan, role } = await this.readablePlan(callerId, planId, 'axis.manage');
    const parentId = request.parentId ?? null;
    const created = await this.plans.withLockedPlan(planId, async (manager, axes) => {
      if (parentId !== null) {
        if (!axes.some((axis) => axis.id === parentId)) throw ApiException.invalidField('parentId', 'not an axis of this plan', 'unknown_parent');
        if (depthOf(axes, parentId) >= MAX_AXIS_DEPTH) {
          throw new ApiException(400, 'AXIS_MOVE_INVALID', MOVE_REJECTION_MESSAGES.too_deep, [{ field: 'parentId', messages: ['too deep'], constraints: ['too_deep'] }]);
        }
      }
      const siblingCount = axes.filter((axis) => axis.parentId === parentId).length;
      const position = Math.min(request.position ?? siblingCount, siblingCount);
      const axis = await this.plans.insertAxis(manager, {
        planId,
        parentId,
        position: siblingCount,
        title: request.title,
        description: request.description ?? '',
        status: request.status ?? 'draft',
      });
      await this.plans.setPlacements(manager, planMove([...axes, axis], axis.id, parentId, position));
      return axis;
    });
    return this.axisDetail(created.id, plan, role);
  }

  async updateAxis(callerId: string, axisId: string, request: UpdateAxisRequest): Promise<AxisDetail> {
    const { axis, plan, role } = await this.readableAxis(callerId, axisId, 'axis.manage');
    if (request.status === 'closed' && axis.status !== 'closed') {
      // Features attached to the axis may hold it open (threads without a disposition, open votes).
      await this.plans.closeAxis(axisId, request, async () => {
        const blocker = await this.closeChecks.firstBlocker(axisId);
        if (blocker) throw new ApiException(409, blocker.code, blocker.message);
      });
    } else {
      await this.plans.updateAxis(axisId, request);
    }
    return this.axisDetail(axisId, plan, role);
  }

  async moveAxis(callerId: string, axisId: string, request: MoveAxisRequest): Promise<PlanDetail> {
    const { plan, role } = await this.readableAxis(callerId, axisId, 'axis.manage');
    await this.plans.withLockedPlan(plan.id, async (manager, axes) => {
      const rejection = checkMove(axes, axisId, request.parentId);
      if (rejection) {
        throw new ApiException(400, 'AXIS_MOVE_INVALID', MOVE_REJECTION_MESSAGES[rejection], [
          { field: 'parentId', messages: [MOVE_REJECTION_MESSAGES[rejection]], constraints: [rejection] },
        ]);
      }
      await this.plans.setPlacements(manager, planMove(axes, axisId, request.parentId, request.position));
    });
    return this.detail(plan, role);
  }

  async setArchived(callerId: string, axisId: string, archived: boolean): Promise<AxisDetail> {
    const { plan, role } = await this.readableAxis(callerId, axisId, 'axis.manage');
    await this.plans.updateAxis(axisId, { archivedAt: archived ? new Date() : null });
    return this.axisDetail(axisId, plan, role);
  }

  private async readablePlan(
    callerId: string,
    planId: string,
    action: 'plan.read' | 'plan.manage' | 'axis.manage' = 'plan.read',
  ): Promise<{ plan: PlanEntity; role: WorkspaceRole }> {
    const plan = await this.plans.findPlan(planId);
    if (!plan) throw ApiException.notFound('Plan');
    return { plan, role: await this.access.require(callerId, plan.workspaceId, action, 'Plan') };
  }

  /** An archived axis, or one under an archived ancestor, exists only for those who manage axes. */
  private async readableAxis(
    callerId: string,
    axisId: string,
    action: 'plan.read' | 'axis.manage' = 'plan.read',
  ): Promise<{ axis: AxisEntity; plan: PlanEntity; role: WorkspaceRole }> {
    const axis = await this.plans.findAxis(axisId);
    if (!axis) throw ApiException.notFound('Axis');
    const { plan, role } = await this.readablePlan(callerId, axis.planId, action);
    if (!can(role, 'axis.manage') && (await this.plans.ownerOfAxis(axisId))?.archived) throw ApiException.notFound('Axis');
    return { axis, plan, role };
  }

  private async detail(plan: PlanEntity, role: WorkspaceRole): Promise<PlanDetail> {
    const axes = await this.plans.axesOf(plan.id);
    return { ...toSummary(plan, countNodes(toNodes(axes, false))), axes: toNodes(axes, can(role, 'axis.manage')) };
  }

  private async axisDetail(axisId: string, plan: PlanEntity, role: WorkspaceRole): Promise<AxisDetail> {
    const axes = await this.plans.axesOf(plan.id);
    const byId = new Map(axes.map((axis) => [axis.id, axis]));
    const axis = byId.get(axisId);
    if (!axis) throw ApiException.notFound('Axis');
    const breadcrumbs: AxisDetail['breadcrumbs'] = [];
    for (let parent = axis.parentId ? byId.get(axis.parentId) : undefined; parent; parent = parent.parentId ? byId.get(parent.parentId) : undefined) {
      breadcrumbs.unshift({ id: parent.id, title: parent.title, kind: axisKindAtDepth(depthOf(axes, parent.id)) });
    }
    const subtree = findNode(toNodes(axes, can(role, 'axis.manage')), axisId);
    return {
      ...toNodeFields(axis, depthOf(axes, axisId)),
      plan: { id: plan.id, title: plan.title, status: plan.status, workspaceId: plan.workspaceId },
      breadcrumbs,
      children: subtree?.children ?? [],
    };
  }
}

function toSummary(plan: PlanEntity, axisCount: number): PlanSummary {
  return {
    id: plan.id,
    workspaceId: plan.workspaceId,
    title: plan.title,
    description: plan.description,
    status: plan.status,
    axisCount,
    updatedAt: plan.updatedAt.toISOString(),
  };
}

function toNodeFields(axis: AxisEntity, depth: number): Omit<AxisNode, 'children'> {
  return {
    id: axis.id,
    planId: axis.planId,
    parentId: axis.parentId,
    kind: axisKindAtDepth(depth),
    title: axis.title,
    description: axis.description,
    status: axis.status,
    position: axis.position,
    archived: axis.archivedAt !== null,
  };
}

/** Nested tree; archived subtrees are left out unless the caller manages axes. */
function toNodes(axes: AxisEntity[], includeArchived: boolean): AxisNode[] {
  const convert = (nodes: ReturnType<typeof buildTree<AxisEntity>>, depth: number): AxisNode[] =>
    nodes
      .filter((node) => includeArchived || !node.archivedAt)
      .map((node) => ({ ...toNodeFields(node, depth), children: convert(node.children as typeof nodes, depth + 1) }));
  return convert(buildTree(axes), 0);
}

function countNodes(nodes: AxisNode[]): number {
  return nodes.reduce((count, node) => count + 1 + countNodes(node.children), 0);
}

function findNode(nodes: AxisNode[], id: string): AxisNode | undefined {
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findNode(node.children, id);
    if (found) return found;
  }
  return undefined;
}
