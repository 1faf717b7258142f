import { Injectable, type OnModuleInit } from '@nestjs/common';
import { WorkspaceAccess } from '@miroir/api/auth';
import { lockAxisRow } from '@miroir/api/db';
import { ApiException, AxisCloseChecks, AxisOwnerResolver, type AxisOwner } from '@miroir/api/core';
import type {
  AppNotification,
  AxisActivity,
  AxisThreads,
  CommentRequest,
  CreateThreadRequest,
  DispositionRequest,
  PersonRef,
  PlanActivity,
  Thread,
  ThreadChangeType,
  ThreadComment,
  ThreadsSummary,
  WorkspaceRole,
} from '@miroir/shared/contracts';
import {
  can,
  canResolveThread,
  checkAnchor,
  checkCommentBody,
  checkDisposition,
  parseMentions,
  type Rejection,
  type WorkspaceAction,
} from '@miroir/shared/domain';
import type { EntityManager } from 'typeorm';
import { ThreadEvents, type NotificationCreated } from './thread-events';
import { isClientIdTaken, ThreadsRepository, type ClientCommentRow, type CommentRow, type NotificationRow, type ThreadRow } from './threads.repository';

const NOTIFICATIONS_LIMIT = 100;

function rejected(rejection: Rejection): ApiException {
  return new ApiException(400, 'VALIDATION_FAILED', `Invalid ${rejection.field}`, [
    { field: rejection.field, messages: [rejection.message], constraints: [rejection.constraint] },
  ]);
}

function threadResolved(): ApiException {
  return new ApiException(409, 'THREAD_RESOLVED', 'This thread is resolved: reopen it first');
}

function axisClosed(): ApiException {
  return new ApiException(409, 'AXIS_CLOSED', 'This axis is closed: it takes no new thread or reply');
}

function clientIdTaken(): ApiException {
  return new ApiException(409, 'CONFLICT', 'This clientId was already used for another comment');
}

function commentDeleted(): ApiException {
  return new ApiException(409, 'COMMENT_DELETED', 'This comment was deleted');
}

interface ThreadAccess {
  thread: ThreadRow;
  owner: AxisOwner;
  role: WorkspaceRole;
}

/**
 * Threads on axes and their comments. Every method starts from the axis' workspace: outsiders
 * get 404 (as for the axis), roles without the right get 403, then the input is checked (400),
 * then the state (409). Events are published after the change is committed.
 *
 * An axis cannot be closed while some of its threads have no disposition: the check is
 * registered with `AxisCloseChecks`, which plans runs before closing an axis.
 */
@Injectable()
export class ThreadsService implements OnModuleInit {
  constructor(
    private readonly threads: ThreadsRepository,
    private readonly access: WorkspaceAccess,
    private readonly axes: AxisOwnerResolver,
    private readonly events: ThreadEvents,
    private readonly closeChecks: AxisCloseChecks,
  ) {}

  onModuleInit(): void {
    this.closeChecks.register(async (axisId) => {
      const pending = await this.threads.withoutDisposition(axisId);
      return pending === 0
        ? null
        : { code: 'THREADS_WITHOUT_DISPOSITION', message: `${pending} thread(s) of this axis still have no disposition: give each one before closing it` };
    });
  }

  async list(callerId: string, axisId: string): Promise<AxisThreads> {
    await this.axisFor(callerId, axisId, 'plan.read');
    const lastVisit = await this.threads.lastVisit(callerId, axisId);
    const threads = await this.build(await this.threads.threadsOfAxis(axisId), callerId, lastVisit);
    return {
      axisId,
      lastVisitAt: lastVisit?.toISOString() ?? null,
      newSinceLastVisit: threads.reduce((sum, thread) => sum + thread.newSinceLastVisit, 0),
      threads,
    };
  }

