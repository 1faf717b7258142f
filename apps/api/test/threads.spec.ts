import { ThreadEvents, type ThreadEvent } from '@miroir/api/threads';
import type { AppNotification, AxisThreads, Thread, ThreadsSummary } from '@miroir/shared/contracts';
import { mentionToken } from '@miroir/shared/domain';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_EMAILS, agentsByRole, createOutsider, demoIds, sessionAgent, type Actor, type DemoIds } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const ACTORS: Actor[] = ['admin', 'moderator', 'member', 'observer', 'signed-out'];
const ANCHOR = { start: 'AQLIu4+9DgA=', end: 'AQLIu4+9DgU=', quote: 'renforcer la mutualisation' };

/** Status, code, and the first field error's field and constraints. */
function fieldOf(response: request.Response): [number, string, string | undefined, string[] | undefined] {
  const field = response.body.fields?.[0];
  return [response.status, response.body.code, field?.field, field?.constraints];
}

describe('threads', () => {
  let testApp: TestApp;
  let agents: Record<Actor, request.Agent>;
  let membre2: request.Agent;
  let ids: DemoIds;
  let dataSource: DataSource;
  let events: ThreadEvent[];
  let memberId: string;
  let membre2Id: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    agents = await agentsByRole(testApp);
    membre2 = await sessionAgent(testApp, 'membre2@miroir.test');
    ids = await demoIds(agents.admin);
    memberId = ids.userIds[DEMO_EMAILS.member];
    membre2Id = ids.userIds['membre2@miroir.test'];
    dataSource = testApp.app.get(DataSource);
    events = [];
    testApp.app.get(ThreadEvents).events.subscribe((event) => events.push(event));
  }, 60_000);
  afterAll(() => testApp.close());

  /** A fresh axis, so that counts in one test do not depend on another. */
  async function newAxis(): Promise<string> {
    return (await agents.admin.post(`/api/plans/${ids.planId}/axes`).send({ title: `Axe ${randomUUID().slice(0, 8)}` }).expect(201)).body.id;
  }

  async function openThread(axisId: string, body = 'Pourquoi ce choix ?', agent: request.Agent = agents.member, anchor?: typeof ANCHOR): Promise<Thread> {
    const response = await agent.post(`/api/axes/${axisId}/threads`).send({ body, ...(anchor ? { anchor } : {}) });
    expect([response.status, response.body.fields]).toEqual([201, undefined]);
    return response.body;
  }

  async function list(axisId: string, agent: request.Agent = agents.admin): Promise<AxisThreads> {
    return (await agent.get(`/api/axes/${axisId}/threads`).expect(200)).body;
  }

  /** Every row about an axis' threads, straight from the tables. */
  async function rows(axisId: string): Promise<Record<string, unknown>> {
    return {
      threads: await dataSource.query(`SELECT * FROM threads WHERE axis_id = $1 ORDER BY id`, [axisId]),
      comments: await dataSource.query(`SELECT c.* FROM comments c JOIN threads t ON t.id = c.thread_id WHERE t.axis_id = $1 ORDER BY c.id`, [axisId]),
      mentions: await dataSource.query(
        `SELECT m.* FROM comment_mentions m JOIN comments c ON c.id = m.comment_id JOIN threads t ON t.id = c.thread_id WHERE t.axis_id = $1 ORDER BY 1, 2`,
        [axisId],
      ),
      notifications: await dataSource.query(`SELECT * FROM notifications WHERE payload->>'axisId' = $1 ORDER BY id`, [axisId]),
    };
  }

  describe('opening a thread', () => {
    it('opens a thread on the axis as a whole with its first comment, and emits created', async () => {
      const axisId = await newAxis();
      const before = events.length;
      const thread = await openThread(axisId, '**Pourquoi** ce choix ?');
      expect(thread).toMatchObject({
        axisId,
        author: { userId: memberId, displayName: expect.any(String) },
        anchor: null,
        status: 'open',
        resolvedBy: null,
        resolvedAt: null,
        disposition: null,
        dispositionReason: null,
        dispositionBy: null,
        newSinceLastVisit: 0,
        comments: [{ author: { userId: memberId }, body: '**Pourquoi** ce choix ?', mentions: [], editedAt: null, deletedAt: null }],
      });
      expect(events.slice(before)).toEqual([
        { type: 'created', threadId: thread.id, axisId, workspaceId: ids.workspaceId, commentId: thread.comments[0].id, actorId: memberId },
      ]);
    });

    it('anchors a thread to a passage, and lists threads oldest first', async () => {
      const axisId = await newAxis();
      const first = await openThread(axisId);
      const anchored = await openThread(axisId, 'Ce passage est flou.', agents.moderator, ANCHOR);
      expect(anchored.anchor).toEqual(ANCHOR);
      expect((await list(axisId, agents.observer)).threads.map((thread) => [thread.id, thread.anchor])).toEqual([
        [first.id, null],
        [anchored.id, ANCHOR],
      ]);
    });

    it('refuses bad input with a 400 naming the field, and creates nothing', async () => {
      const axisId = await newAxis();
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{}, 'body', 'isString'],
        [{ body: 42 }, 'body', 'isString'],
        [{ body: '  \n' }, 'body', 'isNotEmpty'],
        [{ body: 'x'.repeat(10_001) }, 'body', 'maxLength'],
        [{ body: 'avant\u0000après' }, 'body', 'nulCharacter'],
        [{ body: 'ok', extra: true }, 'extra', 'whitelistValidation'],
        [{ body: 'ok', anchor: 'début' }, 'anchor', 'isObject'],
        [{ body: 'ok', anchor: { ...ANCHOR, start: '' } }, 'anchor.start', 'invalidAnchor'],
        [{ body: 'ok', anchor: { ...ANCHOR, end: '<script>' } }, 'anchor.end', 'invalidAnchor'],
        [{ body: 'ok', anchor: { ...ANCHOR, quote: 'q'.repeat(1001) } }, 'anchor.quote', 'maxLength'],
        [{ body: 'ok', anchor: { ...ANCHOR, html: '<b>' } }, 'anchor.html', 'whitelistValidation'],
      ];
      for (const [body, field, constraint] of cases) {
        const response = await agents.member.post(`/api/axes/${axisId}/threads`).send(body);
        const [status, code, actualField, constraints] = fieldOf(response);
        expect([field, status, code, actualField, constraints?.includes(constraint)]).toEqual([field, 400, 'VALIDATION_FAILED', field, true]);
      }
      expect(fieldOf(await agents.member.post(`/api/axes/pas-un-uuid/threads`).send({ body: 'ok' })).slice(0, 3)).toEqual([400, 'VALIDATION_FAILED', 'axisId']);
      expect(await openThread(axisId, 'x'.repeat(10_000))).toBeDefined();
      expect((await rows(axisId))['threads']).toHaveLength(1);
    });

    it('answers 404 for an axis that does not exist', async () => {
      expect((await agents.member.post(`/api/axes/${randomUUID()}/threads`).send({ body: 'ok' })).status).toBe(404);
      expect((await agents.member.get(`/api/axes/${randomUUID()}/threads`)).status).toBe(404);
    });
  });

  describe('permissions', () => {
    interface Route {
      route: string;
      allowed: Actor[];
      status: number;
      /** thread opened by the member, its first comment by the member. */
      call: (agent: request.Agent, thread: Thread) => request.Test;
      resolved?: boolean;
    }
    const everyone: Actor[] = ['admin', 'moderator', 'member', 'observer'];
    const writers: Actor[] = ['admin', 'moderator', 'member'];
    const ROUTES: Route[] = [
      { route: 'list', allowed: everyone, status: 200, call: (agent, thread) => agent.get(`/api/axes/${thread.axisId}/threads`) },
      { route: 'summary', allowed: everyone, status: 200, call: (agent, thread) => agent.get(`/api/axes/${thread.axisId}/threads/summary`) },
      { route: 'visit', allowed: everyone, status: 200, call: (agent, thread) => agent.post(`/api/axes/${thread.axisId}/visit`) },
      { route: 'open', allowed: writers, status: 201, call: (agent, thread) => agent.post(`/api/axes/${thread.axisId}/threads`).send({ body: 'Nouveau' }) },
      { route: 'reply', allowed: writers, status: 201, call: (agent, thread) => agent.post(`/api/threads/${thread.id}/comments`).send({ body: 'Réponse' }) },
      // The author of the comment is the member: everyone else is refused.
      { route: 'edit', allowed: ['member'], status: 200, call: (agent, thread) => agent.patch(`/api/comments/${thread.comments[0].id}`).send({ body: 'Modifié' }) },
      { route: 'delete', allowed: ['member'], status: 200, call: (agent, thread) => agent.delete(`/api/comments/${thread.comments[0].id}`) },
      // The author of the thread is the member; moderators and admins may resolve any thread.
      { route: 'resolve', allowed: writers, status: 200, call: (agent, thread) => agent.post(`/api/threads/${thread.id}/resolve`) },
      { route: 'reopen', allowed: writers, status: 200, resolved: true, call: (agent, thread) => agent.post(`/api/threads/${thread.id}/reopen`) },
      {
        route: 'disposition',
        allowed: ['admin', 'moderator'],
        status: 200,
        call: (agent, thread) => agent.put(`/api/threads/${thread.id}/disposition`).send({ disposition: 'integre' }),
      },
    ];
    const cases = ROUTES.flatMap((route) =>
      ACTORS.map((actor) => [route.route, actor, actor === 'signed-out' ? 401 : route.allowed.includes(actor) ? route.status : 403, route] as const),
    );

    it.each(cases)('%s as %s answers %i, and a refusal changes nothing', async (_name, actor, expected, route) => {
      const axisId = await newAxis();
      const thread = await openThread(axisId);
      if (route.resolved) await agents.member.post(`/api/threads/${thread.id}/resolve`).expect(200);
      const before = await rows(axisId);
      const response = await route.call(agents[actor], thread);
      expect(response.status).toBe(expected);
      if (expected === 401) expect(response.body.code).toBe('UNAUTHENTICATED');
      if (expected === 403) expect(response.body.code).toBe('FORBIDDEN');
      if (expected >= 400) expect(await rows(axisId)).toEqual(before);
    });

    it('answers 404 to a user of another workspace on every route, as for what does not exist, and nothing changes', async () => {
      const axisId = await newAxis();
      const thread = await openThread(axisId, `Avis ${mentionToken('Membre 2', membre2Id)}`);
      const notification = (await membre2.get('/api/notifications').expect(200)).body.find((n: AppNotification) => n.payload.threadId === thread.id);
      expect(notification).toBeDefined();
      const account = await createOutsider(testApp);
      const outsider = await testApp.signIn(account.email, account.password);
      const before = await rows(axisId);
      const commentId = thread.comments[0].id;
      const attempts: Array<[string, () => request.Test]> = [
        ['list', () => outsider.get(`/api/axes/${axisId}/threads`)],
        ['summary', () => outsider.get(`/api/axes/${axisId}/threads/summary`)],
        ['visit', () => outsider.post(`/api/axes/${axisId}/visit`)],
        ['open', () => outsider.post(`/api/axes/${axisId}/threads`).send({ body: 'Intrus' })],
        ['reply', () => outsider.post(`/api/threads/${thread.id}/comments`).send({ body: 'Intrus' })],
        ['edit', () => outsider.patch(`/api/comments/${commentId}`).send({ body: 'Intrus' })],
        ['delete', () => outsider.delete(`/api/comments/${commentId}`)],
        ['resolve', () => outsider.post(`/api/threads/${thread.id}/resolve`)],
        ['reopen', () => outsider.post(`/api/threads/${thread.id}/reopen`)],
        ['disposition', () => outsider.put(`/api/threads/${thread.id}/disposition`).send({ disposition: 'ecarte', reason: 'Intrus' })],
        ['read notification', () => outsider.post(`/api/notifications/${notification.id}/read`)],
        ['reply to nothing', () => outsider.post(`/api/threads/${randomUUID()}/comments`).send({ body: 'Intrus' })],
        ['edit nothing', () => outsider.patch(`/api/comments/${randomUUID()}`).send({ body: 'Intrus' })],
      ];
      for (const [name, attempt] of attempts) {
        const response = await attempt();
        expect([name, response.status, response.body.code]).toEqual([name, 404, 'NOT_FOUND']);
      }
      expect((await outsider.get('/api/notifications').expect(200)).body).toEqual([]);
      expect(await rows(axisId)).toEqual(before);
      expect(await dataSource.query(`SELECT * FROM axis_visits WHERE axis_id = $1`, [axisId])).toEqual([]);
    });

    it('hides the threads of an archived axis from members (404) but not from moderators', async () => {
      const axisId = await newAxis();
      const thread = await openThread(axisId);
      await agents.admin.post(`/api/axes/${axisId}/archive`).expect(200);
      expect((await agents.member.get(`/api/axes/${axisId}/threads`)).status).toBe(404);
      expect((await agents.member.post(`/api/threads/${thread.id}/comments`).send({ body: 'Encore ?' })).status).toBe(404);
      expect((await agents.moderator.get(`/api/axes/${axisId}/threads`)).status).toBe(200);
    });
  });

  describe('comments', () => {
    it('lets the author edit and delete their comment; deletion keeps a trace without the text', async () => {
      const axisId = await newAxis();
      const thread = await openThread(axisId, 'Premier jet');
      const replied: Thread = (await membre2.post(`/api/threads/${thread.id}/comments`).send({ body: 'Une réponse' }).expect(201)).body;
      expect(replied.comments.map((comment) => comment.body)).toEqual(['Premier jet', 'Une réponse']);
      const commentId = thread.comments[0].id;

      // Only the author: not another member, not a moderator, not an admin.
      for (const agent of [membre2, agents.moderator, agents.admin]) {
        expect((await agent.patch(`/api/comments/${commentId}`).send({ body: 'Réécrit' })).status).toBe(403);
        expect((await agent.delete(`/api/comments/${commentId}`)).status).toBe(403);
      }

      const edited: Thread = (await agents.member.patch(`/api/comments/${commentId}`).send({ body: 'Version corrigée' }).expect(200)).body;
      expect(edited.comments[0]).toMatchObject({ body: 'Version corrigée', editedAt: expect.any(String), deletedAt: null });
      expect(fieldOf(await agents.member.patch(`/api/comments/${commentId}`).send({ body: ' ' })).slice(0, 3)).toEqual([400, 'VALIDATION_FAILED', 'body']);

      const before = events.length;
      const deleted: Thread = (await agents.member.delete(`/api/comments/${commentId}`).expect(200)).body;
      expect(deleted.comments).toHaveLength(2);
      expect(deleted.comments[0]).toMatchObject({ id: commentId, body: '', deletedAt: expect.any(String), author: { userId: memberId } });
      expect(events.slice(before)).toEqual([expect.objectContaining({ type: 'deleted', threadId: thread.id, commentId })]);
      const [row] = await dataSource.query(`SELECT body, deleted_at FROM comments WHERE id = $1`, [commentId]);
      expect(row).toEqual({ body: '', deleted_at: expect.any(Date) });

      const again = await agents.member.delete(`/api/comments/${commentId}`);
      expect([again.status, again.body.code]).toEqual([409, 'COMMENT_DELETED']);
      const edit = await agents.member.patch(`/api/comments/${commentId}`).send({ body: 'Ressuscité' });
      expect([edit.status, edit.body.code]).toEqual([409, 'COMMENT_DELETED']);
      expect((await list(axisId)).threads[0].comments[0]).toMatchObject({ body: '', deletedAt: expect.any(String) });
    });

    it('refuses bad replies with a 400 and adds nothing', async () => {
      const axisId = await newAxis();
      const thread = await openThread(axisId);
      const before = await rows(axisId);
      for (const [body, constraint] of [
        [{ body: '' }, 'isNotEmpty'],
        [{ body: 'a\u0000' }, 'nulCharacter'],
        [{ body: 'y'.repeat(10_001) }, 'maxLength'],
        [{ body: 'ok', threadId: thread.id }, 'whitelistValidation'],
      ] as const) {
        const response = await agents.member.post(`/api/threads/${thread.id}/comments`).send(body);
        expect([constraint, response.status, response.body.fields?.[0]?.constraints]).toEqual([constraint, 400, [constraint]]);
      }
      expect(await rows(axisId)).toEqual(before);
    });
  });

  describe('resolving', () => {
    it('lets the author resolve, refuses to resolve twice and to reply while resolved; a moderator reopens', async () => {
      const axisId = await newAxis();
      const thread = await openThread(axisId);
      expect((await membre2.post(`/api/threads/${thread.id}/resolve`)).status).toBe(403);

      const resolved: Thread = (await agents.member.post(`/api/threads/${thread.id}/resolve`).expect(200)).body;
      expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: { userId: memberId }, resolvedAt: expect.any(String) });
      const twice = await agents.moderator.post(`/api/threads/${thread.id}/resolve`);
      expect([twice.status, twice.body.code]).toEqual([409, 'THREAD_RESOLVED']);

      const before = await rows(axisId);
      const reply = await membre2.post(`/api/threads/${thread.id}/comments`).send({ body: 'Trop tard ?' });
      expect([reply.status, reply.body.code]).toEqual([409, 'THREAD_RESOLVED']);
      expect(await rows(axisId)).toEqual(before);

      const reopened: Thread = (await agents.moderator.post(`/api/threads/${thread.id}/reopen`).expect(200)).body;
      expect(reopened).toMatchObject({ status: 'open', resolvedBy: null, resolvedAt: null });
      const again = await agents.member.post(`/api/threads/${thread.id}/reopen`);
      expect([again.status, again.body.code]).toEqual([409, 'THREAD_NOT_RESOLVED']);
      await membre2.post(`/api/threads/${thread.id}/comments`).send({ body: 'Rouvert, je réponds.' }).expect(201);
      expect(events.filter((event) => event.threadId === thread.id).map((event) => event.type)).toEqual(['created', 'resolved', 'reopened', 'commented']);
    });
  });

  describe('dispositions', () => {
    it('requires a reason to set a thread aside, counts threads without disposition, and can clear one', async () => {
      const axisId = await newAxis();
      const first = await openThread(axisId);
      const second = await openThread(axisId, 'Hors sujet ?');
      const summary = async (): Promise<ThreadsSummary> => (await agents.observer.get(`/api/axes/${axisId}/threads/summary`).expect(200)).body;
      expect(await summary()).toEqual({ axisId, total: 2, open: 2, resolved: 0, withoutDisposition: 2, newSinceLastVisit: 2 });

      const before = await rows(axisId);
      for (const [body, field, constraint] of [
        [{ disposition: 'ecarte' }, 'reason', 'dispositionReasonRequired'],
        [{ disposition: 'ecarte', reason: '   ' }, 'reason', 'dispositionReasonRequired'],
        [{ disposition: 'ecarte', reason: 'r'.repeat(2001) }, 'reason', 'maxLength'],
        [{ disposition: 'adopte' }, 'disposition', 'isIn'],
        [{}, 'disposition', 'isIn'],
      ] as const) {
        const response = await agents.moderator.put(`/api/threads/${first.id}/disposition`).send(body);
        expect(fieldOf(response)).toEqual([400, 'VALIDATION_FAILED', field, [constraint]]);
      }
      expect(await rows(axisId)).toEqual(before);

      const set: Thread = (await agents.moderator.put(`/api/threads/${first.id}/disposition`).send({ disposition: 'ecarte', reason: ' Hors du champ du plan ' }).expect(200))
        .body;
      expect(set).toMatchObject({ disposition: 'ecarte', dispositionReason: 'Hors du champ du plan', dispositionBy: { userId: ids.userIds[DEMO_EMAILS.moderator] } });
      await agents.admin.put(`/api/threads/${second.id}/disposition`).send({ disposition: 'integre' }).expect(200);
      await agents.member.post(`/api/threads/${second.id}/resolve`).expect(200);
      expect(await summary()).toMatchObject({ total: 2, open: 1, resolved: 1, withoutDisposition: 0 });

      // The axis closes only once every thread has a disposition.
      await agents.moderator.patch(`/api/axes/${axisId}`).send({ status: 'closed' }).expect(200);
      await agents.moderator.patch(`/api/axes/${axisId}`).send({ status: 'open' }).expect(200);

      const cleared: Thread = (await agents.admin.put(`/api/threads/${second.id}/disposition`).send({ disposition: null }).expect(200)).body;
      expect(cleared).toMatchObject({ disposition: null, dispositionReason: null, dispositionBy: null, dispositionAt: null });
      expect(await summary()).toMatchObject({ withoutDisposition: 1 });
      const refused = await agents.admin.patch(`/api/axes/${axisId}`).send({ status: 'closed', title: 'Renommé' });
      expect([refused.status, refused.body.code]).toEqual([409, 'THREADS_WITHOUT_DISPOSITION']);
      expect((await agents.admin.get(`/api/axes/${axisId}`).expect(200)).body).toMatchObject({ status: 'open', title: expect.not.stringMatching('Renommé') });
    });

    it('refuses to close an axis while a thread lacks a disposition, and changes nothing', async () => {
      const axisId = await newAxis();
      await agents.moderator.patch(`/api/axes/${axisId}`).send({ status: 'open' }).expect(200);
      const thread = await openThread(axisId);
      const refused = await agents.moderator.patch(`/api/axes/${axisId}`).send({ status: 'closed' });
      expect([refused.status, refused.body.code]).toEqual([409, 'THREADS_WITHOUT_DISPOSITION']);
      expect((await agents.moderator.get(`/api/axes/${axisId}`).expect(200)).body.status).toBe('open');
      // Other changes of the axis are not held back.
      await agents.moderator.patch(`/api/axes/${axisId}`).send({ status: 'voting' }).expect(200);
      await agents.moderator.put(`/api/threads/${thread.id}/disposition`).send({ disposition: 'repondu' }).expect(200);
      expect((await agents.moderator.patch(`/api/axes/${axisId}`).send({ status: 'closed' }).expect(200)).body.status).toBe('closed');
    });
  });

  describe('mentions and notifications', () => {
    it('notifies mentioned members once, ignoring non-members, unknown ids and oneself', async () => {
      const axisId = await newAxis();
      const outsider = await createOutsider(testApp);
      const body = [
        `Qu’en pensez-vous ${mentionToken('Membre 2', membre2Id)} et ${mentionToken('Membre 2 encore', membre2Id)} ?`,
        `${mentionToken('Extérieur', outsider.id)} ${mentionToken('Personne', randomUUID())} ${mentionToken('Moi', memberId)}`,
        `@Observateur [pas une mention](user:${ids.userIds[DEMO_EMAILS.observer]})`,
      ].join('\n');
      const thread = await openThread(axisId, body);
      expect(thread.comments[0].mentions.sort()).toEqual([memberId, membre2Id].sort());
      const notifications = await dataSource.query(`SELECT user_id AS "userId", kind, payload FROM notifications WHERE payload->>'threadId' = $1`, [thread.id]);
      expect(notifications).toEqual([
        {
          userId: membre2Id,
          kind: 'mention',
          payload: { workspaceId: ids.workspaceId, axisId, threadId: thread.id, commentId: thread.comments[0].id, by: { userId: memberId, displayName: expect.any(String) } },
        },
      ]);

      const mine: AppNotification[] = (await membre2.get('/api/notifications').expect(200)).body;
      const notification = mine.find((n) => n.payload.threadId === thread.id);
      expect(notification).toMatchObject({ kind: 'mention', readAt: null });
      // Someone else's notification is not found; the addressee marks it read.
      expect((await agents.member.post(`/api/notifications/${notification?.id}/read`)).status).toBe(404);
      const read: AppNotification = (await membre2.post(`/api/notifications/${notification?.id}/read`).expect(200)).body;
      expect(read.readAt).toEqual(expect.any(String));

      // Editing keeps existing mentions without notifying again, and notifies the newly mentioned.
      const observerId = ids.userIds[DEMO_EMAILS.observer];
      await agents.member
        .patch(`/api/comments/${thread.comments[0].id}`)
        .send({ body: `${mentionToken('Membre 2', membre2Id)} ${mentionToken('Observateur', observerId)}` })
        .expect(200);
      const after: Array<{ userId: string }> = await dataSource.query(
        `SELECT user_id AS "userId" FROM notifications WHERE payload->>'threadId' = $1 ORDER BY created_at`,
        [thread.id],
      );
      expect(after.map((row) => row.userId)).toEqual([membre2Id, observerId]);
      // Deleting the comment drops its mentions.
      await agents.member.delete(`/api/comments/${thread.comments[0].id}`).expect(200);
      expect((await list(axisId)).threads[0].comments[0].mentions).toEqual([]);
    });
  });

  describe('new since the last visit', () => {
    it('counts comments by others since the caller’s last visit', async () => {
      const axisId = await newAxis();
      const thread = await openThread(axisId, 'Un');
      // Never visited: everything by others is new, one's own never is.
      expect((await list(axisId, membre2)).newSinceLastVisit).toBe(1);
      expect((await list(axisId, agents.member)).newSinceLastVisit).toBe(0);

      const visit = (await membre2.post(`/api/axes/${axisId}/visit`).expect(200)).body;
      expect(visit).toEqual({ axisId, lastVisitAt: expect.any(String) });
      expect(await list(axisId, membre2)).toMatchObject({ lastVisitAt: visit.lastVisitAt, newSinceLastVisit: 0 });

      await agents.member.post(`/api/threads/${thread.id}/comments`).send({ body: 'Deux' }).expect(201);
      const other = await openThread(axisId, 'Trois', agents.moderator);
      await membre2.post(`/api/threads/${thread.id}/comments`).send({ body: 'Ma réponse' }).expect(201);
      const seen = await list(axisId, membre2);
      expect(seen.newSinceLastVisit).toBe(2);
      expect(seen.threads.map((t) => [t.id, t.newSinceLastVisit])).toEqual([
        [thread.id, 1],
        [other.id, 1],
      ]);
      expect((await membre2.get(`/api/axes/${axisId}/threads/summary`).expect(200)).body.newSinceLastVisit).toBe(2);

      await membre2.post(`/api/axes/${axisId}/visit`).expect(200);
      expect((await list(axisId, membre2)).newSinceLastVisit).toBe(0);
    });
  });

  describe('a closed axis', () => {
    it('refuses a new thread and a reply with 409 AXIS_CLOSED, and creates nothing', async () => {
      const axisId = await newAxis();
      const thread = await openThread(axisId, 'Avant la clôture');
      await agents.moderator.put(`/api/threads/${thread.id}/disposition`).send({ disposition: 'repondu' }).expect(200);
      await agents.moderator.patch(`/api/axes/${axisId}`).send({ status: 'closed' }).expect(200);
      const before = await rows(axisId);
      const eventsBefore = events.length;

      const created = await agents.member.post(`/api/axes/${axisId}/threads`).send({ body: `Trop tard @[Membre 2](user:${membre2Id})` });
      expect([created.status, created.body.code]).toEqual([409, 'AXIS_CLOSED']);
      const reply = await agents.admin.post(`/api/threads/${thread.id}/comments`).send({ body: 'Trop tard aussi' });
      expect([reply.status, reply.body.code]).toEqual([409, 'AXIS_CLOSED']);
      expect(await rows(axisId)).toEqual(before);
      expect(events.length).toBe(eventsBefore);

      // Rights and input are checked first: an observer still gets 403, an outsider 404.
      expect((await agents.observer.post(`/api/axes/${axisId}/threads`).send({ body: 'Observateur' })).status).toBe(403);
      // Reopened, it takes threads again.
      await agents.moderator.patch(`/api/axes/${axisId}`).send({ status: 'open' }).expect(200);
      await openThread(axisId, 'Rouvert');
    });

    it('never closes with a thread slipped in during the close: threads racing the close either get in and block it, or are refused', async () => {
      for (let round = 0; round < 10; round += 1) {
        const axisId = await newAxis();
        const [close, ...creates] = await Promise.all([
          agents.moderator.patch(`/api/axes/${axisId}`).send({ status: 'closed' }),
          ...Array.from({ length: 4 }, (_, index) => agents.member.post(`/api/axes/${axisId}/threads`).send({ body: `Course ${round}.${index}` })),
        ]);
        const created = creates.filter((response) => response.status === 201).length;
        const pending: Array<{ count: number }> = await dataSource.query(`SELECT count(*)::int AS count FROM threads WHERE axis_id = $1 AND disposition IS NULL`, [axisId]);
        const status = (await agents.admin.get(`/api/axes/${axisId}`).expect(200)).body.status;
        if (close.status === 200) {
          // Closed: every racing thread was refused, none is left without a disposition.
          expect([status, created, pending[0]?.count]).toEqual(['closed', 0, 0]);
          for (const response of creates) expect([response.status, response.body.code]).toEqual([409, 'AXIS_CLOSED']);
        } else {
          expect([close.status, close.body.code, status]).toEqual([409, 'THREADS_WITHOUT_DISPOSITION', 'draft']);
          expect(created).toBeGreaterThan(0);
        }
      }
    });
  });

  describe('plan activity', () => {
    it('counts, per axis with threads, new comments by others since the last visit, open threads and threads without disposition', async () => {
      const axisId = await newAxis();
      const quiet = await newAxis();
      const first = await openThread(axisId, 'Un');
      await openThread(axisId, 'Deux', agents.moderator);
      await agents.member.post(`/api/threads/${first.id}/comments`).send({ body: 'Trois' }).expect(201);
      await agents.moderator.post(`/api/threads/${first.id}/resolve`).expect(200);
      await agents.moderator.put(`/api/threads/${first.id}/disposition`).send({ disposition: 'integre' }).expect(200);

      const activity = async (agent: request.Agent) => (await agent.get(`/api/plans/${ids.planId}/activity`).expect(200)).body;
      const ofAxis = async (agent: request.Agent) => (await activity(agent)).axes.find((axis: { axisId: string }) => axis.axisId === axisId);
      const seen = await activity(membre2);
      expect(seen.planId).toBe(ids.planId);
      expect(seen.axes.map((axis: { axisId: string }) => axis.axisId)).not.toContain(quiet);
      expect(await ofAxis(membre2)).toEqual({ axisId, newComments: 3, openThreads: 1, withoutDisposition: 1, lastVisitAt: null });
      // One's own comments are never new.
      expect(await ofAxis(agents.member)).toMatchObject({ newComments: 1 });
      expect(await ofAxis(agents.observer)).toMatchObject({ newComments: 3 });

      // A visit resets the count; later comments by others count again.
      const visit = (await membre2.post(`/api/axes/${axisId}/visit`).expect(200)).body;
      expect(await ofAxis(membre2)).toEqual({ axisId, newComments: 0, openThreads: 1, withoutDisposition: 1, lastVisitAt: visit.lastVisitAt });
      await openThread(axisId, 'Quatre');
      expect(await ofAxis(membre2)).toMatchObject({ newComments: 1, openThreads: 2, withoutDisposition: 2 });
      // The same count as the axis' own list.
      expect((await list(axisId, membre2)).newSinceLastVisit).toBe(1);
    });

    it('leaves archived axes out for those who do not manage axes', async () => {
      const axisId = await newAxis();
      await openThread(axisId, 'Sur un axe bientôt archivé');
      await agents.admin.post(`/api/axes/${axisId}/archive`).expect(200);
      const axesOf = async (agent: request.Agent) =>
        (await agent.get(`/api/plans/${ids.planId}/activity`).expect(200)).body.axes.map((axis: { axisId: string }) => axis.axisId);
      expect(await axesOf(agents.member)).not.toContain(axisId);
      expect(await axesOf(agents.moderator)).toContain(axisId);
    });

    it('answers 404 to outsiders, as for a plan that does not exist, and 401 when signed out', async () => {
      const outsider = await createOutsider(testApp);
      const agent = await sessionAgent(testApp, outsider.email);
      const refused = await agent.get(`/api/plans/${ids.planId}/activity`);
      expect([refused.status, refused.body.code]).toEqual([404, 'NOT_FOUND']);
      const missing = await agent.get(`/api/plans/${randomUUID()}/activity`);
      expect(missing.body).toEqual(refused.body);
      expect((await agents['signed-out'].get(`/api/plans/${ids.planId}/activity`)).status).toBe(401);
      expect((await agents.member.get('/api/plans/pas-un-uuid/activity')).status).toBe(400);
    });
  });

  describe('idempotent replays (clientId)', () => {
    async function commentsWith(clientId: string): Promise<Array<{ body: string; author_id: string }>> {
      return dataSource.query(`SELECT body, author_id FROM comments WHERE client_id = $1`, [clientId]);
    }

    it('opening a thread twice with the same clientId creates one thread and one comment, and answers it both times', async () => {
      const axisId = await newAxis();
      const clientId = randomUUID();
      const before = events.length;
      const first = await agents.member.post(`/api/axes/${axisId}/threads`).send({ body: 'Écrit hors ligne', clientId }).expect(201);
      const again = await agents.member.post(`/api/axes/${axisId}/threads`).send({ body: 'Écrit hors ligne', clientId }).expect(201);
      expect(again.body.id).toBe(first.body.id);
      expect(again.body.comments).toHaveLength(1);
      expect((await list(axisId)).threads).toHaveLength(1);
      expect(await commentsWith(clientId)).toEqual([{ body: 'Écrit hors ligne', author_id: memberId }]);
      expect(events.slice(before).map((event) => event.type)).toEqual(['created']);
    });

    it('replying twice with the same clientId adds one comment', async () => {
      const thread = await openThread(await newAxis());
      const clientId = randomUUID();
      const first = await agents.member.post(`/api/threads/${thread.id}/comments`).send({ body: 'Réponse rejouée', clientId }).expect(201);
      const again = await agents.member.post(`/api/threads/${thread.id}/comments`).send({ body: 'Réponse rejouée', clientId }).expect(201);
      expect(again.body.comments).toEqual(first.body.comments);
      expect(again.body.comments.map((comment: { body: string }) => comment.body)).toEqual(['Pourquoi ce choix ?', 'Réponse rejouée']);
      expect(await commentsWith(clientId)).toHaveLength(1);
    });

    it('two replays racing each other still insert once', async () => {
      const thread = await openThread(await newAxis());
      const clientId = randomUUID();
      const send = () => agents.member.post(`/api/threads/${thread.id}/comments`).send({ body: 'En course', clientId });
      const answers = await Promise.all([send(), send(), send()]);
      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
      expect(await commentsWith(clientId)).toHaveLength(1);
    });

    it('refuses with 409 another member reusing a clientId, revealing nothing and changing nothing', async () => {
      const axisId = await newAxis();
      const thread = await openThread(axisId);
      const clientId = randomUUID();
      await agents.member.post(`/api/threads/${thread.id}/comments`).send({ body: 'À moi', clientId }).expect(201);
      const reply = await membre2.post(`/api/threads/${thread.id}/comments`).send({ body: 'Détourné', clientId });
      expect([reply.status, reply.body.code, reply.body.comments]).toEqual([409, 'CONFLICT', undefined]);
      const created = await membre2.post(`/api/axes/${axisId}/threads`).send({ body: 'Détourné', clientId });
      expect([created.status, created.body.code, created.body.id]).toEqual([409, 'CONFLICT', undefined]);
      expect(await commentsWith(clientId)).toEqual([{ body: 'À moi', author_id: memberId }]);
    });

    it('refuses with 409 the same member reusing a clientId on another thread', async () => {
      const axisId = await newAxis();
      const [one, other] = [await openThread(axisId), await openThread(axisId)];
      const clientId = randomUUID();
      await agents.member.post(`/api/threads/${one.id}/comments`).send({ body: 'Ici', clientId }).expect(201);
      const reused = await agents.member.post(`/api/threads/${other.id}/comments`).send({ body: 'Là', clientId });
      expect([reused.status, reused.body.code]).toEqual([409, 'CONFLICT']);
      const asThread = await agents.member.post(`/api/axes/${axisId}/threads`).send({ body: 'Là', clientId });
      expect([asThread.status, asThread.body.code]).toEqual([409, 'CONFLICT']);
    });

    it('validates clientId as a uuid', async () => {
      const axisId = await newAxis();
      const refused = await agents.member.post(`/api/axes/${axisId}/threads`).send({ body: 'Bonjour', clientId: 'pas-un-uuid' });
      expect(fieldOf(refused).slice(0, 3)).toEqual([400, 'VALIDATION_FAILED', 'clientId']);
    });
  });
});
