import { Injectable } from '@nestjs/common';
import { AxisOwnerResolver, type AxisOwner, type PlanOwner } from '@miroir/api/core';
import { PlansRepository } from './plans.repository';

/** An axis belongs to the workspace of its plan. */
@Injectable()
export class PlansAxisOwnerResolver extends AxisOwnerResolver {
  constructor(private readonly plans: PlansRepository) {
    super();
  }

  async resolveAxis(axisId: string): Promise<AxisOwner | null> {
    const owner = await this.plans.ownerOfAxis(axisId);
    return owner ? { axisId, ...owner } : null;
  }

  resolvePlan(planId: string): Promise<PlanOwner | null> {
    return this.plans.ownerOfPlan(planId);
  }
}