  /** Counts for the axis; it may be closed only when `withoutDisposition` is 0. */
  async summary(callerId: string, axisId: string): Promise<ThreadsSummary> {
    const { threads, newSinceLastVisit } = await this.list(callerId, axisId);
    return {
      axisId,
      total: threads.length,
      open: threads.filter((thread) => thread.status === 'open').length,
      resolved: threads.filter((thread) => thread.status === 'resolved').length,
      withoutDisposition: threads.filter((thread) => thread.disposition === null).length,
      newSinceLastVisit,
    };
  }

  async create(callerId: string, axisId: string, request: CreateThreadRequest): Promise<Thread> {
    const { owner } = await this.axisFor(callerId, axisId, 'thread.comment');
    const clientId = request.clientId ?? null;
    const replayed = clientId && (await this.replayed(callerId, clientId, (row) => row.opensThread && row.axisId === axisId));
    if (replayed) return this.one(replayed, callerId);
    const bodyRejection = checkCommentBody(request.body);
    if (bodyRejection) throw rejected(bodyRejection);
    const anchor = request.anchor ?? null;
    const anchorRejection = anchor && checkAnchor(anchor);
    if (anchorRejection) throw rejected(anchorRejection);
    const { thread, commentId, notified } = await this.afterRace(callerId, clientId, (row) => row.opensThread && row.axisId === axisId, () =>
      this.threads.transaction(async (manager) => {
        await this.requireOpenAxis(manager, axisId);
        const created = await this.threads.insertThread(manager, axisId, callerId, anchor);
        const id = await this.threads.insertComment(manager, created.id, callerId, request.body, clientId);
        return { thread: created, commentId: id, notified: await this.mention(manager, owner, created, id, callerId, request.body) };
      }),
    );
    if (!commentId) return this.one(thread.id, callerId);
    this.publish('created', thread, owner, callerId, commentId);
    this.publishNotifications(notified);
    return this.one(thread.id, callerId);
  }

  async reply(callerId: string, threadId: string, request: CommentRequest): Promise<Thread> {
    const { thread, owner } = await this.threadFor(callerId, threadId, 'thread.comment');
    const clientId = request.clientId ?? null;
    const replayed = clientId && (await this.replayed(callerId, clientId, (row) => row.threadId === threadId));
    if (replayed) return this.one(replayed, callerId);
    const rejection = checkCommentBody(request.body);
    if (rejection) throw rejected(rejection);
    const { commentId, notified } = await this.afterRace(callerId, clientId, (row) => row.threadId === threadId, () =>
      this.threads.transaction(async (manager) => {
        await this.requireOpenAxis(manager, thread.axisId);
        const state = await this.threads.lockOpenThread(manager, threadId);
        if (state === 'missing') throw ApiException.notFound('Thread');
        if (state === 'conflict') throw threadResolved();
        const id = await this.threads.insertComment(manager, threadId, callerId, request.body, clientId);
        return { thread, commentId: id, notified: await this.mention(manager, owner, thread, id, callerId, request.body) };
      }),
    );
    if (!commentId) return this.one(threadId, callerId);
    this.publish('commented', thread, owner, callerId, commentId);
    this.publishNotifications(notified);
    return this.one(threadId, callerId);
  }

  /**
   * A request carrying a `clientId` already stored is a replay (its first answer was lost): the
   * id of the thread to answer again. The same id used by another member, or for another target,
   * is refused with 409 rather than revealing or extending someone else's comment.
   */
  private async replayed(callerId: string, clientId: string, sameTarget: (row: ClientCommentRow) => boolean): Promise<string | null> {
    const row = await this.threads.findByClientId(clientId);
    if (!row) return null;
    if (row.authorId !== callerId || !sameTarget(row)) throw clientIdTaken();
    return row.threadId;
  }

