import { Injectable } from '@nestjs/common';
import { DocumentAccessResolver, type DocumentOwner } from '@miroir/api/core';
import { PlansRepository } from './plans.repository';

const PROPOSAL_NAME = /^axis:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):proposal$/;

/** An axis proposal (`axis:<id>:proposal`) belongs to the workspace of the axis's plan. */
@Injectable()
export class AxisProposalResolver extends DocumentAccessResolver {
  constructor(private readonly plans: PlansRepository) {
    super();
  }

  async resolve(documentName: string): Promise<DocumentOwner | null> {
    const axisId = PROPOSAL_NAME.exec(documentName)?.[1];
    if (!axisId) return null;
    const owner = await this.plans.ownerOfAxis(axisId);
    return owner ? { workspaceId: owner.workspaceId, archived: owner.archived } : null;
  }
}
