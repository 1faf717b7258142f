import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MentionPayload, ThreadAnchor, ThreadDisposition, ThreadStatus } from '@miroir/shared/contracts';
import type { DataSource, EntityManager } from 'typeorm';

export interface ThreadRow {
  id: string;
  axisId: string;
  authorId: string | null;
  anchor: ThreadAnchor | null;
  status: ThreadStatus;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  disposition: ThreadDisposition | null;
  dispositionReason: string | null;
  dispositionBy: string | null;
  dispositionAt: Date | null;
  createdAt: Date;
}

export interface CommentRow {
  id: string;
  threadId: string;
  authorId: string | null;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

export interface ClientCommentRow {
  id: string;
  threadId: string;
  authorId: string | null;
  axisId: string;
  /** Whether it is the first comment of its thread (created with it). */
  opensThread: boolean;
}

/** Whether an insert failed on the unique client id of comments (two replays racing). */
export function isClientIdTaken(error: unknown): boolean {
  const candidate = error as { code?: unknown; constraint?: unknown } | null;
  return candidate?.code === '23505' && candidate.constraint === 'comments_client_id';
}

export interface NotificationRow {
  id: string;
  kind: 'mention';
  payload: MentionPayload;
  createdAt: Date;
  readAt: Date | null;
}

const THREAD_COLUMNS = `t.id, t.axis_id AS "axisId", t.author_id AS "authorId", t.anchor, t.status, t.resolved_by AS "resolvedBy",
  t.resolved_at AS "resolvedAt", t.disposition, t.disposition_reason AS "dispositionReason", t.disposition_by AS "dispositionBy",
  t.disposition_at AS "dispositionAt", t.created_at AS "createdAt"`;
const COMMENT_COLUMNS = `c.id, c.thread_id AS "threadId", c.author_id AS "authorId", c.body, c.created_at AS "createdAt",
  c.edited_at AS "editedAt", c.deleted_at AS "deletedAt"`;

export interface AxisActivityRow {
  axisId: string;
  newComments: number;
  openThreads: number;
  withoutDisposition: number;
  lastVisitAt: Date | null;
}

/** TypeORM answers an UPDATE or DELETE … RETURNING with `[rows, count]`, other queries with the rows. */
function returned<T>(result: unknown): T[] {
  const rows = result as unknown[];
  return (rows.length === 2 && Array.isArray(rows[0]) && typeof rows[1] === 'number' ? rows[0] : rows) as T[];
}

/** Plain SQL over threads, comments, mentions, notifications and visits. */
@Injectable()
export class ThreadsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async findThread(id: string, manager: EntityManager = this.dataSource.manager): Promise<ThreadRow | null> {
    const rows: ThreadRow[] = await manager.query(`SELECT ${THREAD_COLUMNS} FROM threads t WHERE t.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Oldest first. */
  threadsOfAxis(axisId: string): Promise<ThreadRow[]> {
    return this.dataSource.query(`SELECT ${THREAD_COLUMNS} FROM threads t WHERE t.axis_id = $1 ORDER BY t.created_at, t.id`, [axisId]);
  }

  async withoutDisposition(axisId: string): Promise<number> {
    const [row]: Array<{ count: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM threads WHERE axis_id = $1 AND disposition IS NULL`,
      [axisId],
    );
    return row.count;
  }

