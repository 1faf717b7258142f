import { DEMO_AXES, DEMO_PLAN, type SeedAxis } from '@miroir/api/demo-seed';
import { TITLE_MAX_LENGTH, type AxisDetail, type AxisNode, type PlanDetail, type PlanSummary } from '@miroir/shared/contracts';
import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import { DEMO_EMAILS, expectContiguousPositions, findByTitle, flatten } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const ROOT_TITLES = [
  'Orientations régionales de la délégation CNFPT PACA',
  "1/ L'organisation ou la participation conjointes à des évènementiels d'actualité",
  "2/ L'animation et l'accompagnement du réseau de cadres dirigeants territoriaux",
  "3/ Autres dispositifs d'accompagnement",
];
const ANIMATION = "2/ L'animation et l'accompagnement du réseau de cadres dirigeants territoriaux";
const PROFESSIONNALISATION = 'Professionnalisation du cadre dirigeant';
const PROFESSIONNALISATION_ACTIONS = [
  "Échange de pratique et expérimentation d'outils d'intelligence collective",
  'Journée de sensibilisation au co-développement',
  'Itinéraire CODEV à destination d’un groupe de 10/12 dirigeants de Vaucluse et du nord des Bouches-du-Rhône',
  "Programmation de journées thématiques ou journées d'actualité visant au décryptage de l'actualité juridique et réglementaire",
];

function countSeed(axes: SeedAxis[]): number {
  return axes.reduce((sum, axis) => sum + 1 + countSeed(axis.children ?? []), 0);
}

/** The tree reduced to what a move may change: ids, parents, positions, kinds. */
function shape(nodes: AxisNode[]): unknown {
  return nodes.map((node) => ({ id: node.id, parentId: node.parentId, position: node.position, kind: node.kind, children: shape(node.children) }));
}