  /** Runs the insert; if a concurrent replay inserted the same `clientId` first, answers that one (no event, no mention). */
  private async afterRace<T extends { thread: ThreadRow; commentId: string; notified: NotificationCreated[] }>(
    callerId: string,
    clientId: string | null,
    sameTarget: (row: ClientCommentRow) => boolean,
    insert: () => Promise<T>,
  ): Promise<T | { thread: { id: string }; commentId: null; notified: NotificationCreated[] }> {
    try {
      return await insert();
    } catch (error) {
      if (!clientId || !isClientIdTaken(error)) throw error;
      const threadId = await this.replayed(callerId, clientId, sameTarget);
      if (!threadId) throw error;
      return { thread: { id: threadId }, commentId: null, notified: [] };
    }
  }

  async edit(callerId: string, commentId: string, request: CommentRequest): Promise<Thread> {
    const { comment, thread, owner } = await this.ownCommentFor(callerId, commentId);
    const rejection = checkCommentBody(request.body);
    if (rejection) throw rejected(rejection);
    const notified = await this.threads.transaction(async (manager) => {
      const outcome = await this.threads.editComment(manager, commentId, request.body);
      if (outcome === 'missing') throw ApiException.notFound('Comment');
      if (outcome === 'conflict') throw commentDeleted();
      return this.mention(manager, owner, thread, comment.id, callerId, request.body);
    });
    this.publish('edited', thread, owner, callerId, commentId);
    this.publishNotifications(notified);
    return this.one(thread.id, callerId);
  }

  async remove(callerId: string, commentId: string): Promise<Thread> {
    const { thread, owner } = await this.ownCommentFor(callerId, commentId);
    const outcome = await this.threads.deleteComment(commentId);
    if (outcome === 'missing') throw ApiException.notFound('Comment');
    if (outcome === 'conflict') throw commentDeleted();
    this.publish('deleted', thread, owner, callerId, commentId);
    return this.one(thread.id, callerId);
  }

  async resolve(callerId: string, threadId: string): Promise<Thread> {
    return this.setStatus(callerId, threadId, 'resolved');
  }

  async reopen(callerId: string, threadId: string): Promise<Thread> {
    return this.setStatus(callerId, threadId, 'open');
  }

  async dispose(callerId: string, threadId: string, request: DispositionRequest): Promise<Thread> {
    const { thread, owner } = await this.threadFor(callerId, threadId, 'thread.moderate');
    const rejection = checkDisposition(request.disposition, request.reason);
    if (rejection) throw rejected(rejection);
    const reason = request.disposition === null ? null : request.reason?.trim() || null;
    await this.threads.transaction(async (manager) => {
      // Clearing a disposition would leave a closed axis with a thread to decide on.
      if (request.disposition === null) await this.requireOpenAxis(manager, thread.axisId);
      await this.threads.setDisposition(manager, threadId, request.disposition, reason, callerId);
    });
    this.publish('disposition', thread, owner, callerId);
    return this.one(threadId, callerId);
  }

  /** Under the axis row's share lock (see `lockAxisRow`): an axis being closed waits for this transaction, or refuses it. */
  private async requireOpenAxis(manager: EntityManager, axisId: string): Promise<void> {
    if ((await lockAxisRow(manager, axisId, 'share')) === 'closed') throw axisClosed();
  }

  /**
   * Per axis of the plan having threads, what is new for the caller and what awaits a decision.
   * Members who may read the plan only; outsiders get 404.
   */
  async activity(callerId: string, planId: string): Promise<PlanActivity> {
    const plan = await this.axes.resolvePlan(planId);
    if (!plan) throw ApiException.notFound('Plan');
    const role = await this.access.require(callerId, plan.workspaceId, 'plan.read', 'Plan');
    const rows = await this.threads.activityOfPlan(planId, callerId, can(role, 'axis.manage'));
    return {
      planId,
      axes: rows.map(
        (row): AxisActivity => ({
          axisId: row.axisId,
          newComments: row.newComments,
          openThreads: row.openThreads,
          withoutDisposition: row.withoutDisposition,
          lastVisitAt: row.lastVisitAt?.toISOString() ?? null,
        }),
      ),
    };
  }

