import type { PlanSummary, WorkspaceRole } from '@miroir/shared/contracts';
import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import { DEMO_EMAILS, createAccount, createOutsider, demoIds, uniqueEmail, type DemoIds } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

type Actor = WorkspaceRole | 'signed-out';
const ACTORS: Actor[] = ['admin', 'moderator', 'member', 'observer', 'signed-out'];

/** Fresh resources a case acts on, created as the admin before the call. */
type Context = Record<string, string>;

interface RouteCase {
  route: string;
  /** Roles for which the call succeeds, with `status`; other roles get 403, signed-out 401. */
  allowed: WorkspaceRole[];
  status: number;
  /** Whether a successful call changes what the admin can read. */
  mutates: boolean;
  prepare?: (actor: Actor) => Promise<Context>;
  call: (agent: request.Agent, context: Context, actor: Actor) => request.Test;
}

describe('permissions: every role × every route', () => {
  let testApp: TestApp;
  let agents: Record<Actor, request.Agent>;
  let ids: DemoIds;
  let rootAxisId: string;
  let childAxisId: string;
  /** The axis the threads and votes routes act on. */
  let talkAxisId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    agents = {
      admin: await testApp.signIn(DEMO_EMAILS.admin),
      moderator: await testApp.signIn(DEMO_EMAILS.moderator),
      member: await testApp.signIn(DEMO_EMAILS.member),
      observer: await testApp.signIn(DEMO_EMAILS.observer),
      'signed-out': testApp.anonymous(),
    };
    ids = await demoIds(agents.admin);
    const plan = (await agents.admin.get(`/api/plans/${ids.planId}`).expect(200)).body;
    rootAxisId = plan.axes[0].id;
    childAxisId = plan.axes[0].children[0].id;
    talkAxisId = (await agents.admin.post(`/api/plans/${ids.planId}/axes`).send({ title: 'Axe des discussions' }).expect(201)).body.id;
    // Starting the app and four argon2 sign-ins can exceed jest's 5 s beside other suites.
  }, 60_000);
  afterAll(() => testApp.close());

  /**
   * Everything the admin can see: plans with their full trees (archived included), members and
   * invitations, the threads and votes of the discussion axis, the admin's notifications.
   */
  async function snapshot(): Promise<unknown> {
    const admin = agents.admin;
    const plans: PlanSummary[] = (await admin.get('/api/plans').expect(200)).body;
    const details = [];
    for (const plan of plans) details.push((await admin.get(`/api/plans/${plan.id}`).expect(200)).body);
    const members = (await admin.get(`/api/workspaces/${ids.workspaceId}/members`).expect(200)).body;
    const threads = (await admin.get(`/api/axes/${talkAxisId}/threads`).expect(200)).body;
    const votes = (await admin.get(`/api/axes/${talkAxisId}/votes`).expect(200)).body;
    const notifications = (await admin.get('/api/notifications').expect(200)).body;
    return { plans, details, members, threads, votes, notifications };
  }

  /** A thread on the discussion axis, opened by the actor when they may comment, else by the admin. */
  async function freshThread(actor: Actor = 'admin'): Promise<{ threadId: string; commentId: string }> {
    const author = actor === 'member' || actor === 'moderator' ? agents[actor] : agents.admin;
    const thread = (await author.post(`/api/axes/${talkAxisId}/threads`).send({ body: `Discussion de ${actor}` }).expect(201)).body;
    return { threadId: thread.id, commentId: thread.comments[0].id };
  }

  async function freshVote(): Promise<{ voteId: string }> {
    const closesAt = new Date(Date.now() + 86_400_000).toISOString();
    const vote = (await agents.admin.post(`/api/axes/${talkAxisId}/votes`).send({ question: 'Adopte-t-on ?', kind: 'consent', secret: false, closesAt }).expect(201)).body;
    return { voteId: vote.id };
  }

  async function freshAxis(): Promise<string> {
    const created = await agents.admin.post(`/api/plans/${ids.planId}/axes`).send({ title: 'Axe jetable' }).expect(201);
    return created.body.id;
  }

  async function freshMember(): Promise<string> {
    return (await createAccount(testApp, { workspaceId: ids.workspaceId, role: 'member' })).id;
  }

  const ROUTES: RouteCase[] = [
    {
      route: 'GET /api/plans',
      allowed: ['admin', 'moderator', 'member', 'observer'],
      status: 200,
      mutates: false,
      call: (agent) => agent.get('/api/plans'),
    },
    {
      route: 'POST /api/plans',
      allowed: ['admin', 'moderator'],
      status: 201,
      mutates: true,
      call: (agent, _, actor) => agent.post('/api/plans').send({ workspaceId: ids.workspaceId, title: `Plan créé par ${actor}` }),
    },
    {
      route: 'GET /api/plans/:id',
      allowed: ['admin', 'moderator', 'member', 'observer'],
      status: 200,
      mutates: false,
      call: (agent) => agent.get(`/api/plans/${ids.planId}`),
    },
    {
      route: 'PATCH /api/plans/:id',
      allowed: ['admin', 'moderator'],
      status: 200,
      mutates: true,
      prepare: async () => ({
        planId: (await agents.admin.post('/api/plans').send({ workspaceId: ids.workspaceId, title: 'Plan jetable' }).expect(201)).body.id,
      }),
      call: (agent, context, actor) => agent.patch(`/api/plans/${context['planId']}`).send({ title: `Renommé par ${actor}`, status: 'voting' }),
    },
    {
      route: 'POST /api/plans/:id/axes',
      allowed: ['admin', 'moderator'],
      status: 201,
      mutates: true,
      call: (agent, _, actor) => agent.post(`/api/plans/${ids.planId}/axes`).send({ title: `Axe créé par ${actor}`, position: 0 }),
    },
    {
      route: 'GET /api/axes/:id',
      allowed: ['admin', 'moderator', 'member', 'observer'],
      status: 200,
      mutates: false,
      call: (agent) => agent.get(`/api/axes/${rootAxisId}`),
    },
    {
      route: 'PATCH /api/axes/:id',
      allowed: ['admin', 'moderator'],
      status: 200,
      mutates: true,
      prepare: async () => ({ axisId: await freshAxis() }),
      call: (agent, context, actor) =>
        agent.patch(`/api/axes/${context['axisId']}`).send({ title: `Retitré par ${actor}`, description: 'Nouvelle description', status: 'open' }),
    },
    {
      route: 'POST /api/axes/:id/move',
      allowed: ['admin', 'moderator'],
      status: 200,
      mutates: true,
      prepare: async () => ({ axisId: await freshAxis() }),
      call: (agent, context) => agent.post(`/api/axes/${context['axisId']}/move`).send({ parentId: rootAxisId, position: 0 }),
    },
    {
      route: 'POST /api/axes/:id/archive',
      allowed: ['admin', 'moderator'],
      status: 200,
      mutates: true,
      prepare: async () => ({ axisId: await freshAxis() }),
      call: (agent, context) => agent.post(`/api/axes/${context['axisId']}/archive`),
    },
    {
      route: 'POST /api/axes/:id/restore',
      allowed: ['admin', 'moderator'],
      status: 200,
      mutates: true,
      prepare: async () => {
        const axisId = await freshAxis();
        await agents.admin.post(`/api/axes/${axisId}/archive`).expect(200);
        return { axisId };
      },
      call: (agent, context) => agent.post(`/api/axes/${context['axisId']}/restore`),
    },
    {
      route: 'GET /api/workspaces/:id/members',
      allowed: ['admin', 'moderator', 'member'],
      status: 200,
      mutates: false,
      call: (agent) => agent.get(`/api/workspaces/${ids.workspaceId}/members`),
    },
    {
      route: 'POST /api/workspaces/:id/invitations',
      allowed: ['admin'],
      status: 201,
      mutates: true,
      call: (agent) => agent.post(`/api/workspaces/${ids.workspaceId}/invitations`).send({ email: uniqueEmail('invite'), role: 'moderator' }),
    },
    {
      route: 'PATCH /api/workspaces/:id/members/:userId',
      allowed: ['admin'],
      status: 200,
      mutates: true,
      prepare: async () => ({ userId: await freshMember() }),
      call: (agent, context) => agent.patch(`/api/workspaces/${ids.workspaceId}/members/${context['userId']}`).send({ role: 'admin' }),
    },
    {
      route: 'DELETE /api/workspaces/:id/members/:userId',
      allowed: ['admin'],
      status: 204,
      mutates: true,
      prepare: async () => ({ userId: await freshMember() }),
      call: (agent, context) => agent.delete(`/api/workspaces/${ids.workspaceId}/members/${context['userId']}`),
    },
    {
      route: 'PATCH /api/auth/me',
      allowed: ['admin', 'moderator', 'member', 'observer'],
      status: 200,
      mutates: true,
      call: (agent, _, actor) => agent.patch('/api/auth/me').send({ jobTitle: `Fonction de ${actor}` }),
    },
    {
      route: 'GET /api/axes/:id/threads',
      allowed: ['admin', 'moderator', 'member', 'observer'],
      status: 200,
      mutates: false,
      call: (agent) => agent.get(`/api/axes/${talkAxisId}/threads`),
    },
    {
      route: 'POST /api/axes/:id/threads',
      allowed: ['admin', 'moderator', 'member'],
      status: 201,
      mutates: true,
      call: (agent, _, actor) => agent.post(`/api/axes/${talkAxisId}/threads`).send({ body: `Ouverte par ${actor}` }),
    },
    {
      route: 'POST /api/threads/:id/comments',
      allowed: ['admin', 'moderator', 'member'],
      status: 201,
      mutates: true,
      prepare: () => freshThread(),
      call: (agent, context, actor) => agent.post(`/api/threads/${context['threadId']}/comments`).send({ body: `Réponse de ${actor}` }),
    },
    {
      route: 'POST /api/threads/:id/resolve',
      allowed: ['admin', 'moderator'],
      status: 200,
      mutates: true,
      prepare: () => freshThread(),
      call: (agent, context) => agent.post(`/api/threads/${context['threadId']}/resolve`),
    },
    {
      route: 'PUT /api/threads/:id/disposition',
      allowed: ['admin', 'moderator'],
      status: 200,
      mutates: true,
      prepare: () => freshThread(),
      call: (agent, context) => agent.put(`/api/threads/${context['threadId']}/disposition`).send({ disposition: 'repondu' }),
    },
    {
      route: 'PATCH /api/comments/:id (own)',
      allowed: ['admin', 'moderator', 'member'],
      status: 200,
      mutates: true,
      prepare: (actor) => freshThread(actor),
      call: (agent, context, actor) => agent.patch(`/api/comments/${context['commentId']}`).send({ body: `Modifié par ${actor}` }),
    },
    {
      route: 'DELETE /api/comments/:id (own)',
      allowed: ['admin', 'moderator', 'member'],
      status: 200,
      mutates: true,
      prepare: (actor) => freshThread(actor),
      call: (agent, context) => agent.delete(`/api/comments/${context['commentId']}`),
    },
    {
      route: 'GET /api/notifications',
      allowed: ['admin', 'moderator', 'member', 'observer'],
      status: 200,
      mutates: false,
      call: (agent) => agent.get('/api/notifications'),
    },
    {
      route: 'GET /api/plans/:id/activity',
      allowed: ['admin', 'moderator', 'member', 'observer'],
      status: 200,
      mutates: false,
      call: (agent) => agent.get(`/api/plans/${ids.planId}/activity`),
    },
    {
      route: 'POST /api/axes/:id/votes',
      allowed: ['admin', 'moderator'],
      status: 201,
      mutates: true,
      call: (agent, _, actor) =>
        agent
          .post(`/api/axes/${talkAxisId}/votes`)
          .send({ question: `Vote ouvert par ${actor} ?`, kind: 'consent', secret: false, closesAt: new Date(Date.now() + 86_400_000).toISOString() }),
    },
    {
      route: 'PUT /api/votes/:id/ballot',
      allowed: ['admin', 'moderator', 'member'],
      status: 200,
      mutates: true,
      prepare: () => freshVote(),
      call: (agent, context) => agent.put(`/api/votes/${context['voteId']}/ballot`).send({ option: 'pour' }),
    },
    {
      route: 'POST /api/votes/:id/close',
      allowed: ['admin', 'moderator'],
      status: 200,
      mutates: true,
      prepare: () => freshVote(),
      call: (agent, context) => agent.post(`/api/votes/${context['voteId']}/close`),
    },
  ];

  it('covers the 27 routes of the matrix', () => {
    expect(ROUTES.map((route) => route.route)).toHaveLength(27);
  });

  const cases = ROUTES.flatMap((route) =>
    ACTORS.map((actor) => {
      const expected = actor === 'signed-out' ? 401 : route.allowed.includes(actor) ? route.status : 403;
      return { route, actor, expected };
    }),
  );

  it.each(cases.map((entry) => [entry.route.route, entry.actor, entry.expected, entry] as const))(
    '%s as %s answers %i',
    async (_route, actor, expected, { route }) => {
      const context = route.prepare ? await route.prepare(actor) : {};
      const before = await snapshot();
      const response = await route.call(agents[actor], context, actor);
      expect(response.status).toBe(expected);
      const after = await snapshot();
      if (expected === 401) expect(response.body.code).toBe('UNAUTHENTICATED');
      if (expected === 403) expect(response.body.code).toBe('FORBIDDEN');
      if (expected >= 400 || !route.mutates) {
        expect(after).toEqual(before);
      } else {
        expect(after).not.toEqual(before);
      }
    },
  );

  it('lets a signed-in user of the workspace read what they may, and shows only its plans', async () => {
    const observerPlans: PlanSummary[] = (await agents.observer.get('/api/plans').expect(200)).body;
    expect(observerPlans.every((plan) => plan.workspaceId === ids.workspaceId)).toBe(true);
    expect(observerPlans.map((plan) => plan.id)).toContain(ids.planId);
  });

  describe('a user of another workspace', () => {
    let outsider: request.Agent;
    let outsiderWorkspaceId: string;

    beforeAll(async () => {
      const account = await createOutsider(testApp);
      outsiderWorkspaceId = account.workspaceId;
      outsider = await testApp.signIn(account.email, account.password);
    });

    it('does not see the plans of the demo workspace in its list', async () => {
      const response = await outsider.get('/api/plans');
      expect(response.status).toBe(200);
      expect(response.body).toEqual([]);
    });

    it('gets 404 (not 403) on the plan, its axes and the members list, and cannot tell them from missing ones', async () => {
      const plan = await outsider.get(`/api/plans/${ids.planId}`);
      expect(plan.status).toBe(404);
      expect(plan.body.code).toBe('NOT_FOUND');
      const missingPlan = await outsider.get(`/api/plans/${randomUUID()}`);
      expect(plan.body).toEqual(missingPlan.body);

      for (const axisId of [rootAxisId, childAxisId]) {
        const axis = await outsider.get(`/api/axes/${axisId}`);
        expect([axisId, axis.status, axis.body.code]).toEqual([axisId, 404, 'NOT_FOUND']);
      }

      const members = await outsider.get(`/api/workspaces/${ids.workspaceId}/members`);
      expect(members.status).toBe(404);
      expect(members.body.code).toBe('NOT_FOUND');
      expect(JSON.stringify(members.body)).not.toContain(DEMO_EMAILS.admin);
    });

    it('gets 404 on every change it tries in the demo workspace, and nothing changes', async () => {
      const before = await snapshot();
      const attempts: Array<[string, () => request.Test]> = [
        ['POST plans', () => outsider.post('/api/plans').send({ workspaceId: ids.workspaceId, title: 'Intrus' })],
        ['PATCH plan', () => outsider.patch(`/api/plans/${ids.planId}`).send({ title: 'Intrus' })],
        ['POST axes', () => outsider.post(`/api/plans/${ids.planId}/axes`).send({ title: 'Intrus' })],
        ['PATCH axis', () => outsider.patch(`/api/axes/${rootAxisId}`).send({ title: 'Intrus' })],
        ['move', () => outsider.post(`/api/axes/${childAxisId}/move`).send({ parentId: null, position: 0 })],
        ['archive', () => outsider.post(`/api/axes/${rootAxisId}/archive`)],
        ['restore', () => outsider.post(`/api/axes/${rootAxisId}/restore`)],
        ['invite', () => outsider.post(`/api/workspaces/${ids.workspaceId}/invitations`).send({ email: uniqueEmail('intrus'), role: 'admin' })],
        ['change role', () => outsider.patch(`/api/workspaces/${ids.workspaceId}/members/${ids.userIds[DEMO_EMAILS.admin]}`).send({ role: 'observer' })],
        ['remove', () => outsider.delete(`/api/workspaces/${ids.workspaceId}/members/${ids.userIds[DEMO_EMAILS.admin]}`)],
        ['open thread', () => outsider.post(`/api/axes/${talkAxisId}/threads`).send({ body: 'Intrus' })],
        ['open vote', () => outsider.post(`/api/axes/${talkAxisId}/votes`).send({ question: 'Intrus ?', kind: 'consent', secret: false, closesAt: '2100-01-01T00:00:00.000Z' })],
        ['list threads', () => outsider.get(`/api/axes/${talkAxisId}/threads`)],
        ['plan activity', () => outsider.get(`/api/plans/${ids.planId}/activity`)],
      ];
      for (const [name, attempt] of attempts) {
        const response = await attempt();
        expect([name, response.status]).toEqual([name, 404]);
      }
      expect(await snapshot()).toEqual(before);
    });

    it('works the other way too: the demo admin gets 404 on the other workspace', async () => {
      const response = await agents.admin.get(`/api/workspaces/${outsiderWorkspaceId}/members`);
      expect(response.status).toBe(404);
      const invite = await agents.admin.post(`/api/workspaces/${outsiderWorkspaceId}/invitations`).send({ email: uniqueEmail('x'), role: 'admin' });
      expect(invite.status).toBe(404);
      const ownList = await outsider.get(`/api/workspaces/${outsiderWorkspaceId}/members`);
      expect(ownList.status).toBe(200);
      expect(ownList.body.members.map((member: { displayName: string }) => member.displayName)).toEqual(['Extérieur']);
    });
  });
});