describe('plans and their tree of axes', () => {
  let testApp: TestApp;
  let moderator: request.Agent;
  let member: request.Agent;
  let planId: string;

  async function tree(agent: request.Agent = moderator): Promise<PlanDetail> {
    const response = await agent.get(`/api/plans/${planId}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  beforeAll(async () => {
    testApp = await startTestApp();
    moderator = await testApp.signIn(DEMO_EMAILS.moderator);
    member = await testApp.signIn(DEMO_EMAILS.member);
    planId = (await member.get('/api/plans').expect(200)).body[0].id;
  });
  afterAll(() => testApp.close());

  describe('reading the demo plan', () => {
    it('lists the demo plan with its count of axes', async () => {
      const response = await member.get('/api/plans');
      expect(response.status).toBe(200);
      const plans: PlanSummary[] = response.body;
      expect(plans).toHaveLength(1);
      expect(plans[0]).toMatchObject({
        id: planId,
        title: "Plan d'action opérationnel Vaucluse — partenariat SNDGCT-CNFPT",
        description: DEMO_PLAN.description,
        status: 'open',
        axisCount: 28,
      });
      expect(countSeed(DEMO_AXES)).toBe(28);
      expect(new Date(plans[0].updatedAt).toISOString()).toBe(plans[0].updatedAt);
    });

    it('returns the nested tree with kinds by depth and the French titles, in order', async () => {
      const plan = await tree(member);
      expect(plan.id).toBe(planId);
      expect(plan.axisCount).toBe(28);
      expect(plan.axes.map((axis) => axis.title)).toEqual(ROOT_TITLES);
      expect(plan.axes.map((axis) => axis.position)).toEqual([0, 1, 2, 3]);

      const ecologie = findByTitle(plan.axes, 'Accompagner les transitions écologiques');
      expect(ecologie).toMatchObject({ kind: 'sub_axis', parentId: plan.axes[0].id, position: 0, status: 'open', archived: false });
      expect(ecologie.description).toContain('la gestion et le partage de la ressource en eau');

      const animation = findByTitle(plan.axes, ANIMATION);
      expect(animation).toMatchObject({ kind: 'axis', parentId: null, position: 2 });
      expect(animation.children.map((child) => child.title)).toEqual([
        PROFESSIONNALISATION,
        'Accompagnement des transformations dans les organisations',
        'Accompagnement de projets liés à la transition écologique',
      ]);
      const professionnalisation = animation.children[0];
      expect(professionnalisation.kind).toBe('sub_axis');
      expect(professionnalisation.children.map((child) => child.title)).toEqual(PROFESSIONNALISATION_ACTIONS);
      expect(professionnalisation.children.map((child) => child.kind)).toEqual(['action', 'action', 'action', 'action']);

      const all = flatten(plan.axes);
      expect(all).toHaveLength(28);
      expect(all.every((node) => node.planId === planId)).toBe(true);
      const kinds = all.reduce<Record<string, number>>((counts, node) => ({ ...counts, [node.kind]: (counts[node.kind] ?? 0) + 1 }), {});
      expect(kinds).toEqual({ axis: 4, sub_axis: 10, action: 14 });
      expect(findByTitle(plan.axes, "Colloque transition écologique et gestion des risques organisé le 4 juillet 2024 à l'ENSOSP").status).toBe('closed');
      expectContiguousPositions(plan);
    });

    it('returns an axis with its breadcrumbs and children', async () => {
      const plan = await tree(member);
      const professionnalisation = findByTitle(plan.axes, PROFESSIONNALISATION);
      const response = await member.get(`/api/axes/${professionnalisation.id}`);
      expect(response.status).toBe(200);
      const axis: AxisDetail = response.body;
      expect(axis).toMatchObject({ id: professionnalisation.id, kind: 'sub_axis', title: PROFESSIONNALISATION, status: 'open', archived: false });
      expect(axis.plan).toEqual({ id: planId, title: plan.title, status: 'open', workspaceId: plan.workspaceId });
      expect(axis.breadcrumbs).toEqual([{ id: plan.axes[2].id, title: ANIMATION, kind: 'axis' }]);
      expect(axis.children.map((child) => [child.title, child.kind, child.position])).toEqual(
        PROFESSIONNALISATION_ACTIONS.map((title, index) => [title, 'action', index]),
      );

      const action = await member.get(`/api/axes/${professionnalisation.children[1].id}`);
      expect(action.status).toBe(200);
      expect(action.body.kind).toBe('action');
      expect(action.body.children).toEqual([]);
      expect(action.body.breadcrumbs.map((crumb: { title: string; kind: string }) => [crumb.title, crumb.kind])).toEqual([
        [ANIMATION, 'axis'],
        [PROFESSIONNALISATION, 'sub_axis'],
      ]);
    });

    it('answers 404 for an unknown plan or axis', async () => {
      const plan = await member.get(`/api/plans/${randomUUID()}`);
      expect([plan.status, plan.body.code]).toEqual([404, 'NOT_FOUND']);
      const axis = await member.get(`/api/axes/${randomUUID()}`);
      expect([axis.status, axis.body.code]).toEqual([404, 'NOT_FOUND']);
    });
  });

  describe('editing', () => {
    it('lets the moderator create a root axis, appended last', async () => {
      const response = await moderator.post(`/api/plans/${planId}/axes`).send({ title: 'Nouvel axe de travail' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        title: 'Nouvel axe de travail',
        description: '',
        status: 'draft',
        kind: 'axis',
        parentId: null,
        position: 4,
        archived: false,
        breadcrumbs: [],
        children: [],
      });
      const plan = await tree();
      expect(plan.axes.map((axis) => axis.title)).toEqual([...ROOT_TITLES, 'Nouvel axe de travail']);
      expect(plan.axisCount).toBe(29);
    });

    it('creates a child at a given position and renumbers its siblings', async () => {
      const parent = findByTitle((await tree()).axes, PROFESSIONNALISATION);
      const response = await moderator
        .post(`/api/plans/${planId}/axes`)
        .send({ title: 'Atelier de codéveloppement', description: 'Trois séances', status: 'open', parentId: parent.id, position: 1 });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ kind: 'action', parentId: parent.id, position: 1, status: 'open', description: 'Trois séances' });
      expect(response.body.breadcrumbs.map((crumb: { title: string }) => crumb.title)).toEqual([ANIMATION, PROFESSIONNALISATION]);

      const after = findByTitle((await tree()).axes, PROFESSIONNALISATION);
      expect(after.children.map((child) => child.title)).toEqual([
        PROFESSIONNALISATION_ACTIONS[0],
        'Atelier de codéveloppement',
        ...PROFESSIONNALISATION_ACTIONS.slice(1),
      ]);
      expect(after.children.map((child) => child.position)).toEqual([0, 1, 2, 3, 4]);
    });

    it('appends a child when the position is past the end', async () => {
      const parent = findByTitle((await tree()).axes, 'Accompagnement des transformations dans les organisations');
      const response = await moderator.post(`/api/plans/${planId}/axes`).send({ title: 'En dernier', parentId: parent.id, position: 99 });
      expect(response.status).toBe(201);
      expect(response.body.position).toBe(2);
      expectContiguousPositions(await tree());
    });

    it('edits the title, description and status of an axis', async () => {
      const target = findByTitle((await tree()).axes, 'Accompagner les transitions professionnelles');
      const response = await moderator
        .patch(`/api/axes/${target.id}`)
        .send({ title: 'Accompagner les transitions professionnelles et les mobilités', description: 'Texte revu', status: 'voting' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ title: 'Accompagner les transitions professionnelles et les mobilités', description: 'Texte revu', status: 'voting' });
      const reread = await member.get(`/api/axes/${target.id}`);
      expect(reread.body).toMatchObject({
        title: 'Accompagner les transitions professionnelles et les mobilités',
        description: 'Texte revu',
        status: 'voting',
        position: target.position,
        parentId: target.parentId,
      });
    });

    it('edits one field without touching the others', async () => {
      const target = findByTitle((await tree()).axes, 'Accompagner les collectivités dans leurs transformations');
      await moderator.patch(`/api/axes/${target.id}`).send({ status: 'closed' }).expect(200);
      const reread = (await member.get(`/api/axes/${target.id}`)).body;
      expect(reread).toMatchObject({ title: target.title, description: target.description, status: 'closed' });
    });

    it('edits the plan itself', async () => {
      const updatedBefore = (await tree()).updatedAt;
      const response = await moderator.patch(`/api/plans/${planId}`).send({ status: 'voting', description: 'Version de travail' });
      expect(response.status).toBe(200);
      expect(Date.parse(response.body.updatedAt)).toBeGreaterThan(Date.parse(updatedBefore));
      expect(response.body).toMatchObject({ status: 'voting', description: 'Version de travail', title: DEMO_PLAN.title });
      const listed: PlanSummary[] = (await member.get('/api/plans')).body;
      expect(listed[0]).toMatchObject({ status: 'voting', description: 'Version de travail' });
      await moderator.patch(`/api/plans/${planId}`).send({ status: 'open' }).expect(200);
    });

    it('lets the moderator create a plan, which starts empty', async () => {
      const workspaceId = (await tree()).workspaceId;
      const response = await moderator.post('/api/plans').send({ workspaceId, title: 'Plan 2025-2026' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ workspaceId, title: 'Plan 2025-2026', description: '', status: 'draft', axisCount: 0, axes: [] });
      const titles = ((await member.get('/api/plans')).body as PlanSummary[]).map((plan) => plan.title);
      expect(titles).toEqual([DEMO_PLAN.title, 'Plan 2025-2026']);
    });
  });

  describe('validation', () => {
    async function expectInvalid(response: request.Response, field: string): Promise<void> {
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(response.body.fields.map((error: { field: string }) => error.field)).toEqual([field]);
    }

    it('refuses bad axis input naming the field, and creates nothing', async () => {
      const before = await tree();
      const create = (body: object) => moderator.post(`/api/plans/${planId}/axes`).send(body);
      await expectInvalid(await create({ title: '' }), 'title');
      await expectInvalid(await create({}), 'title');
      await expectInvalid(await create({ title: 'x'.repeat(TITLE_MAX_LENGTH + 1) }), 'title');
      await expectInvalid(await create({ title: 'Ok', status: 'archived' }), 'status');
      await expectInvalid(await create({ title: 'Ok', position: -1 }), 'position');
      await expectInvalid(await create({ title: 'Ok', position: 1.5 }), 'position');
      await expectInvalid(await create({ title: 'Ok', parentId: 'not-a-uuid' }), 'parentId');
      await expectInvalid(await create({ title: 'Ok', parentId: randomUUID() }), 'parentId');
      await expectInvalid(await create({ title: 'Ok', color: 'red' }), 'color');
      await expectInvalid(await create({ title: 42 }), 'title');
      expect(await tree()).toEqual(before);
    });

    it('accepts a title of exactly the maximum length', async () => {
      const response = await moderator.post(`/api/plans/${planId}/axes`).send({ title: 'é'.repeat(TITLE_MAX_LENGTH) });
      expect(response.status).toBe(201);
      expect(response.body.title).toHaveLength(TITLE_MAX_LENGTH);
      await moderator.post(`/api/axes/${response.body.id}/archive`).expect(200);
    });

    it('refuses bad edits naming the field, and changes nothing', async () => {
      const before = await tree();
      const target = before.axes[0];
      await expectInvalid(await moderator.patch(`/api/axes/${target.id}`).send({ title: '' }), 'title');
      await expectInvalid(await moderator.patch(`/api/axes/${target.id}`).send({ status: 'done' }), 'status');
      await expectInvalid(await moderator.patch(`/api/axes/${target.id}`).send({ parentId: null }), 'parentId');
      await expectInvalid(await moderator.patch(`/api/plans/${planId}`).send({ title: 'x'.repeat(TITLE_MAX_LENGTH + 1) }), 'title');
      await expectInvalid(await moderator.patch(`/api/plans/${planId}`).send({ workspaceId: randomUUID() }), 'workspaceId');
      expect(await tree()).toEqual(before);
    });

    it('refuses null for a field that cannot be empty, and changes nothing', async () => {
      const before = await tree();
      const target = before.axes[0];
      await expectInvalid(await moderator.patch(`/api/axes/${target.id}`).send({ title: null }), 'title');
      await expectInvalid(await moderator.patch(`/api/axes/${target.id}`).send({ status: null }), 'status');
      await expectInvalid(await moderator.patch(`/api/axes/${target.id}`).send({ description: null }), 'description');
      await expectInvalid(await moderator.patch(`/api/plans/${planId}`).send({ title: null }), 'title');
      expect(await tree()).toEqual(before);
    });

    it('accepts an empty edit as a no-op', async () => {
      const before = await tree();
      const target = before.axes[1];
      const axis = await moderator.patch(`/api/axes/${target.id}`).send({});
      expect(axis.status).toBe(200);
      expect(axis.body.title).toBe(target.title);
      const plan = await moderator.patch(`/api/plans/${planId}`).send({});
      expect(plan.status).toBe(200);
      expect(plan.body.title).toBe(before.title);
      expect(shape((await tree()).axes)).toEqual(shape(before.axes));
    });

    it('names a path parameter that is not a UUID', async () => {
      await expectInvalid(await member.get('/api/axes/not-a-uuid'), 'axisId');
      await expectInvalid(await member.get('/api/plans/123'), 'planId');
      await expectInvalid(await moderator.post('/api/axes/xyz/move').send({ parentId: null, position: 0 }), 'axisId');
      await expectInvalid(await moderator.post('/api/plans/nope/axes').send({ title: 'x' }), 'planId');
    });

    it('refuses a malformed move body naming the field', async () => {
      const target = (await tree()).axes[0];
      await expectInvalid(await moderator.post(`/api/axes/${target.id}/move`).send({ parentId: null }), 'position');
      await expectInvalid(await moderator.post(`/api/axes/${target.id}/move`).send({ position: 0 }), 'parentId');
      await expectInvalid(await moderator.post(`/api/axes/${target.id}/move`).send({ parentId: 'abc', position: 0 }), 'parentId');
    });
  });

  describe('moving', () => {
    it('refuses to move an axis under an action, changing nothing', async () => {
      const before = await tree();
      const action = findByTitle(before.axes, PROFESSIONNALISATION_ACTIONS[0]);
      const leafAxis = findByTitle(before.axes, 'Accompagner les transitions écologiques');
      const response = await moderator.post(`/api/axes/${leafAxis.id}/move`).send({ parentId: action.id, position: 0 });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('AXIS_MOVE_INVALID');
      expect(response.body.fields).toEqual([expect.objectContaining({ field: 'parentId', constraints: ['too_deep'] })]);
      expect(await tree()).toEqual(before);
    });

    it('refuses to create an axis under an action', async () => {
      const before = await tree();
      const action = findByTitle(before.axes, PROFESSIONNALISATION_ACTIONS[0]);
      const response = await moderator.post(`/api/plans/${planId}/axes`).send({ title: 'Trop profond', parentId: action.id });
      expect([response.status, response.body.code]).toEqual([400, 'AXIS_MOVE_INVALID']);
      expect(await tree()).toEqual(before);
    });

    it('refuses to move an axis under itself or its own descendant, changing nothing', async () => {
      const before = await tree();
      const animation = findByTitle(before.axes, ANIMATION);
      const professionnalisation = findByTitle(before.axes, PROFESSIONNALISATION);
      for (const parentId of [animation.id, professionnalisation.id]) {
        const response = await moderator.post(`/api/axes/${animation.id}/move`).send({ parentId, position: 0 });
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('AXIS_MOVE_INVALID');
        expect(response.body.fields).toEqual([expect.objectContaining({ field: 'parentId', constraints: ['self_or_descendant'] })]);
      }
      expect(await tree()).toEqual(before);
    });

    it('refuses a subtree that would grow past three levels, and a parent from another plan', async () => {
      const before = await tree();
      const animation = findByTitle(before.axes, ANIMATION);
      const otherRoot = before.axes[0];
      const deep = await moderator.post(`/api/axes/${animation.id}/move`).send({ parentId: otherRoot.id, position: 0 });
      expect([deep.status, deep.body.code, deep.body.fields?.[0]?.constraints]).toEqual([400, 'AXIS_MOVE_INVALID', ['too_deep']]);

      const other = await moderator.post('/api/plans').send({ workspaceId: before.workspaceId, title: 'Autre plan' }).expect(201);
      const foreign = await moderator.post(`/api/plans/${other.body.id}/axes`).send({ title: 'Axe ailleurs' }).expect(201);
      const cross = await moderator.post(`/api/axes/${otherRoot.id}/move`).send({ parentId: foreign.body.id, position: 0 });
      expect([cross.status, cross.body.code, cross.body.fields?.[0]?.constraints]).toEqual([400, 'AXIS_MOVE_INVALID', ['unknown_parent']]);
      const crossCreate = await moderator.post(`/api/plans/${planId}/axes`).send({ title: 'x', parentId: foreign.body.id });
      expect(crossCreate.status).toBe(400);
      expect(await tree()).toEqual(before);
    });

    it('reorders root axes', async () => {
      const before = await tree();
      const last = before.axes[before.axes.length - 1];
      const response = await moderator.post(`/api/axes/${last.id}/move`).send({ parentId: null, position: 0 });
      expect(response.status).toBe(200);
      const moved: PlanDetail = response.body;
      expect(moved.axes.map((axis) => axis.id)).toEqual([last.id, ...before.axes.slice(0, -1).map((axis) => axis.id)]);
      expect(moved.axes.map((axis) => axis.position)).toEqual(before.axes.map((_, index) => index));
      expect(await tree()).toEqual(moved);

      await moderator.post(`/api/axes/${last.id}/move`).send({ parentId: null, position: 1000 }).expect(200);
      expect((await tree()).axes.map((axis) => axis.id)).toEqual(before.axes.map((axis) => axis.id));
    });

    it('moves a sub-axis with its actions to another axis, renumbering both sibling lists', async () => {
      const before = await tree();
      const animation = findByTitle(before.axes, ANIMATION);
      const autres = findByTitle(before.axes, "3/ Autres dispositifs d'accompagnement");
      const transformations = findByTitle(before.axes, 'Accompagnement des transformations dans les organisations');
      const response = await moderator.post(`/api/axes/${transformations.id}/move`).send({ parentId: autres.id, position: 1 });
      expect(response.status).toBe(200);
      const after: PlanDetail = response.body;
      const newAutres = findByTitle(after.axes, autres.title);
      expect(newAutres.children.map((child) => child.title)).toEqual([
        "Groupe de réflexion sur l'évolution de l'offre de service du CNFPT",
        'Accompagnement des transformations dans les organisations',
        "Évaluation pédagogique conjointe des effets d'une formation",
      ]);
      expect(newAutres.children.map((child) => child.position)).toEqual([0, 1, 2]);
      const newAnimation = findByTitle(after.axes, animation.title);
      expect(newAnimation.children.map((child) => [child.title, child.position])).toEqual([
        [PROFESSIONNALISATION, 0],
        ['Accompagnement de projets liés à la transition écologique', 1],
      ]);
      const movedNode = findByTitle(after.axes, transformations.title);
      expect(movedNode.children.map((child) => child.title)).toEqual(transformations.children.map((child) => child.title));
      expect(movedNode.children.every((child) => child.kind === 'action')).toBe(true);
      expectContiguousPositions(after);
    });

    it('turns a leaf sub-axis into an action and an action into a root axis, kinds following depth', async () => {
      const before = await tree();
      const ecologie = findByTitle(before.axes, 'Accompagner les transitions écologiques');
      const sub = findByTitle(before.axes, 'Côté SNDGCT');
      await moderator.post(`/api/axes/${ecologie.id}/move`).send({ parentId: sub.id, position: 0 }).expect(200);
      const asAction = await member.get(`/api/axes/${ecologie.id}`);
      expect(asAction.body).toMatchObject({ kind: 'action', parentId: sub.id, position: 0 });
      expect(asAction.body.breadcrumbs.map((crumb: { kind: string }) => crumb.kind)).toEqual(['axis', 'sub_axis']);

      await moderator.post(`/api/axes/${ecologie.id}/move`).send({ parentId: null, position: 0 }).expect(200);
      const asRoot = await member.get(`/api/axes/${ecologie.id}`);
      expect(asRoot.body).toMatchObject({ kind: 'axis', parentId: null, position: 0, breadcrumbs: [] });
      expectContiguousPositions(await tree());
    });
  });

  describe('archiving', () => {
    let professionnalisation: AxisNode;

    beforeAll(async () => {
      professionnalisation = findByTitle((await tree()).axes, PROFESSIONNALISATION);
    });

    it('hides an archived axis and its subtree from members', async () => {
      const response = await moderator.post(`/api/axes/${professionnalisation.id}/archive`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: professionnalisation.id, archived: true });

      const memberTree = await tree(member);
      const visibleTitles = flatten(memberTree.axes).map((node) => node.title);
      expect(visibleTitles).not.toContain(PROFESSIONNALISATION);
      for (const title of PROFESSIONNALISATION_ACTIONS) expect(visibleTitles).not.toContain(title);
      expect(visibleTitles).toContain("2/ L'animation et l'accompagnement du réseau de cadres dirigeants territoriaux");

      const direct = await member.get(`/api/axes/${professionnalisation.id}`);
      expect([direct.status, direct.body.code]).toEqual([404, 'NOT_FOUND']);
      const child = await member.get(`/api/axes/${professionnalisation.children[0].id}`);
      expect([child.status, child.body.code]).toEqual([404, 'NOT_FOUND']);
      const parent = await member.get(`/api/axes/${professionnalisation.parentId}`);
      expect(parent.status).toBe(200);
      expect(parent.body.children.map((node: AxisNode) => node.id)).not.toContain(professionnalisation.id);
    });

    it('still shows it to the moderator, marked archived', async () => {
      const node = findByTitle((await tree(moderator)).axes, PROFESSIONNALISATION);
      expect(node.archived).toBe(true);
      expect(node.children.map((child) => child.id)).toEqual(professionnalisation.children.map((child) => child.id));
      const direct = await moderator.get(`/api/axes/${professionnalisation.id}`);
      expect(direct.status).toBe(200);
      expect(direct.body.archived).toBe(true);
      const child = await moderator.get(`/api/axes/${professionnalisation.children[0].id}`);
      expect(child.status).toBe(200);
    });

    it('restores it for everyone', async () => {
      const response = await moderator.post(`/api/axes/${professionnalisation.id}/restore`);
      expect(response.status).toBe(200);
      expect(response.body.archived).toBe(false);
      const node = findByTitle((await tree(member)).axes, PROFESSIONNALISATION);
      expect(node.archived).toBe(false);
      expect(node.children.map((child) => child.id)).toEqual(professionnalisation.children.map((child) => child.id));
      expect((await member.get(`/api/axes/${professionnalisation.children[0].id}`)).status).toBe(200);
    });

    it('leaves archived axes out of the count of axes', async () => {
      const created = await moderator.post(`/api/plans/${planId}/axes`).send({ title: 'À archiver' }).expect(201);
      const countBefore = (await tree(member)).axisCount;
      await moderator.post(`/api/axes/${created.body.id}/archive`).expect(200);
      expect((await tree(member)).axisCount).toBe(countBefore - 1);
      const listed: PlanSummary[] = (await member.get('/api/plans')).body;
      expect(listed.find((plan) => plan.id === planId)?.axisCount).toBe(countBefore - 1);
    });

    it('leaves the subtree of an archived axis out of the count too', async () => {
      const parent = await moderator.post(`/api/plans/${planId}/axes`).send({ title: 'Parent à archiver' }).expect(201);
      await moderator.post(`/api/plans/${planId}/axes`).send({ title: 'Enfant', parentId: parent.body.id }).expect(201);
      const countBefore = (await tree(member)).axisCount;
      await moderator.post(`/api/axes/${parent.body.id}/archive`).expect(200);
      expect((await tree(member)).axisCount).toBe(countBefore - 2);
      const listed: PlanSummary[] = (await member.get('/api/plans')).body;
      expect(listed.find((plan) => plan.id === planId)?.axisCount).toBe(countBefore - 2);
    });
  });

  describe('concurrency', () => {
    it('keeps sibling positions contiguous under parallel moves and creates', async () => {
      const before = await tree();
      const roots = before.axes;
      const animation = findByTitle(before.axes, ANIMATION);
      const operations: Array<() => request.Test> = [];
      for (let index = 0; index < 5; index += 1) {
        operations.push(() => moderator.post(`/api/plans/${planId}/axes`).send({ title: `Parallèle ${index}`, position: index % 3 }));
        operations.push(() => moderator.post(`/api/plans/${planId}/axes`).send({ title: `Sous-axe parallèle ${index}`, parentId: animation.id, position: 0 }));
      }
      roots.slice(0, 5).forEach((root, index) => {
        operations.push(() => moderator.post(`/api/axes/${root.id}/move`).send({ parentId: null, position: (index * 3) % roots.length }));
      });
      animation.children.forEach((child) => {
        operations.push(() => moderator.post(`/api/axes/${child.id}/move`).send({ parentId: animation.id, position: 0 }));
      });
      const responses = await Promise.all(operations.map((operation) => operation()));
      expect(responses.map((response) => response.status).sort()).toEqual(
        operations.map((_, index) => (index < 10 ? 201 : 200)).sort(),
      );

      const after = await tree();
      expectContiguousPositions(after);
      expect(after.axes).toHaveLength(roots.length + 5);
      expect(findByTitle(after.axes, ANIMATION).children).toHaveLength(animation.children.length + 5);
      const titles = flatten(after.axes).map((node) => node.title);
      for (let index = 0; index < 5; index += 1) {
        expect(titles).toContain(`Parallèle ${index}`);
        expect(titles).toContain(`Sous-axe parallèle ${index}`);
      }
      expect(new Set(flatten(after.axes).map((node) => node.id)).size).toBe(flatten(before.axes).length + 10);
    });

    it('keeps positions contiguous when the same axes are moved across parents in parallel', async () => {
      const before = await tree();
      const subAxes = flatten(before.axes).filter((node) => node.kind === 'sub_axis' && node.children.length === 0 && !node.archived);
      const targets = before.axes.filter((axis) => !axis.archived).slice(0, 3);
      const responses = await Promise.all(
        subAxes.slice(0, 10).map((node, index) =>
          moderator.post(`/api/axes/${node.id}/move`).send({ parentId: targets[index % targets.length].id, position: index % 2 }),
        ),
      );
      expect(responses.every((response) => response.status === 200)).toBe(true);
      expect(responses.length).toBeGreaterThanOrEqual(3);
      const after = await tree();
      expectContiguousPositions(after);
      expect(flatten(after.axes)).toHaveLength(flatten(before.axes).length);
    });
  });
});