  /** Records that the caller has seen the axis now: later comments by others count as new. */
  async visit(callerId: string, axisId: string): Promise<{ axisId: string; lastVisitAt: string }> {
    await this.axisFor(callerId, axisId, 'plan.read');
    const at = await this.threads.visit(callerId, axisId);
    return { axisId, lastVisitAt: at.toISOString() };
  }

  /** The caller's notifications, newest first; those of workspaces they left are hidden. */
  async notifications(callerId: string): Promise<AppNotification[]> {
    return (await this.threads.notificationsOf(callerId, NOTIFICATIONS_LIMIT)).map(toNotification);
  }

  async markRead(callerId: string, notificationId: string): Promise<AppNotification> {
    const row = await this.threads.markRead(callerId, notificationId);
    if (!row) throw ApiException.notFound('Notification');
    return toNotification(row);
  }

  private async setStatus(callerId: string, threadId: string, status: 'open' | 'resolved'): Promise<Thread> {
    const { thread, owner, role } = await this.threadFor(callerId, threadId, 'plan.read');
    if (!canResolveThread(role, thread.authorId === callerId)) {
      throw ApiException.forbidden('Only the author of the thread, a moderator or an admin may resolve or reopen it');
    }
    if (!(await this.threads.setStatus(threadId, status, callerId))) {
      throw status === 'resolved' ? threadResolved() : new ApiException(409, 'THREAD_NOT_RESOLVED', 'This thread is already open');
    }
    this.publish(status === 'resolved' ? 'resolved' : 'reopened', thread, owner, callerId);
    return this.one(threadId, callerId);
  }

  /**
   * Records the members mentioned in a comment (other ids are ignored) and notifies those newly
   * mentioned, except the author. Returns the notifications, to push once committed.
   */
  private async mention(
    manager: EntityManager,
    owner: AxisOwner,
    thread: ThreadRow,
    commentId: string,
    authorId: string,
    body: string,
  ): Promise<NotificationCreated[]> {
    const mentioned = await this.threads.membersAmong(owner.workspaceId, parseMentions(body), manager);
    const added = await this.threads.setMentions(manager, commentId, mentioned);
    const notified = added.filter((userId) => userId !== authorId);
    if (notified.length === 0) return [];
    const [authorName] = await manager.query(`SELECT display_name AS "displayName" FROM users WHERE id = $1`, [authorId]);
    const created = await this.threads.notify(manager, notified, {
      workspaceId: owner.workspaceId,
      axisId: thread.axisId,
      threadId: thread.id,
      commentId,
      by: { userId: authorId, displayName: authorName?.displayName ?? null },
    });
    return created.map(({ id, userId }) => ({ notificationId: id, userId, axisId: thread.axisId, threadId: thread.id }));
  }

  private publishNotifications(notifications: NotificationCreated[]): void {
    notifications.forEach((notification) => this.events.publishNotification(notification));
  }

  private publish(type: ThreadChangeType, thread: ThreadRow, owner: AxisOwner, actorId: string, commentId?: string): void {
    this.events.publish({ type, threadId: thread.id, axisId: thread.axisId, workspaceId: owner.workspaceId, actorId, ...(commentId ? { commentId } : {}) });
  }

  private async one(threadId: string, callerId: string): Promise<Thread> {
    const thread = await this.threads.findThread(threadId);
    if (!thread) throw ApiException.notFound('Thread');
    const [built] = await this.build([thread], callerId, await this.threads.lastVisit(callerId, thread.axisId));
    return built;
  }

