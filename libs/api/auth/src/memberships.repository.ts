import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { WorkspaceRole } from '@miroir/shared/contracts';
import type { EntityManager, Repository } from 'typeorm';
import { MembershipEntity, WorkspaceEntity } from './entities';

@Injectable()
export class MembershipsRepository {
  constructor(
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    @InjectRepository(WorkspaceEntity) private readonly workspaces: Repository<WorkspaceEntity>,
  ) {}

  async roleOf(userId: string, workspaceId: string): Promise<WorkspaceRole | null> {
    const membership = await this.memberships.findOneBy({ userId, workspaceId });
    return membership?.role ?? null;
  }

  listForUser(userId: string): Promise<MembershipEntity[]> {
    return this.memberships.find({ where: { userId }, relations: { workspace: true }, order: { createdAt: 'ASC' } });
  }

  listForWorkspace(workspaceId: string): Promise<MembershipEntity[]> {
    return this.memberships.find({ where: { workspaceId }, relations: { user: true }, order: { createdAt: 'ASC' } });
  }

  findWorkspace(workspaceId: string): Promise<WorkspaceEntity | null> {
    return this.workspaces.findOneBy({ id: workspaceId });
  }

  async createWorkspace(name: string, manager: EntityManager = this.workspaces.manager): Promise<WorkspaceEntity> {
    return manager.getRepository(WorkspaceEntity).save({ name });
  }

  async add(workspaceId: string, userId: string, role: WorkspaceRole, manager: EntityManager = this.memberships.manager): Promise<void> {
    await manager.getRepository(MembershipEntity).insert({ workspaceId, userId, role });
  }

  /**
   * Changes a role or removes a member while keeping at least one admin: the admin rows are
   * locked so that two admins demoting each other at once cannot both succeed.
   */
  async changeKeepingAnAdmin(
    workspaceId: string,
    userId: string,
    change: { role: WorkspaceRole } | 'remove',
  ): Promise<'done' | 'not_found' | 'last_admin'> {
    return this.memberships.manager.transaction(async (manager) => {
      const admins = await manager
        .getRepository(MembershipEntity)
        .createQueryBuilder('m')
        .setLock('pessimistic_write')
        .where('m.workspace_id = :workspaceId AND m.role = :role', { workspaceId, role: 'admin' })
        .getMany();
      const target = await manager.getRepository(MembershipEntity).findOneBy({ workspaceId, userId });
      if (!target) return 'not_found';
      const losesAdmin = target.role === 'admin' && (change === 'remove' || change.role !== 'admin');
      if (losesAdmin && admins.length <= 1) return 'last_admin';
      if (change === 'remove') await manager.getRepository(MembershipEntity).delete({ workspaceId, userId });
      else await manager.getRepository(MembershipEntity).update({ workspaceId, userId }, { role: change.role });
      return 'done';
    });
  }
}
