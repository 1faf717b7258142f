import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MembershipEntity, PasswordHasher, UserEntity, WorkspaceEntity } from '@miroir/api/auth';
import { AxisEntity, PlanEntity } from '@miroir/api/plans';
import type { DataSource, EntityManager } from 'typeorm';
import { DEMO_ACCOUNTS, DEMO_AXES, DEMO_PASSWORD, DEMO_PLAN, DEMO_WORKSPACE_NAME, type SeedAxis } from './plan-action-vaucluse';

const DEMO_SEED_LOCK_KEY = 720_461_954;

/** Fills an empty database with the demo workspace, its accounts and the Vaucluse action plan. */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
  ) {}

  /**
   * Seeds only when no workspace exists yet, so restarts never duplicate the demo; replicas that
   * start together take turns on an advisory lock.
   */
  async seedIfEmpty(): Promise<boolean> {
    // The common case, an already seeded database, costs one count and no argon2 hash.
    if ((await this.dataSource.getRepository(WorkspaceEntity).count()) > 0) return false;
    const passwordHash = await this.passwords.hash(DEMO_PASSWORD);
    const seeded = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [DEMO_SEED_LOCK_KEY]);
      if ((await manager.getRepository(WorkspaceEntity).count()) > 0) return false;
      const workspace = await manager.save(manager.create(WorkspaceEntity, { name: DEMO_WORKSPACE_NAME }));
      for (const { role, ...account } of DEMO_ACCOUNTS) {
        const user = await manager.save(manager.create(UserEntity, { ...account, passwordHash }));
        await manager.insert(MembershipEntity, { workspaceId: workspace.id, userId: user.id, role });
      }
      const plan = await manager.save(manager.create(PlanEntity, { workspaceId: workspace.id, ...DEMO_PLAN }));
      await insertAxes(manager, plan.id, null, DEMO_AXES);
      return true;
    });
    if (!seeded) return false;
    this.logger.log(`Seeded the demo workspace "${DEMO_WORKSPACE_NAME}" (${DEMO_ACCOUNTS.length} accounts, password "${DEMO_PASSWORD}")`);
    return true;
  }
}

async function insertAxes(manager: EntityManager, planId: string, parentId: string | null, axes: SeedAxis[]): Promise<void> {
  for (const [position, axis] of axes.entries()) {
    const saved = await manager.save(
      manager.create(AxisEntity, {
        planId,
        parentId,
        position,
        title: axis.title,
        description: axis.description ?? '',
        status: axis.status ?? 'draft',
      }),
    );
    await insertAxes(manager, planId, saved.id, axis.children ?? []);
  }
}