  private async build(rows: ThreadRow[], callerId: string, lastVisit: Date | null): Promise<Thread[]> {
    const comments = await this.threads.commentsOf(rows.map((row) => row.id));
    const mentions = await this.threads.mentionsOf(comments.map((comment) => comment.id));
    const names = await this.threads.displayNames(
      [...rows.flatMap((row) => [row.authorId, row.resolvedBy, row.dispositionBy]), ...comments.map((comment) => comment.authorId)].filter(
        (id): id is string => id !== null,
      ),
    );
    const person = (userId: string | null): PersonRef => ({ userId, displayName: userId ? (names.get(userId) ?? null) : null });
    const byThread = new Map<string, CommentRow[]>();
    for (const comment of comments) byThread.set(comment.threadId, [...(byThread.get(comment.threadId) ?? []), comment]);
    const isNew = (comment: CommentRow) =>
      comment.deletedAt === null && comment.authorId !== callerId && (lastVisit === null || comment.createdAt.getTime() > lastVisit.getTime());
    return rows.map((row) => {
      const own = byThread.get(row.id) ?? [];
      return {
        id: row.id,
        axisId: row.axisId,
        author: person(row.authorId),
        anchor: row.anchor,
        status: row.status,
        resolvedBy: row.resolvedAt ? person(row.resolvedBy) : null,
        resolvedAt: row.resolvedAt?.toISOString() ?? null,
        disposition: row.disposition,
        dispositionReason: row.dispositionReason,
        dispositionBy: row.dispositionAt ? person(row.dispositionBy) : null,
        dispositionAt: row.dispositionAt?.toISOString() ?? null,
        createdAt: row.createdAt.toISOString(),
        comments: own.map(
          (comment): ThreadComment => ({
            id: comment.id,
            threadId: comment.threadId,
            author: person(comment.authorId),
            body: comment.deletedAt ? '' : comment.body,
            mentions: mentions.get(comment.id) ?? [],
            createdAt: comment.createdAt.toISOString(),
            editedAt: comment.editedAt?.toISOString() ?? null,
            deletedAt: comment.deletedAt?.toISOString() ?? null,
          }),
        ),
        newSinceLastVisit: own.filter(isNew).length,
      };
    });
  }

  /**
   * The axis and the caller's role, when it allows `action`. Outsiders get 404; so does anyone
   * who does not manage axes when the axis is archived, as for the axis itself.
   */
  private async axisFor(callerId: string, axisId: string, action: WorkspaceAction): Promise<{ owner: AxisOwner; role: WorkspaceRole }> {
    const owner = await this.axes.resolveAxis(axisId);
    if (!owner) throw ApiException.notFound('Axis');
    return { owner, role: await this.roleFor(callerId, owner, action, 'Axis') };
  }

  private async threadFor(callerId: string, threadId: string, action: WorkspaceAction): Promise<ThreadAccess> {
    const thread = await this.threads.findThread(threadId);
    const owner = thread && (await this.axes.resolveAxis(thread.axisId));
    if (!thread || !owner) throw ApiException.notFound('Thread');
    return { thread, owner, role: await this.roleFor(callerId, owner, action, 'Thread') };
  }

  /** A comment the caller wrote and may still change: others' comments are 403. */
  private async ownCommentFor(callerId: string, commentId: string): Promise<ThreadAccess & { comment: CommentRow }> {
    const comment = await this.threads.findComment(commentId);
    const thread = comment && (await this.threads.findThread(comment.threadId));
    const owner = thread && (await this.axes.resolveAxis(thread.axisId));
    if (!comment || !thread || !owner) throw ApiException.notFound('Comment');
    const role = await this.roleFor(callerId, owner, 'thread.comment', 'Comment');
    if (comment.authorId !== callerId) throw ApiException.forbidden('Only its author may edit or delete a comment');
    if (comment.deletedAt) throw commentDeleted();
    return { comment, thread, owner, role };
  }

  private async roleFor(callerId: string, owner: AxisOwner, action: WorkspaceAction, resource: string): Promise<WorkspaceRole> {
    const role = await this.access.require(callerId, owner.workspaceId, action, resource);
    if (owner.archived && !can(role, 'axis.manage')) throw ApiException.notFound(resource);
    return role;
  }
}

function toNotification(row: NotificationRow): AppNotification {
  return { id: row.id, kind: row.kind, payload: row.payload, createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null };
}
