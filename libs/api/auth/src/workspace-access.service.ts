import { Injectable } from '@nestjs/common';
import { ApiException } from '@miroir/api/core';
import type { WorkspaceRole } from '@miroir/shared/contracts';
import { can, type WorkspaceAction } from '@miroir/shared/domain';
import { MembershipsRepository } from './memberships.repository';

/** The one place that turns "who is calling, on which workspace" into allowed or refused. */
@Injectable()
export class WorkspaceAccess {
  constructor(private readonly memberships: MembershipsRepository) {}

  /**
   * The caller's role when it allows `action`. A non-member gets 404, not 403: they may not
   * learn that the resource exists.
   */
  async require(userId: string, workspaceId: string, action: WorkspaceAction, resource = 'Workspace'): Promise<WorkspaceRole> {
    const role = await this.memberships.roleOf(userId, workspaceId);
    if (!role) throw ApiException.notFound(resource);
    if (!can(role, action)) throw ApiException.forbidden();
    return role;
  }
}
