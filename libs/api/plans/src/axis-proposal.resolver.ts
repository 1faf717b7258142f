import { Injectable } from '@nestjs/common';
import { DocumentAccessResolver, type DocumentOwner } from '@miroir/api/core';
import { AxisOwnershipVersion } from './axis-ownership-version';
import { PlansAxisOwnerResolver } from './plans-axis-owner.resolver';

const PROPOSAL_NAME = /^axis:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):proposal$/;

/** An axis proposal (`axis:<id>:proposal`) belongs to whoever owns the axis. */
@Injectable()
export class AxisProposalResolver extends DocumentAccessResolver {
  constructor(
    private readonly axes: PlansAxisOwnerResolver,
    private readonly ownership: AxisOwnershipVersion,
  ) {
    super();
  }

  override version(): number {
    return this.ownership.current();
  }

  async resolve(documentName: string): Promise<DocumentOwner | null> {
    const axisId = PROPOSAL_NAME.exec(documentName)?.[1];
    return axisId ? this.axes.resolveAxis(axisId) : null;
  }
}
