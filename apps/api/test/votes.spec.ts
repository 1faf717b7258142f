import { MembershipsRepository, PasswordHasher, SessionService, UsersRepository } from '@miroir/api/auth';
import { DEMO_ACCOUNTS } from '@miroir/api/demo-seed';
import { VoteEvents, VotesService, type VoteEvent } from '@miroir/api/votes';
import {
  COLLECTIVITE_TYPES,
  POPULATION_BANDS,
  SESSION_COOKIE_NAME,
  type OpenVoteRequest,
  type VoteDetail,
  type VoteParticipation,
  type VoteSummary,
  type WorkspaceRole,
} from '@miroir/shared/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_EMAILS, agentsByRole, createOutsider, demoIds, sessionAgent, uniqueEmail, type Actor, type DemoIds } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const ACTORS: Actor[] = ['admin', 'moderator', 'member', 'observer', 'signed-out'];

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

/** Status, code, and the first field error's field and whether it broke `constraint`. */
function fieldOf(response: request.Response, constraint: string): [number, string, string | undefined, boolean] {
  const field = response.body.fields?.[0];
  return [response.status, response.body.code, field?.field, Boolean(field?.constraints?.includes(constraint))];
}

describe('votes', () => {
  let testApp: TestApp;
  let agents: Record<Actor, request.Agent>;
  let membre2: request.Agent;
  let membre3: request.Agent;
  let ids: DemoIds;
  let axisId: string;
  let dataSource: DataSource;
  let events: VoteEvent[];

  beforeAll(async () => {
    testApp = await startTestApp({ BALLOT_SECRET: randomBytes(32).toString('base64url') });
    agents = await agentsByRole(testApp);
    membre2 = await sessionAgent(testApp, 'membre2@miroir.test');
    membre3 = await sessionAgent(testApp, 'membre3@miroir.test');
    ids = await demoIds(agents.admin);
    const plan = (await agents.admin.get(`/api/plans/${ids.planId}`).expect(200)).body;
    axisId = plan.axes[2].id;
    dataSource = testApp.app.get(DataSource);
    events = [];
    testApp.app.get(VoteEvents).events.subscribe((event) => events.push(event));
  }, 60_000);
  afterAll(() => testApp.close());

  async function open(overrides: Partial<OpenVoteRequest> = {}, agent: request.Agent = agents.moderator): Promise<VoteDetail> {
    const body: OpenVoteRequest = { question: 'Adoptez-vous la proposition ?', kind: 'consent', secret: false, closesAt: inDays(7), ...overrides };
    const response = await agent.post(`/api/axes/${axisId}/votes`).send(body);
    expect([response.status, response.body.fields]).toEqual([201, undefined]);
    return response.body;
  }

  async function read(voteId: string, agent: request.Agent = agents.member): Promise<VoteDetail> {
    const response = await agent.get(`/api/votes/${voteId}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  /** Every ballot and participation row of a vote, straight from the tables. */
  async function rows(voteId: string): Promise<{ ballots: Array<Record<string, unknown>>; participations: Array<Record<string, unknown>> }> {
    return {
      ballots: await dataSource.query(`SELECT * FROM ballots WHERE vote_id = $1 ORDER BY id`, [voteId]),
      participations: await dataSource.query(`SELECT * FROM vote_participations WHERE vote_id = $1 ORDER BY user_id`, [voteId]),
    };
  }

  describe('opening a vote', () => {
    it('lets a moderator open a consent vote, with its fixed options and nobody having voted', async () => {
      const before = events.length;
      const vote = await open({ quorum: 0.5, quorumAllTypes: true });
      expect(vote).toMatchObject({
        axisId,
        question: 'Adoptez-vous la proposition ?',
        kind: 'consent',
        options: [
          { id: 'pour', label: 'Pour' },
          { id: 'abstention', label: 'Abstention' },
          { id: 'contre', label: 'Contre' },
          { id: 'objection', label: 'Objection' },
        ],
        budget: null,
        secret: false,
        resultsVisibleBeforeClose: false,
        quorum: 0.5,
        quorumAllTypes: true,
        closedAt: null,
        status: 'open',
        openedBy: { userId: ids.userIds[DEMO_EMAILS.moderator], displayName: 'Julien Roumanille' },
        voters: 0,
        // admin, moderator and the three members; not the observer.
        eligible: 5,
        hasVoted: false,
        myBallot: null,
        results: null,
      });
      expect(events.slice(before)).toEqual([{ type: 'opened', voteId: vote.id, axisId, workspaceId: ids.workspaceId, voters: 0, eligible: 5 }]);
    });

    it('gives other kinds their options in order, and a dot vote its budget', async () => {
      const vote = await open({ kind: 'dot', options: [' Axe 1 ', 'Axe 2', 'Axe 3'], budget: 5 }, agents.admin);
      expect(vote.options).toEqual([
        { id: 'o1', label: 'Axe 1' },
        { id: 'o2', label: 'Axe 2' },
        { id: 'o3', label: 'Axe 3' },
      ]);
      expect(vote.budget).toBe(5);
    });

    it('refuses bad input with a 400 naming the field, and creates nothing', async () => {
      const before: VoteSummary[] = (await agents.moderator.get(`/api/axes/${axisId}/votes`).expect(200)).body;
      const base = { question: 'Question ?', kind: 'single_choice', options: ['A', 'B'], secret: false, closesAt: inDays(3) };
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ ...base, question: undefined }, 'question', 'isNotEmpty'],
        [{ ...base, question: '   ' }, 'question', 'isNotEmpty'],
        [{ ...base, kind: 'plurality' }, 'kind', 'isIn'],
        [{ ...base, options: ['A'] }, 'options', 'optionCount'],
        [{ ...base, options: ['A', 'a'] }, 'options.1', 'duplicateOption'],
        [{ ...base, kind: 'consent' }, 'options', 'notAllowed'],
        [{ ...base, kind: 'dot' }, 'budget', 'budgetRange'],
        [{ ...base, budget: 3 }, 'budget', 'notAllowed'],
        [{ ...base, quorum: 1.5 }, 'quorum', 'quorumRange'],
        [{ ...base, closesAt: inDays(-1) }, 'closesAt', 'future'],
        [{ ...base, closesAt: 'demain' }, 'closesAt', 'isIso8601'],
        [{ ...base, secret: true, resultsVisibleBeforeClose: true }, 'resultsVisibleBeforeClose', 'secretLiveResults'],
        [{ ...base, secret: undefined }, 'secret', 'isBoolean'],
        [{ ...base, anonymous: true }, 'anonymous', 'whitelistValidation'],
      ];
      for (const [body, field, constraint] of cases) {
        const response = await agents.moderator.post(`/api/axes/${axisId}/votes`).send(body);
        expect([field, constraint, ...fieldOf(response, constraint)]).toEqual([field, constraint, 400, 'VALIDATION_FAILED', field, true]);
      }
      expect((await agents.moderator.get(`/api/axes/${axisId}/votes`).expect(200)).body).toEqual(before);
    });

    it('answers 404 for an unknown axis and 400 for an id that is not a UUID', async () => {
      const unknown = await agents.moderator.post(`/api/axes/${randomUUID()}/votes`).send({ question: 'Q ?', kind: 'consent', secret: false, closesAt: inDays(1) });
      expect([unknown.status, unknown.body.code]).toEqual([404, 'NOT_FOUND']);
      const malformed = await agents.moderator.get('/api/axes/pas-un-uuid/votes');
      expect(fieldOf(malformed, 'invalid')).toEqual([400, 'VALIDATION_FAILED', 'axisId', true]);
      const vote = await agents.moderator.get('/api/votes/pas-un-uuid');
      expect(fieldOf(vote, 'invalid')).toEqual([400, 'VALIDATION_FAILED', 'voteId', true]);
    });
  });

  describe('every role × every route', () => {
    interface RouteCase {
      route: string;
      allowed: WorkspaceRole[];
      status: number;
      call: (agent: request.Agent, voteId: string) => request.Test;
    }
    const ROUTES: RouteCase[] = [
      {
        route: 'POST /api/axes/:id/votes',
        allowed: ['admin', 'moderator'],
        status: 201,
        call: (agent) => agent.post(`/api/axes/${axisId}/votes`).send({ question: 'Q ?', kind: 'consent', secret: true, closesAt: inDays(1) }),
      },
      { route: 'GET /api/axes/:id/votes', allowed: ['admin', 'moderator', 'member', 'observer'], status: 200, call: (agent) => agent.get(`/api/axes/${axisId}/votes`) },
      { route: 'GET /api/votes/:id', allowed: ['admin', 'moderator', 'member', 'observer'], status: 200, call: (agent, voteId) => agent.get(`/api/votes/${voteId}`) },
      {
        route: 'GET /api/votes/:id/participation',
        allowed: ['admin', 'moderator', 'member', 'observer'],
        status: 200,
        call: (agent, voteId) => agent.get(`/api/votes/${voteId}/participation`),
      },
      {
        route: 'PUT /api/votes/:id/ballot',
        allowed: ['admin', 'moderator', 'member'],
        status: 200,
        call: (agent, voteId) => agent.put(`/api/votes/${voteId}/ballot`).send({ option: 'pour' }),
      },
      { route: 'POST /api/votes/:id/close', allowed: ['admin', 'moderator'], status: 200, call: (agent, voteId) => agent.post(`/api/votes/${voteId}/close`) },
    ];
    const cases = ROUTES.flatMap((route) =>
      ACTORS.map((actor) => [route.route, actor, actor === 'signed-out' ? 401 : route.allowed.includes(actor) ? route.status : 403, route] as const),
    );

    it.each(cases)('%s as %s answers %i, and a refusal changes nothing', async (_name, actor, expected, route) => {
      const vote = await open();
      const before = { vote: await read(vote.id, agents.admin), list: (await agents.admin.get(`/api/axes/${axisId}/votes`)).body, rows: await rows(vote.id) };
      const response = await route.call(agents[actor], vote.id);
      expect(response.status).toBe(expected);
      if (expected === 401) expect(response.body.code).toBe('UNAUTHENTICATED');
      if (expected === 403) expect(response.body.code).toBe('FORBIDDEN');
      if (expected >= 400) {
        expect({ vote: await read(vote.id, agents.admin), list: (await agents.admin.get(`/api/axes/${axisId}/votes`)).body, rows: await rows(vote.id) }).toEqual(before);
      }
    });

    it('answers 404 to a user of another workspace on every route, as for a vote that does not exist, and nothing changes', async () => {
      const vote = await open();
      await agents.member.put(`/api/votes/${vote.id}/ballot`).send({ option: 'pour' }).expect(200);
      const account = await createOutsider(testApp);
      const outsider = await testApp.signIn(account.email, account.password);
      const before = { vote: await read(vote.id, agents.admin), rows: await rows(vote.id) };
      const attempts: Array<[string, () => request.Test]> = [
        ['open', () => outsider.post(`/api/axes/${axisId}/votes`).send({ question: 'Intrus ?', kind: 'consent', secret: false, closesAt: inDays(1) })],
        ['list', () => outsider.get(`/api/axes/${axisId}/votes`)],
        ['get', () => outsider.get(`/api/votes/${vote.id}`)],
        ['participation', () => outsider.get(`/api/votes/${vote.id}/participation`)],
        ['cast', () => outsider.put(`/api/votes/${vote.id}/ballot`).send({ option: 'contre' })],
        ['close', () => outsider.post(`/api/votes/${vote.id}/close`)],
      ];
      for (const [name, attempt] of attempts) {
        const response = await attempt();
        expect([name, response.status, response.body.code]).toEqual([name, 404, 'NOT_FOUND']);
      }
      const missing = await outsider.get(`/api/votes/${randomUUID()}`);
      expect(missing.body).toEqual({ ...missing.body, statusCode: 404, code: 'NOT_FOUND' });
      expect((await outsider.get(`/api/votes/${vote.id}`)).body).toEqual(missing.body);
      expect({ vote: await read(vote.id, agents.admin), rows: await rows(vote.id) }).toEqual(before);
    });

    it('hides the votes of an archived axis from members (404) but not from moderators', async () => {
      const created = await agents.admin.post(`/api/plans/${ids.planId}/axes`).send({ title: 'Axe bientôt archivé' }).expect(201);
      const body = { question: 'Q ?', kind: 'consent', secret: false, closesAt: inDays(1) };
      const vote: VoteDetail = (await agents.moderator.post(`/api/axes/${created.body.id}/votes`).send(body).expect(201)).body;
      await agents.admin.post(`/api/axes/${created.body.id}/archive`).expect(200);
      expect((await agents.member.get(`/api/votes/${vote.id}`)).status).toBe(404);
      expect((await agents.member.put(`/api/votes/${vote.id}/ballot`).send({ option: 'pour' })).status).toBe(404);
      expect((await agents.member.get(`/api/axes/${created.body.id}/votes`)).status).toBe(404);
      expect((await agents.moderator.get(`/api/votes/${vote.id}`)).status).toBe(200);
    });
  });

  describe('casting a ballot', () => {
    it('records the ballot, shows it to its author and counts the participation', async () => {
      const vote = await open();
      const before = events.length;
      const response = await agents.member.put(`/api/votes/${vote.id}/ballot`).send({ option: 'pour' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ hasVoted: true, myBallot: { option: 'pour' }, voters: 1, eligible: 5, results: null });
      expect(events.slice(before)).toEqual([{ type: 'ballot', voteId: vote.id, axisId, workspaceId: ids.workspaceId, voters: 1, eligible: 5 }]);
      expect(await read(vote.id, membre2)).toMatchObject({ hasVoted: false, myBallot: null, voters: 1 });
    });

    it('changes a ballot in place: still one row per member', async () => {
      const vote = await open();
      await agents.member.put(`/api/votes/${vote.id}/ballot`).send({ option: 'pour' }).expect(200);
      const changed = await agents.member.put(`/api/votes/${vote.id}/ballot`).send({ option: 'objection', reason: '  Le calendrier est irréaliste  ' });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ myBallot: { option: 'objection', reason: 'Le calendrier est irréaliste' }, voters: 1 });
      const { ballots, participations } = await rows(vote.id);
      expect(ballots).toHaveLength(1);
      expect(ballots[0]).toMatchObject({ user_id: ids.userIds[DEMO_EMAILS.member], secret: false, choice: { option: 'objection', reason: 'Le calendrier est irréaliste' } });
      expect(participations).toEqual([{ vote_id: vote.id, user_id: ids.userIds[DEMO_EMAILS.member] }]);
    });

    it('refuses invalid ballots with a 400 naming the field, leaving the previous ballot as it was', async () => {
      const consent = await open();
      await agents.member.put(`/api/votes/${consent.id}/ballot`).send({ option: 'pour' }).expect(200);
      const dot = await open({ kind: 'dot', options: ['A', 'B', 'C'], budget: 5 });
      await agents.member.put(`/api/votes/${dot.id}/ballot`).send({ points: { o1: 2, o2: 3 } }).expect(200);
      const ranking = await open({ kind: 'ranking', options: ['A', 'B', 'C'] });
      const score = await open({ kind: 'score', options: ['A', 'B'] });
      const before = { consent: await rows(consent.id), dot: await rows(dot.id), ranking: await rows(ranking.id), score: await rows(score.id) };

      const cases: Array<[string, Record<string, unknown>, string, string]> = [
        [consent.id, { option: 'objection' }, 'reason', 'reasonRequired'],
        [consent.id, { option: 'objection', reason: '   ' }, 'reason', 'reasonRequired'],
        [consent.id, { option: 'peut-être' }, 'option', 'unknownOption'],
        [consent.id, {}, 'option', 'required'],
        [consent.id, { option: 'pour', ranking: ['pour'] }, 'ranking', 'notAllowed'],
        [consent.id, { option: 'pour', couleur: 'bleu' }, 'couleur', 'whitelistValidation'],
        [dot.id, { points: { o1: 4, o2: 2 } }, 'points', 'overBudget'],
        [dot.id, { points: { o9: 1 } }, 'points.o9', 'unknownOption'],
        [dot.id, { points: { o1: -1, o2: 2 } }, 'points.o1', 'isInt'],
        [ranking.id, { ranking: ['o1', 'o2'] }, 'ranking', 'incompleteRanking'],
        [ranking.id, { ranking: ['o1', 'o2', 'o4'] }, 'ranking.2', 'unknownOption'],
        [score.id, { scores: { o1: 6 } }, 'scores.o1', 'scoreRange'],
        [score.id, { scores: 'o1' }, 'scores', 'isObject'],
      ];
      for (const [voteId, body, field, constraint] of cases) {
        const response = await agents.member.put(`/api/votes/${voteId}/ballot`).send(body);
        expect([field, constraint, ...fieldOf(response, constraint)]).toEqual([field, constraint, 400, 'VALIDATION_FAILED', field, true]);
      }
      expect({ consent: await rows(consent.id), dot: await rows(dot.id), ranking: await rows(ranking.id), score: await rows(score.id) }).toEqual(before);
      expect((await read(dot.id)).myBallot).toEqual({ points: { o1: 2, o2: 3 } });
    });

    it('answers 404 for a vote that does not exist', async () => {
      const response = await agents.member.put(`/api/votes/${randomUUID()}/ballot`).send({ option: 'pour' });
      expect([response.status, response.body.code]).toEqual([404, 'NOT_FOUND']);
    });
  });

  describe('results', () => {
    it('stay hidden before closing unless the vote shows them, then come with named ballots', async () => {
      const hidden = await open({ kind: 'single_choice', options: ['Printemps', 'Automne'] });
      await agents.member.put(`/api/votes/${hidden.id}/ballot`).send({ option: 'o2' }).expect(200);
      expect((await read(hidden.id, agents.admin)).results).toBeNull();

      const live = await open({ kind: 'single_choice', options: ['Printemps', 'Automne'], resultsVisibleBeforeClose: true });
      await agents.member.put(`/api/votes/${live.id}/ballot`).send({ option: 'o2' }).expect(200);
      await membre2.put(`/api/votes/${live.id}/ballot`).send({ option: 'o1' }).expect(200);
      const results = (await read(live.id, agents.observer)).results;
      expect(results).toMatchObject({ ballots: 2, leading: ['o1', 'o2'], tie: true });
      expect(results?.options.map((option) => [option.optionId, option.count, option.percentage, option.rank])).toEqual([
        ['o1', 1, 50, 1],
        ['o2', 1, 50, 1],
      ]);
      expect(results?.namedBallots).toEqual([
        { userId: ids.userIds['membre2@miroir.test'], displayName: 'Antoine Bérard', choice: { option: 'o1' } },
        { userId: ids.userIds[DEMO_EMAILS.member], displayName: 'Claire Mistral', choice: { option: 'o2' } },
      ]);
    });

    it('tallies a Borda ranking with its points', async () => {
      const vote = await open({ kind: 'ranking', options: ['A', 'B', 'C'], quorum: 0.6 });
      await agents.member.put(`/api/votes/${vote.id}/ballot`).send({ ranking: ['o1', 'o2', 'o3'] }).expect(200);
      await membre2.put(`/api/votes/${vote.id}/ballot`).send({ ranking: ['o2', 'o1', 'o3'] }).expect(200);
      await membre3.put(`/api/votes/${vote.id}/ballot`).send({ ranking: ['o2', 'o3', 'o1'] }).expect(200);
      const closed: VoteDetail = (await agents.moderator.post(`/api/votes/${vote.id}/close`).expect(200)).body;
      expect(closed.results?.options.map((option) => [option.optionId, option.points, option.rank])).toEqual([
        ['o1', 3, 2],
        ['o2', 5, 1],
        ['o3', 1, 3],
      ]);
      expect(closed.results?.quorum).toEqual({ share: 0.6, required: 3, allTypes: false, missingTypes: [], reached: true });
    });
  });

  describe('closing', () => {
    it('lets a moderator close early; the results are then visible and a second close is refused', async () => {
      const vote = await open({ kind: 'consent' });
      await agents.member.put(`/api/votes/${vote.id}/ballot`).send({ option: 'objection', reason: 'Pas de budget' }).expect(200);
      await membre2.put(`/api/votes/${vote.id}/ballot`).send({ option: 'pour' }).expect(200);
      const before = events.length;
      const response = await agents.moderator.post(`/api/votes/${vote.id}/close`);
      expect(response.status).toBe(200);
      const closed: VoteDetail = response.body;
      expect(closed).toMatchObject({ status: 'closed', voters: 2, eligible: 5 });
      expect(new Date(closed.closedAt as string).getTime()).toBeLessThanOrEqual(Date.now());
      expect(closed.results).toMatchObject({ ballots: 2, objections: ['Pas de budget'], consentGiven: false, leading: ['pour', 'objection'], tie: true });
      expect(events.slice(before)).toEqual([{ type: 'closed', voteId: vote.id, axisId, workspaceId: ids.workspaceId, voters: 2, eligible: 5 }]);

      const again = await agents.admin.post(`/api/votes/${vote.id}/close`);
      expect([again.status, again.body.code]).toEqual([409, 'VOTE_CLOSED']);
    });

    it('refuses ballots on a closed vote with 409 VOTE_CLOSED, and nothing changes', async () => {
      const vote = await open({ kind: 'single_choice', options: ['A', 'B'] });
      await agents.member.put(`/api/votes/${vote.id}/ballot`).send({ option: 'o1' }).expect(200);
      await agents.moderator.post(`/api/votes/${vote.id}/close`).expect(200);
      const before = { vote: await read(vote.id, agents.admin), rows: await rows(vote.id) };
      for (const [agent, body] of [
        [agents.member, { option: 'o2' }],
        [membre2, { option: 'o1' }],
        [membre2, { option: 'o9' }],
      ] as const) {
        const response = await agent.put(`/api/votes/${vote.id}/ballot`).send(body);
        expect([response.status, response.body.code, response.body.message]).toEqual([409, 'VOTE_CLOSED', expect.stringContaining('closed')]);
      }
      expect({ vote: await read(vote.id, agents.admin), rows: await rows(vote.id) }).toEqual(before);
    });

    it('closes by itself when its closing time has passed: ballots refused, closing date kept, results frozen', async () => {
      const vote = await open({ kind: 'single_choice', options: ['A', 'B'] });
      await agents.member.put(`/api/votes/${vote.id}/ballot`).send({ option: 'o1' }).expect(200);
      await dataSource.query(`UPDATE votes SET closes_at = now() - interval '1 minute' WHERE id = $1`, [vote.id]);
      const [{ closes_at: closesAt }] = await dataSource.query(`SELECT closes_at FROM votes WHERE id = $1`, [vote.id]);

      const late = await membre2.put(`/api/votes/${vote.id}/ballot`).send({ option: 'o2' });
      expect([late.status, late.body.code]).toEqual([409, 'VOTE_CLOSED']);
      const closed = await read(vote.id);
      expect(closed).toMatchObject({ status: 'closed', closedAt: closesAt.toISOString(), voters: 1 });
      expect(closed.results).toMatchObject({ ballots: 1, leading: ['o1'] });
      const close = await agents.moderator.post(`/api/votes/${vote.id}/close`);
      expect([close.status, close.body.code]).toEqual([409, 'VOTE_CLOSED']);

      // New members after the close change neither the electorate nor the results.
      await testApp.app.get(MembershipsRepository).add(ids.workspaceId, (await newUser('Arrivée tardive')).id, 'member');
      expect((await read(vote.id)).results?.participation).toEqual(closed.results?.participation);
      expect((await agents.member.get(`/api/votes/${vote.id}/participation`)).body).toMatchObject({ voters: 1, eligible: 5, status: 'closed' });
      await dataSource.query(`DELETE FROM memberships WHERE workspace_id = $1 AND user_id IN (SELECT id FROM users WHERE display_name = 'Arrivée tardive')`, [ids.workspaceId]);
    });

    it('is swept by the periodic closing too', async () => {
      const vote = await open();
      await dataSource.query(`UPDATE votes SET closes_at = now() - interval '1 second' WHERE id = $1`, [vote.id]);
      expect(await testApp.app.get(VotesService).closeDueVotes()).toBeGreaterThanOrEqual(1);
      const [row] = await dataSource.query(`SELECT closed_at, results FROM votes WHERE id = $1`, [vote.id]);
      expect(row.closed_at).not.toBeNull();
      expect(row.results).toMatchObject({ kind: 'consent', ballots: 0 });
    });
  });

  describe('secret ballots', () => {
    const everyIdentity = () => [
      ...Object.values(ids.userIds),
      ...DEMO_ACCOUNTS.flatMap((account) => [account.email, account.displayName]),
    ];

    it('never expose who voted what: not in the results, not to the admin, not in the tables', async () => {
      const vote = await open({ kind: 'consent', secret: true });
      await agents.member.put(`/api/votes/${vote.id}/ballot`).send({ option: 'objection', reason: 'Le budget manque' }).expect(200);
      await membre2.put(`/api/votes/${vote.id}/ballot`).send({ option: 'pour' }).expect(200);
      await membre3.put(`/api/votes/${vote.id}/ballot`).send({ option: 'contre' }).expect(200);
      await membre3.put(`/api/votes/${vote.id}/ballot`).send({ option: 'abstention' }).expect(200);
      await agents.admin.put(`/api/votes/${vote.id}/ballot`).send({ option: 'pour' }).expect(200);

      // While open: each voter (only) sees their own ballot; results stay hidden, even to the admin.
      expect(await read(vote.id, agents.member)).toMatchObject({ hasVoted: true, myBallot: { option: 'objection', reason: 'Le budget manque' }, results: null });
      expect(await read(vote.id, membre3)).toMatchObject({ myBallot: { option: 'abstention' } });
      expect(await read(vote.id, agents.moderator)).toMatchObject({ hasVoted: false, myBallot: null, results: null, voters: 4 });

      const open_ = await rows(vote.id);
      expect(open_.ballots).toHaveLength(4);
      for (const ballot of open_.ballots) {
        expect(ballot).toMatchObject({ secret: true, user_id: null, updated_at: null });
        expect(typeof ballot['voter_key']).toBe('string');
        for (const identity of everyIdentity()) expect(JSON.stringify(ballot)).not.toContain(identity);
      }
      // Who voted is known (turnout), but that table has no choice in it.
      expect(open_.participations.map((row) => Object.keys(row).sort())).toEqual(Array(4).fill(['user_id', 'vote_id']));

      await agents.moderator.post(`/api/votes/${vote.id}/close`).expect(200);
      const forAdmin = await agents.admin.get(`/api/votes/${vote.id}`).expect(200);
      const results = forAdmin.body.results;
      expect(results).toMatchObject({ ballots: 4, objections: ['Le budget manque'], consentGiven: false, leading: ['pour'] });
      expect(results.namedBallots).toBeUndefined();
      for (const identity of everyIdentity()) expect(JSON.stringify(results)).not.toContain(identity);
      // Closing erased the link: even the voter's own ballot can no longer be found.
      expect(await read(vote.id, agents.member)).toMatchObject({ hasVoted: true, myBallot: null });

      const closed = await rows(vote.id);
      expect(closed.ballots).toHaveLength(4);
      for (const ballot of closed.ballots) expect(ballot).toMatchObject({ secret: true, user_id: null, voter_key: null, updated_at: null });
      expect(closed.ballots.map((ballot) => ballot['choice'])).toEqual(expect.arrayContaining([{ option: 'pour' }, { option: 'pour' }, { option: 'abstention' }]));
      // No ballot row of the secret vote kept its id (rows were rewritten), so no earlier export lines up either.
      const openIds = new Set(open_.ballots.map((ballot) => ballot['id']));
      expect(closed.ballots.filter((ballot) => openIds.has(ballot['id']))).toEqual([]);

      // Nothing in the whole database ties a user to one of these choices: only the participation
      // table mentions voters, and it holds no choice.
      const joined = await dataSource.query(
        `SELECT count(*)::int AS count FROM ballots b JOIN vote_participations p ON p.vote_id = b.vote_id WHERE b.vote_id = $1 AND (b.user_id = p.user_id OR b.voter_key = p.user_id::text)`,
        [vote.id],
      );
      expect(joined[0].count).toBe(0);
    });

    it('refuses a secret ballot with a user id at the database level', async () => {
      const vote = await open({ secret: true });
      await expect(
        dataSource.query(`INSERT INTO ballots (vote_id, secret, user_id, choice) VALUES ($1, true, $2, '{"option":"pour"}')`, [vote.id, ids.userIds[DEMO_EMAILS.member]]),
      ).rejects.toThrow(/ballots_secret_unlinked/);
      // Nor can a named row carry a voter key, and a named row cannot be slipped into a secret vote.
      await expect(dataSource.query(`INSERT INTO ballots (vote_id, secret, voter_key, choice) VALUES ($1, false, 'x', '{"option":"pour"}')`, [vote.id])).rejects.toThrow(
        /ballots_secret_unlinked/,
      );
      await expect(
        dataSource.query(`INSERT INTO ballots (vote_id, secret, user_id, choice, updated_at) VALUES ($1, false, $2, '{"option":"pour"}', now())`, [
          vote.id,
          ids.userIds[DEMO_EMAILS.member],
        ]),
      ).rejects.toThrow(/ballots_vote/);
    });

    it('refuses a second ballot of one member at the database level', async () => {
      const vote = await open();
      await agents.member.put(`/api/votes/${vote.id}/ballot`).send({ option: 'pour' }).expect(200);
      await expect(
        dataSource.query(`INSERT INTO ballots (vote_id, secret, user_id, choice, updated_at) VALUES ($1, false, $2, '{"option":"contre"}', now())`, [
          vote.id,
          ids.userIds[DEMO_EMAILS.member],
        ]),
      ).rejects.toThrow(/ballots_one_per_member/);
    });
  });

  describe('participation', () => {
    it('is broken down by collectivité type and population band, as the demo profiles say', async () => {
      const vote = await open({ kind: 'single_choice', options: ['A', 'B'], secret: true });
      await agents.member.put(`/api/votes/${vote.id}/ballot`).send({ option: 'o1' }).expect(200); // commune, 10 000–20 000
      await agents.admin.put(`/api/votes/${vote.id}/ballot`).send({ option: 'o2' }).expect(200); // autre, no band
      const response = await agents.observer.get(`/api/votes/${vote.id}/participation`);
      expect(response.status).toBe(200);
      const turnout: VoteParticipation = response.body;
      expect(turnout).toEqual({
        voteId: vote.id,
        status: 'open',
        voters: 2,
        eligible: 5,
        rate: 0.4,
        byCollectiviteType: [
          { key: 'commune', voters: 1, eligible: 1, rate: 1 },
          { key: 'epci', voters: 0, eligible: 1, rate: 0 },
          { key: 'departement', voters: 0, eligible: 1, rate: 0 },
          { key: 'autre', voters: 1, eligible: 2, rate: 0.5 },
        ],
        byPopulationBand: [
          { key: '10000_20000', voters: 1, eligible: 1, rate: 1 },
          { key: '50000_100000', voters: 0, eligible: 1, rate: 0 },
          { key: 'gt_100000', voters: 0, eligible: 1, rate: 0 },
          { key: null, voters: 1, eligible: 2, rate: 0.5 },
        ],
      });
      // The expected groups follow from the seed itself: every eligible (non-observer) demo account.
      const eligible = DEMO_ACCOUNTS.filter((account) => account.role !== 'observer');
      expect(turnout.byCollectiviteType.map((group) => [group.key, group.eligible])).toEqual(
        COLLECTIVITE_TYPES.map((type) => [type, eligible.filter((account) => account.collectiviteType === type).length]).filter(([, count]) => count),
      );
      expect(turnout.byPopulationBand.filter((group) => group.key !== null).map((group) => [group.key, group.eligible])).toEqual(
        POPULATION_BANDS.map((band) => [band, eligible.filter((account) => account.populationBand === band).length]).filter(([, count]) => count),
      );
    });

    it('decides a quorum that requires every type: missed while the département has not voted', async () => {
      const vote = await open({ kind: 'consent', quorum: 0.6, quorumAllTypes: true });
      for (const agent of [agents.admin, agents.member, membre2]) await agent.put(`/api/votes/${vote.id}/ballot`).send({ option: 'pour' }).expect(200);
      const closed: VoteDetail = (await agents.moderator.post(`/api/votes/${vote.id}/close`).expect(200)).body;
      expect(closed.results?.quorum).toEqual({ share: 0.6, required: 3, allTypes: true, missingTypes: ['departement'], reached: false });
      expect(closed.results).toMatchObject({ consentGiven: true, ballots: 3 });
    });
  });

  describe('50 members voting at once', () => {
    const COUNT = 50;
    let voters: Array<{ id: string; cookie: string }>;

    beforeAll(async () => {
      const passwordHash = await testApp.app.get(PasswordHasher).hash('mot-de-passe-de-test');
      voters = [];
      for (let index = 0; index < COUNT; index += 1) {
        const user = await testApp.app.get(UsersRepository).create({
          email: uniqueEmail('votant'),
          passwordHash,
          displayName: `Votant ${index + 1}`,
          jobTitle: 'DGS',
          collectivite: `Commune ${index + 1}`,
          collectiviteType: COLLECTIVITE_TYPES[index % COLLECTIVITE_TYPES.length],
          populationBand: POPULATION_BANDS[index % POPULATION_BANDS.length],
        });
        await testApp.app.get(MembershipsRepository).add(ids.workspaceId, user.id, 'member');
        const session = await testApp.app.get(SessionService).issue(user.id);
        voters.push({ id: user.id, cookie: `${SESSION_COOKIE_NAME}=${session.token}` });
      }
    }, 60_000);

    function put(voteId: string, cookie: string, body: object): request.Test {
      return request(testApp.app.getHttpServer()).put(`/api/votes/${voteId}/ballot`).set('Cookie', cookie).send(body);
    }

    it.each([
      ['secret', true],
      ['named', false],
    ])('%s dot vote: exactly one ballot each is counted, duplicates and changes included', async (_name, secret) => {
      const vote = await open({ kind: 'dot', options: ['Axe 1', 'Axe 2', 'Axe 3'], budget: 3, secret });
      // Everyone at once, and the first 20 a second time concurrently, with another choice.
      const first = voters.map((voter) => put(vote.id, voter.cookie, { points: { o1: 3 } }));
      const duplicates = voters.slice(0, 20).map((voter) => put(vote.id, voter.cookie, { points: { o2: 3 } }));
      const responses = await Promise.all([...first, ...duplicates]);
      expect(responses.map((response) => response.status)).toEqual(Array(COUNT + 20).fill(200));

      const { ballots, participations } = await rows(vote.id);
      expect(ballots).toHaveLength(COUNT);
      expect(participations).toHaveLength(COUNT);
      expect(new Set(participations.map((row) => row['user_id']))).toEqual(new Set(voters.map((voter) => voter.id)));
      if (secret) expect(new Set(ballots.map((ballot) => ballot['voter_key'])).size).toBe(COUNT);
      else expect(new Set(ballots.map((ballot) => ballot['user_id']))).toEqual(new Set(voters.map((voter) => voter.id)));

      const closed: VoteDetail = (await agents.moderator.post(`/api/votes/${vote.id}/close`).expect(200)).body;
      expect(closed.results?.ballots).toBe(COUNT);
      expect(closed.results?.participation).toMatchObject({ voters: COUNT, eligible: COUNT + 5 });
      // 30 voters gave 3 points to o1; each of the first 20 ended with whichever of its two ballots committed last.
      const points = closed.results?.options.map((option) => option.points ?? 0) ?? [];
      expect(points.reduce((total, value) => total + value, 0)).toBe(3 * COUNT);
      expect(points[0]).toBeGreaterThanOrEqual(3 * 30);
      expect(closed.results?.namedBallots?.length ?? 0).toBe(secret ? 0 : COUNT);
      // 10 of the new members are communes (50 cycling over 5 types), plus the demo's commune.
      expect(closed.results?.participation.byCollectiviteType.find((group) => group.key === 'commune')).toEqual({
        key: 'commune',
        voters: 10,
        eligible: 11,
        rate: 10 / 11,
      });
    }, 60_000);
  });

  async function createUser(displayName: string, index: number): Promise<{ id: string }> {
    const passwordHash = await testApp.app.get(PasswordHasher).hash('mot-de-passe-de-test');
    return testApp.app.get(UsersRepository).create({
      email: uniqueEmail(`utilisateur-${index}`),
      passwordHash,
      displayName,
      jobTitle: null,
      collectivite: null,
      collectiviteType: null,
      populationBand: null,
    });
  }

  async function newUser(displayName: string): Promise<{ id: string }> {
    return createUser(displayName, 0);
  }

  describe('a closed axis', () => {
    it('refuses opening a vote with 409 AXIS_CLOSED, and creates nothing', async () => {
      const closedAxisId = (await agents.admin.post(`/api/plans/${ids.planId}/axes`).send({ title: 'Axe clos' }).expect(201)).body.id;
      await agents.moderator.patch(`/api/axes/${closedAxisId}`).send({ status: 'closed' }).expect(200);
      const eventsBefore = events.length;
      const refused = await agents.moderator
        .post(`/api/axes/${closedAxisId}/votes`)
        .send({ question: 'Trop tard ?', kind: 'consent', secret: false, closesAt: inDays(1) });
      expect([refused.status, refused.body.code]).toEqual([409, 'AXIS_CLOSED']);
      expect(await dataSource.query(`SELECT id FROM votes WHERE axis_id = $1`, [closedAxisId])).toEqual([]);
      expect(events.length).toBe(eventsBefore);
      // Rights first: a member still gets 403.
      const member = await agents.member.post(`/api/axes/${closedAxisId}/votes`).send({ question: 'Q ?', kind: 'consent', secret: false, closesAt: inDays(1) });
      expect(member.status).toBe(403);
    });

    it('cannot be reached while one of its votes is open: 409 VOTES_OPEN, then closes once the vote is closed', async () => {
      const axis = (await agents.admin.post(`/api/plans/${ids.planId}/axes`).send({ title: 'Axe avec un vote' }).expect(201)).body.id;
      const vote = (
        await agents.moderator.post(`/api/axes/${axis}/votes`).send({ question: 'Q ?', kind: 'consent', secret: false, closesAt: inDays(1) }).expect(201)
      ).body as VoteDetail;
      const refused = await agents.moderator.patch(`/api/axes/${axis}`).send({ status: 'closed' });
      expect([refused.status, refused.body.code]).toEqual([409, 'VOTES_OPEN']);
      expect((await agents.moderator.get(`/api/axes/${axis}`).expect(200)).body.status).not.toBe('closed');
      await agents.moderator.post(`/api/votes/${vote.id}/close`).expect(200);
      await agents.moderator.patch(`/api/axes/${axis}`).send({ status: 'closed' }).expect(200);
      const ballot = await agents.member.put(`/api/votes/${vote.id}/ballot`).send({ option: 'pour' });
      expect(ballot.status).toBe(409);
    });

    it('never closes with a vote opened during the close: votes racing the close either open and block it, or are refused', async () => {
      for (let round = 0; round < 10; round += 1) {
        const axis = (await agents.admin.post(`/api/plans/${ids.planId}/axes`).send({ title: `Course ${round}` }).expect(201)).body.id;
        const [close, ...opens] = await Promise.all([
          agents.moderator.patch(`/api/axes/${axis}`).send({ status: 'closed' }),
          ...Array.from({ length: 3 }, (_, index) =>
            agents.moderator.post(`/api/axes/${axis}/votes`).send({ question: `Q ${round}.${index} ?`, kind: 'consent', secret: false, closesAt: inDays(1) }),
          ),
        ]);
        const opened = opens.filter((response) => response.status === 201).length;
        const stored: Array<{ count: number }> = await dataSource.query(`SELECT count(*)::int AS count FROM votes WHERE axis_id = $1`, [axis]);
        expect(stored[0]?.count).toBe(opened);
        if (close.status === 200) {
          expect(opened).toBe(0);
          for (const response of opens) expect([response.status, response.body.code]).toEqual([409, 'AXIS_CLOSED']);
        } else {
          expect([close.status, close.body.code]).toEqual([409, 'VOTES_OPEN']);
          expect(opened).toBeGreaterThan(0);
        }
      }
    });
  });
});