  async findComment(id: string): Promise<CommentRow | null> {
    const rows: CommentRow[] = await this.dataSource.query(`SELECT ${COMMENT_COLUMNS} FROM comments c WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Oldest first. */
  commentsOf(threadIds: string[]): Promise<CommentRow[]> {
    if (threadIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query(`SELECT ${COMMENT_COLUMNS} FROM comments c WHERE c.thread_id = ANY($1) ORDER BY c.created_at, c.id`, [threadIds]);
  }

  async mentionsOf(commentIds: string[]): Promise<Map<string, string[]>> {
    const mentions = new Map<string, string[]>();
    if (commentIds.length === 0) return mentions;
    const rows: Array<{ commentId: string; userId: string }> = await this.dataSource.query(
      `SELECT comment_id AS "commentId", user_id AS "userId" FROM comment_mentions WHERE comment_id = ANY($1) ORDER BY user_id`,
      [commentIds],
    );
    for (const row of rows) mentions.set(row.commentId, [...(mentions.get(row.commentId) ?? []), row.userId]);
    return mentions;
  }

  async displayNames(userIds: string[]): Promise<Map<string, string>> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; displayName: string }> = await this.dataSource.query(
      `SELECT id, display_name AS "displayName" FROM users WHERE id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.displayName]));
  }

  /** Which of these users are members of the workspace (any role). */
  async membersAmong(workspaceId: string, userIds: string[], manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows: Array<{ userId: string }> = await manager.query(
      `SELECT user_id AS "userId" FROM memberships WHERE workspace_id = $1 AND user_id = ANY($2::uuid[])`,
      [workspaceId, userIds],
    );
    const members = new Set(rows.map((row) => row.userId));
    return userIds.filter((id) => members.has(id));
  }

  async insertThread(manager: EntityManager, axisId: string, authorId: string, anchor: ThreadAnchor | null): Promise<ThreadRow> {
    const [{ id }]: Array<{ id: string }> = await manager.query(
      `INSERT INTO threads (axis_id, author_id, anchor) VALUES ($1, $2, $3::jsonb) RETURNING id`,
      [axisId, authorId, anchor ? JSON.stringify(anchor) : null],
    );
    return (await this.findThread(id, manager)) as ThreadRow;
  }

  async insertComment(manager: EntityManager, threadId: string, authorId: string, body: string, clientId: string | null = null): Promise<string> {
    const [{ id }]: Array<{ id: string }> = await manager.query(
      `INSERT INTO comments (thread_id, author_id, body, client_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [threadId, authorId, body, clientId],
    );
    return id;
  }

  /** The comment a client gave this id to (see `CreateThreadRequest.clientId`), with its thread's axis. */
  async findByClientId(clientId: string): Promise<ClientCommentRow | null> {
    const rows: ClientCommentRow[] = await this.dataSource.query(
      `SELECT c.id, c.thread_id AS "threadId", c.author_id AS "authorId", t.axis_id AS "axisId",
         c.id = (SELECT first.id FROM comments first WHERE first.thread_id = c.thread_id ORDER BY first.created_at, first.id LIMIT 1) AS "opensThread"
       FROM comments c JOIN threads t ON t.id = c.thread_id WHERE c.client_id = $1`,
      [clientId],
    );
    return rows[0] ?? null;
  }

  /** Replaces a comment's mentions; returns the users newly mentioned. */
  async setMentions(manager: EntityManager, commentId: string, userIds: string[]): Promise<string[]> {
    const before: Array<{ userId: string }> = await manager.query(`SELECT user_id AS "userId" FROM comment_mentions WHERE comment_id = $1`, [commentId]);
    await manager.query(`DELETE FROM comment_mentions WHERE comment_id = $1 AND NOT (user_id = ANY($2::uuid[]))`, [commentId, userIds]);
    if (userIds.length > 0) {
      await manager.query(
        `INSERT INTO comment_mentions (comment_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [commentId, userIds],
      );
    }
    const had = new Set(before.map((row) => row.userId));
    return userIds.filter((id) => !had.has(id));
  }

  /** Creates one notification per user; returns their ids. */
  async notify(manager: EntityManager, userIds: string[], payload: MentionPayload): Promise<Array<{ id: string; userId: string }>> {
    if (userIds.length === 0) return [];
    return manager.query(
      `INSERT INTO notifications (user_id, kind, payload) SELECT unnest($1::uuid[]), 'mention', $2::jsonb RETURNING id, user_id AS "userId"`,
      [userIds, JSON.stringify(payload)],
    );
  }

  /**
   * Locks the thread for a reply: 'missing' if it is gone, 'conflict' if it is resolved (replies
   * then wait for the lock and see the new status).
   */
  async lockOpenThread(manager: EntityManager, threadId: string): Promise<'open' | 'missing' | 'conflict'> {
    const rows: Array<{ status: ThreadStatus }> = await manager.query(`SELECT status FROM threads WHERE id = $1 FOR SHARE`, [threadId]);
    if (rows.length === 0) return 'missing';
    return rows[0].status === 'open' ? 'open' : 'conflict';
  }

  /** Edits a comment unless deleted (locked, so that an edit and a delete cannot cross). */
  async editComment(manager: EntityManager, commentId: string, body: string): Promise<'missing' | 'conflict' | 'done'> {
    const rows: Array<{ deleted: boolean }> = await manager.query(
      `SELECT deleted_at IS NOT NULL AS deleted FROM comments WHERE id = $1 FOR UPDATE`,
      [commentId],
    );
    if (rows.length === 0) return 'missing';
    if (rows[0].deleted) return 'conflict';
    await manager.query(`UPDATE comments SET body = $2, edited_at = clock_timestamp() WHERE id = $1`, [commentId, body]);
    return 'done';
  }

  /** Blanks a comment and drops its mentions; the row stays as the trace of a deleted comment. */
  async deleteComment(commentId: string): Promise<'missing' | 'conflict' | 'done'> {
    return this.transaction(async (manager) => {
      const rows = returned<{ id: string }>(
        await manager.query(`UPDATE comments SET body = '', deleted_at = clock_timestamp() WHERE id = $1 AND deleted_at IS NULL RETURNING id`, [commentId]),
      );
      if (rows.length === 0) return (await manager.query(`SELECT 1 FROM comments WHERE id = $1`, [commentId])).length ? 'conflict' : 'missing';
      await manager.query(`DELETE FROM comment_mentions WHERE comment_id = $1`, [commentId]);
      return 'done';
    });
  }

  /** Resolves or reopens, only from the other status; false when it already had the one asked. */
  async setStatus(threadId: string, status: ThreadStatus, by: string): Promise<boolean> {
    const result: unknown =
      status === 'resolved'
        ? await this.dataSource.query(
            `UPDATE threads SET status = 'resolved', resolved_by = $2, resolved_at = now() WHERE id = $1 AND status = 'open' RETURNING id`,
            [threadId, by],
          )
        : await this.dataSource.query(
            `UPDATE threads SET status = 'open', resolved_by = NULL, resolved_at = NULL WHERE id = $1 AND status = 'resolved' RETURNING id`,
            [threadId],
          );
    return returned(result).length === 1;
  }

  /** Sets a disposition (with its reason, author and time), or clears it when null. */
  async setDisposition(manager: EntityManager, threadId: string, disposition: ThreadDisposition | null, reason: string | null, by: string): Promise<void> {
    if (disposition === null) {
      await manager.query(
        `UPDATE threads SET disposition = NULL, disposition_reason = NULL, disposition_by = NULL, disposition_at = NULL WHERE id = $1`,
        [threadId],
      );
      return;
    }
    await manager.query(
      `UPDATE threads SET disposition = $2, disposition_reason = $3, disposition_by = $4, disposition_at = now() WHERE id = $1`,
      [threadId, disposition, reason, by],
    );
  }

  async lastVisit(userId: string, axisId: string): Promise<Date | null> {
    const rows: Array<{ lastSeenAt: Date }> = await this.dataSource.query(
      `SELECT last_seen_at AS "lastSeenAt" FROM axis_visits WHERE user_id = $1 AND axis_id = $2`,
      [userId, axisId],
    );
    return rows[0]?.lastSeenAt ?? null;
  }

  async visit(userId: string, axisId: string): Promise<Date> {
    const [row]: Array<{ lastSeenAt: Date }> = await this.dataSource.query(
      `INSERT INTO axis_visits (user_id, axis_id, last_seen_at) VALUES ($1, $2, clock_timestamp())
       ON CONFLICT (user_id, axis_id) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at
       RETURNING last_seen_at AS "lastSeenAt"`,
      [userId, axisId],
    );
    return row.lastSeenAt;
  }

  /**
   * In one query, per axis of the plan having threads: comments by others since the user's last
   * visit (all of them if never visited), open threads, threads without disposition. Axes that
   * are archived, or under an archived axis, are left out unless `withArchived`.
   */
  activityOfPlan(planId: string, userId: string, withArchived: boolean): Promise<AxisActivityRow[]> {
    return this.dataSource.query(
      `WITH RECURSIVE tree AS (
         SELECT id, archived_at IS NOT NULL AS archived FROM axes WHERE plan_id = $1 AND parent_id IS NULL
         UNION ALL
         SELECT axes.id, tree.archived OR axes.archived_at IS NOT NULL FROM axes JOIN tree ON axes.parent_id = tree.id
       )
       SELECT t.axis_id AS "axisId",
              coalesce(sum(fresh.count), 0)::int AS "newComments",
              count(*) FILTER (WHERE t.status = 'open')::int AS "openThreads",
              count(*) FILTER (WHERE t.disposition IS NULL)::int AS "withoutDisposition",
              v.last_seen_at AS "lastVisitAt"
         FROM threads t
         JOIN tree ON tree.id = t.axis_id AND ($3::boolean OR NOT tree.archived)
         LEFT JOIN axis_visits v ON v.axis_id = t.axis_id AND v.user_id = $2
         CROSS JOIN LATERAL (
           SELECT count(*) AS count FROM comments c
            WHERE c.thread_id = t.id AND c.deleted_at IS NULL AND c.author_id IS DISTINCT FROM $2
              AND (v.last_seen_at IS NULL OR c.created_at > v.last_seen_at)
         ) fresh
        GROUP BY t.axis_id, v.last_seen_at
        ORDER BY t.axis_id`,
      [planId, userId, withArchived],
    );
  }

  /** The user's notifications about workspaces they still belong to, newest first. */
  notificationsOf(userId: string, limit: number): Promise<NotificationRow[]> {
    return this.dataSource.query(
      `SELECT n.id, n.kind, n.payload, n.created_at AS "createdAt", n.read_at AS "readAt"
         FROM notifications n
        WHERE n.user_id = $1
          AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = n.user_id AND m.workspace_id::text = n.payload->>'workspaceId')
        ORDER BY n.created_at DESC, n.id
        LIMIT $2`,
      [userId, limit],
    );
  }

  /** Marks the user's notification read (once); null when it is not theirs. */
  async markRead(userId: string, notificationId: string): Promise<NotificationRow | null> {
    const result: unknown = await this.dataSource.query(
      `UPDATE notifications n SET read_at = coalesce(n.read_at, now())
        WHERE n.id = $1 AND n.user_id = $2
          AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = n.user_id AND m.workspace_id::text = n.payload->>'workspaceId')
        RETURNING n.id, n.kind, n.payload, n.created_at AS "createdAt", n.read_at AS "readAt"`,
      [notificationId, userId],
    );
    return returned<NotificationRow>(result)[0] ?? null;
  }
}
