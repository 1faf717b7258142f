import type { EntityManager } from 'typeorm';

/**
 * Features attached to an axis (threads, votes) add to it only while it is not closed, and plans
 * closes it only when those features have nothing pending. Each side takes the axis row's lock in
 * its transaction — a share lock to add, an update lock to close — so that a thread or a vote
 * cannot slip in between the close checks and the close.
 *
 * Returns the axis status seen under the lock, or null when the axis does not exist.
 */
export async function lockAxisRow(manager: EntityManager, axisId: string, mode: 'share' | 'update'): Promise<string | null> {
  const rows: Array<{ status: string }> = await manager.query(
    `SELECT status FROM axes WHERE id = $1 ${mode === 'share' ? 'FOR SHARE' : 'FOR UPDATE'}`,
    [axisId],
  );
  return rows[0]?.status ?? null;
}
