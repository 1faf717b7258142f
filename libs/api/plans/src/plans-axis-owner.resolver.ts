import { Injectable } from '@nestjs/common';
import { AxisOwnerResolver, type AxisOwner } from '@miroir/api/core';
import { isArchived } from './archived';
import { PlansRepository } from './plans.repository';

/** An axis belongs to the workspace of its plan. */
@Injectable()
export class PlansAxisOwnerResolver extends AxisOwnerResolver {
  constructor(private readonly plans: PlansRepository) {
    super();
  }

  async resolveAxis(axisId: string): Promise<AxisOwner | null> {
    const axis = await this.plans.findAxis(axisId);
    if (!axis) return null;
    const [plan, axes] = await Promise.all([this.plans.findPlan(axis.planId), this.plans.axesOf(axis.planId)]);
    if (!plan) return null;
    return { axisId, planId: plan.id, workspaceId: plan.workspaceId, archived: isArchived(axes, axisId) };
  }
}
