import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MembershipEntity } from '@miroir/api/auth';
import { lockAxisRow } from '@miroir/api/db';
import type { PlanStatus } from '@miroir/shared/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { AxisEntity } from './axis.entity';
import { AxisOwnershipVersion } from './axis-ownership-version';
import { PlanEntity } from './plan.entity';

export type PlanFields = Pick<PlanEntity, 'title' | 'description' | 'status'>;
export type AxisFields = Pick<AxisEntity, 'title' | 'description' | 'status'>;

@Injectable()
export class PlansRepository {
  /** Every write below bumps `ownership` once it has committed (or failed): see AxisOwnershipVersion. */
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ownership: AxisOwnershipVersion,
  ) {}

  /** Plans of every workspace the user belongs to, with their count of live axes. */
  async listForMember(userId: string): Promise<Array<{ plan: PlanEntity; axisCount: number }>> {
    const plans = await this.dataSource
      .getRepository(PlanEntity)
      .createQueryBuilder('plan')
      .innerJoin(MembershipEntity, 'm', 'm.workspace_id = plan.workspace_id AND m.user_id = :userId', { userId })
      .orderBy('plan.created_at', 'ASC')
      .getMany();
    if (plans.length === 0) return [];
    // Axes under an archived ancestor are hidden too, so count by walking down from live roots.
    const counts: Array<{ planId: string; count: number }> = await this.dataSource.query(
      `WITH RECURSIVE live AS (
         SELECT id, plan_id FROM axes WHERE parent_id IS NULL AND archived_at IS NULL AND plan_id = ANY($1)
         UNION ALL
         SELECT axes.id, axes.plan_id FROM axes JOIN live ON axes.parent_id = live.id WHERE axes.archived_at IS NULL
       )
       SELECT plan_id AS "planId", count(*)::int AS count FROM live GROUP BY plan_id`,
      [plans.map((plan) => plan.id)],
    );
    const countByPlan = new Map(counts.map((row) => [row.planId, row.count]));
    return plans.map((plan) => ({ plan, axisCount: countByPlan.get(plan.id) ?? 0 }));
  }

  findPlan(id: string, manager: EntityManager = this.dataSource.manager): Promise<PlanEntity | null> {
    return manager.getRepository(PlanEntity).findOneBy({ id });
  }

  /** In one query: the plan and workspace of an axis, its status, and whether it or an ancestor is archived. */
  async ownerOfAxis(axisId: string): Promise<{ planId: string; workspaceId: string; archived: boolean; status: PlanStatus } | null> {
    const rows: Array<{ planId: string; workspaceId: string; archived: boolean; status: PlanStatus }> = await this.dataSource.query(
      `WITH RECURSIVE lineage AS (
         SELECT id, parent_id, plan_id, archived_at, status FROM axes WHERE id = $1
         UNION ALL
         SELECT axes.id, axes.parent_id, axes.plan_id, axes.archived_at, axes.status FROM axes JOIN lineage ON axes.id = lineage.parent_id
       )
       SELECT plans.id AS "planId", plans.workspace_id AS "workspaceId", bool_or(lineage.archived_at IS NOT NULL) AS archived,
              max(lineage.status) FILTER (WHERE lineage.id = $1) AS status
       FROM lineage JOIN plans ON plans.id = lineage.plan_id GROUP BY plans.id`,
      [axisId],
    );
    return rows[0] ?? null;
  }

  /** The workspace of a plan. */
  async ownerOfPlan(planId: string): Promise<{ planId: string; workspaceId: string } | null> {
    const rows: Array<{ planId: string; workspaceId: string }> = await this.dataSource.query(
      `SELECT id AS "planId", workspace_id AS "workspaceId" FROM plans WHERE id = $1`,
      [planId],
    );
    return rows[0] ?? null;
  }

  findAxis(id: string): Promise<AxisEntity | null> {
    return this.dataSource.getRepository(AxisEntity).findOneBy({ id });
  }

  axesOf(planId: string, manager: EntityManager = this.dataSource.manager): Promise<AxisEntity[]> {
    return manager.getRepository(AxisEntity).find({ where: { planId }, order: { position: 'ASC' } });
  }

  createPlan(workspaceId: string, fields: PlanFields): Promise<PlanEntity> {
    const plans = this.dataSource.getRepository(PlanEntity);
    return plans.save(plans.create({ workspaceId, ...fields })).finally(() => this.ownership.bump());
  }

  async updatePlan(id: string, fields: Partial<PlanFields>): Promise<void> {
    await this.dataSource.getRepository(PlanEntity).update({ id }, fields).finally(() => this.ownership.bump());
  }

  /** Also archives and restores (`archivedAt`), which changes who may open the axis's proposal. */
  async updateAxis(id: string, fields: Partial<AxisFields> & { archivedAt?: Date | null }): Promise<void> {
    await this.dataSource.getRepository(AxisEntity).update({ id }, fields).finally(() => this.ownership.bump());
  }

  /**
   * Closes the axis once `mayClose` found nothing pending, under the axis row's update lock: the
   * features that add threads or votes take its share lock (see `lockAxisRow`), so nothing is
   * added between the check and the close. `mayClose` throws to refuse.
   */
  async closeAxis(id: string, fields: Partial<AxisFields>, mayClose: () => Promise<void>): Promise<void> {
    await this.dataSource
      .transaction(async (manager) => {
        await lockAxisRow(manager, id, 'update');
        await mayClose();
        await manager.getRepository(AxisEntity).update({ id }, { ...fields, status: 'closed' });
      })
      .finally(() => this.ownership.bump());
  }

  /**
   * Runs a change of the tree with the plan row locked, so concurrent moves and inserts in one
   * plan apply one after the other and sibling positions stay contiguous.
   */
  withLockedPlan<T>(planId: string, work: (manager: EntityManager, axes: AxisEntity[]) => Promise<T>): Promise<T> {
    // Moves change an axis's ancestors, hence whether it sits under an archived one.
    return this.dataSource
      .transaction(async (manager) => {
        await manager.getRepository(PlanEntity).createQueryBuilder('plan').setLock('pessimistic_write').where('plan.id = :planId', { planId }).getOne();
        return work(manager, await this.axesOf(planId, manager));
      })
      .finally(() => this.ownership.bump());
  }

  async insertAxis(manager: EntityManager, axis: Pick<AxisEntity, 'planId' | 'parentId' | 'position'> & AxisFields): Promise<AxisEntity> {
    return manager.getRepository(AxisEntity).save(manager.create(AxisEntity, axis));
  }

  async setPlacements(manager: EntityManager, placements: Map<string, { parentId: string | null; position: number }>): Promise<void> {
    for (const [id, placement] of placements) {
      await manager.getRepository(AxisEntity).update({ id }, placement);
    }
  }
}
