import { SESSION_COOKIE_NAME, type CurrentUser, type InvitationCreated, type Member, type MembersPage } from '@miroir/shared/contracts';
import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import { DEMO_EMAILS, DEMO_WORKSPACE, createOutsider, demoIds, uniqueEmail, type DemoIds } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const DEMO_MEMBERS = [
  { email: 'admin@miroir.test', role: 'admin', displayName: 'Hélène Garcin', collectiviteType: 'autre', populationBand: null },
  { email: 'moderation@miroir.test', role: 'moderator', displayName: 'Julien Roumanille', collectiviteType: 'autre', populationBand: null },
  { email: 'membre1@miroir.test', role: 'member', displayName: 'Claire Mistral', collectiviteType: 'commune', populationBand: '10000_20000' },
  { email: 'membre2@miroir.test', role: 'member', displayName: 'Antoine Bérard', collectiviteType: 'epci', populationBand: '50000_100000' },
  { email: 'membre3@miroir.test', role: 'member', displayName: 'Nadia Ferrand', collectiviteType: 'departement', populationBand: 'gt_100000' },
  { email: 'observateur@miroir.test', role: 'observer', displayName: 'Paul Rigaud', collectiviteType: 'autre', populationBand: null },
];

/** The token at the end of an invitation link. */
function tokenOf(created: InvitationCreated): string {
  const match = /\/invitation\/([A-Za-z0-9_-]+)$/.exec(created.invitationUrl);
  if (!match) throw new Error(`No token in ${created.invitationUrl}`);
  return match[1];
}

describe('members and invitations', () => {
  let testApp: TestApp;
  let admin: request.Agent;
  let ids: DemoIds;
  let membersUrl: string;
  let invitationsUrl: string;

  async function invite(email: string, role = 'member'): Promise<InvitationCreated> {
    const response = await admin.post(invitationsUrl).send({ email, role });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function membersPage(agent: request.Agent = admin): Promise<MembersPage> {
    const response = await agent.get(membersUrl);
    expect(response.status).toBe(200);
    return response.body;
  }

  async function roleOf(email: string): Promise<string | undefined> {
    return (await membersPage()).members.find((member) => member.email === email)?.role;
  }

  beforeAll(async () => {
    testApp = await startTestApp();
    admin = await testApp.signIn(DEMO_EMAILS.admin);
    ids = await demoIds(admin);
    membersUrl = `/api/workspaces/${ids.workspaceId}/members`;
    invitationsUrl = `/api/workspaces/${ids.workspaceId}/invitations`;
  });
  afterAll(() => testApp.close());

  describe('the members list', () => {
    it('lists every demo member with their profile and role', async () => {
      const member = await testApp.signIn('membre2@miroir.test');
      const page = await membersPage(member);
      expect(page.workspaceId).toBe(ids.workspaceId);
      expect(page.workspaceName).toBe(DEMO_WORKSPACE);
      expect(page.members.map(({ email, role, displayName, collectiviteType, populationBand }) => ({ email, role, displayName, collectiviteType, populationBand }))).toEqual(
        DEMO_MEMBERS,
      );
      const claire = page.members.find((entry) => entry.email === 'membre1@miroir.test') as Member;
      expect(claire).toMatchObject({ jobTitle: 'DGS', collectivite: 'Commune de Sorgues', userId: ids.userIds['membre1@miroir.test'] });
      expect(new Date(claire.joinedAt).toISOString()).toBe(claire.joinedAt);
      expect(JSON.stringify(page)).not.toMatch(/password/i);
    });

    it('shows pending invitations to the admin only', async () => {
      const email = uniqueEmail('en-attente');
      const created = await invite(email, 'observer');
      const adminPage = await membersPage();
      expect(adminPage.invitations).toEqual([created.invitation]);
      expect(adminPage.invitations[0]).toMatchObject({ email, role: 'observer' });
      for (const who of [DEMO_EMAILS.moderator, DEMO_EMAILS.member]) {
        const page = await membersPage(await testApp.signIn(who));
        expect([who, page.invitations]).toEqual([who, []]);
        expect(page.members).toHaveLength(adminPage.members.length);
      }
      await admin.delete(`${invitationsUrl}/${created.invitation.id}`).expect(204);
      expect((await membersPage()).invitations).toEqual([]);
    });

    it('reflects a member updating their own profile, and refuses null for the display name', async () => {
      const member = await testApp.signIn('membre3@miroir.test');
      const updated = await member.patch('/api/auth/me').send({ jobTitle: 'DGS', collectivite: null, populationBand: '20000_50000' });
      expect(updated.status).toBe(200);
      const listed = (await membersPage()).members.find((entry) => entry.email === 'membre3@miroir.test');
      expect(listed).toMatchObject({ displayName: 'Nadia Ferrand', jobTitle: 'DGS', collectivite: null, populationBand: '20000_50000' });

      const nulled = await member.patch('/api/auth/me').send({ displayName: null });
      expect(nulled.status).toBe(400);
      expect(nulled.body.fields.map((field: { field: string }) => field.field)).toEqual(['displayName']);
      expect((await member.get('/api/auth/me')).body.displayName).toBe('Nadia Ferrand');
    });
  });

  describe('invitations', () => {
    const email = uniqueEmail('nouvelle.dgs');
    let created: InvitationCreated;
    let token: string;

    it('lets the admin invite an email and returns a link with a token', async () => {
      const response = await admin.post(invitationsUrl).send({ email: email.toUpperCase(), role: 'moderator' });
      expect(response.status).toBe(201);
      created = response.body;
      expect(created.invitation).toMatchObject({ email, role: 'moderator' });
      expect(created.invitation.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Date(created.invitation.expiresAt).getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
      expect(created.invitationUrl).toMatch(/^https?:\/\/[^/]+\/invitation\/[A-Za-z0-9_-]{43}$/);
      token = tokenOf(created);
    });

    it('previews the invitation without signing in', async () => {
      const response = await testApp.anonymous().get(`/api/invitations/${token}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ email, workspaceName: DEMO_WORKSPACE, role: 'moderator', accountExists: false });
    });

    it('refuses a short password naming the field, and keeps the invitation usable', async () => {
      const response = await testApp.anonymous().post(`/api/invitations/${token}/accept`).send({ password: 'court', displayName: 'Nouvelle DGS' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.fields.map((field: { field: string }) => field.field)).toEqual(['password']);
      expect(response.headers['set-cookie']).toBeUndefined();
      await testApp.anonymous().get(`/api/invitations/${token}`).expect(200);
    });

    it('requires a display name for a new account', async () => {
      const response = await testApp.anonymous().post(`/api/invitations/${token}/accept`).send({ password: 'un-mot-de-passe-solide' });
      expect(response.status).toBe(400);
      expect(response.body.fields.map((field: { field: string }) => field.field)).toEqual(['displayName']);
      await testApp.anonymous().get(`/api/invitations/${token}`).expect(200);
    });

    it('creates the account on acceptance, signs it in and gives it the invited role', async () => {
      const agent = testApp.anonymous();
      const response = await agent
        .post(`/api/invitations/${token}/accept`)
        .send({ password: 'un-mot-de-passe-solide', displayName: 'Nouvelle DGS', jobTitle: 'DGS', collectiviteType: 'commune' });
      expect(response.status).toBe(200);
      expect(String(response.headers['set-cookie'])).toContain(`${SESSION_COOKIE_NAME}=`);
      expect(response.body).toMatchObject({ email, displayName: 'Nouvelle DGS', jobTitle: 'DGS', collectiviteType: 'commune' });

      const me = await agent.get('/api/auth/me');
      expect(me.status).toBe(200);
      const user: CurrentUser = me.body;
      expect(user.email).toBe(email);
      expect(user.memberships).toEqual([{ workspaceId: ids.workspaceId, workspaceName: DEMO_WORKSPACE, role: 'moderator' }]);

      // The invited role is effective: a moderator may create axes.
      const planId = (await agent.get('/api/plans').expect(200)).body[0].id;
      await agent.post(`/api/plans/${planId}/axes`).send({ title: 'Axe de la nouvelle DGS' }).expect(201);

      const page = await membersPage();
      expect(page.members.find((member) => member.email === email)).toMatchObject({ role: 'moderator', displayName: 'Nouvelle DGS' });
      expect(page.invitations.map((invitation) => invitation.id)).not.toContain(created.invitation.id);

      await testApp.signIn(email, 'un-mot-de-passe-solide');
    });

    it('cannot be used twice', async () => {
      const preview = await testApp.anonymous().get(`/api/invitations/${token}`);
      expect([preview.status, preview.body.code]).toEqual([404, 'INVITATION_INVALID']);
      const again = await testApp.anonymous().post(`/api/invitations/${token}/accept`).send({ password: 'un-autre-mot-de-passe', displayName: 'Pirate' });
      expect([again.status, again.body.code]).toEqual([404, 'INVITATION_INVALID']);
      expect(again.headers['set-cookie']).toBeUndefined();
      await testApp.anonymous().post('/api/auth/login').send({ email, password: 'un-autre-mot-de-passe' }).expect(401);
    });

    it('answers 404 INVITATION_INVALID for an unknown token', async () => {
      const response = await testApp.anonymous().get('/api/invitations/not-a-real-token');
      expect([response.status, response.body.code]).toEqual([404, 'INVITATION_INVALID']);
    });

    it('stops working once revoked', async () => {
      const revoked = await invite(uniqueEmail('revoquee'));
      const revokedToken = tokenOf(revoked);
      await testApp.anonymous().get(`/api/invitations/${revokedToken}`).expect(200);
      const response = await admin.delete(`${invitationsUrl}/${revoked.invitation.id}`);
      expect(response.status).toBe(204);

      const preview = await testApp.anonymous().get(`/api/invitations/${revokedToken}`);
      expect([preview.status, preview.body.code]).toEqual([404, 'INVITATION_INVALID']);
      const accept = await testApp.anonymous().post(`/api/invitations/${revokedToken}/accept`).send({ password: 'un-mot-de-passe-solide', displayName: 'Trop tard' });
      expect([accept.status, accept.body.code]).toEqual([404, 'INVITATION_INVALID']);
      expect((await membersPage()).members.map((member) => member.email)).not.toContain(revoked.invitation.email);

      const twice = await admin.delete(`${invitationsUrl}/${revoked.invitation.id}`);
      expect([twice.status, twice.body.code]).toEqual([404, 'NOT_FOUND']);
    });

    it('refuses to invite someone who is already a member, whatever the case of the address', async () => {
      const before = await membersPage();
      for (const address of ['membre1@miroir.test', 'MEMBRE1@Miroir.Test', 'admin@miroir.test']) {
        const response = await admin.post(invitationsUrl).send({ email: address, role: 'observer' });
        expect([address, response.status, response.body.code]).toEqual([address, 409, 'CONFLICT']);
        expect(response.body.fields).toEqual([expect.objectContaining({ field: 'email', constraints: ['already_member'] })]);
      }
      expect(await membersPage()).toEqual(before);
    });

    it('refuses a malformed invitation naming the field', async () => {
      const badEmail = await admin.post(invitationsUrl).send({ email: 'pas-une-adresse', role: 'member' });
      expect([badEmail.status, badEmail.body.fields?.[0]?.field]).toEqual([400, 'email']);
      const badRole = await admin.post(invitationsUrl).send({ email: uniqueEmail('x'), role: 'owner' });
      expect([badRole.status, badRole.body.fields?.[0]?.field]).toEqual([400, 'role']);
    });

    it('lets a person who already has an account join with their existing password', async () => {
      const outsider = await createOutsider(testApp);
      const joining = await invite(outsider.email, 'observer');
      const joiningToken = tokenOf(joining);
      const preview = await testApp.anonymous().get(`/api/invitations/${joiningToken}`);
      expect(preview.body).toMatchObject({ email: outsider.email, accountExists: true, role: 'observer' });

      const wrong = await testApp.anonymous().post(`/api/invitations/${joiningToken}/accept`).send({ password: 'pas-le-bon-mot-de-passe' });
      expect([wrong.status, wrong.body.code]).toEqual([401, 'INVALID_CREDENTIALS']);
      await testApp.anonymous().get(`/api/invitations/${joiningToken}`).expect(200);

      const agent = testApp.anonymous();
      const accepted = await agent.post(`/api/invitations/${joiningToken}/accept`).send({ password: outsider.password });
      expect(accepted.status).toBe(200);
      const memberships = (await agent.get('/api/auth/me').expect(200)).body.memberships as CurrentUser['memberships'];
      expect(memberships.map((membership) => [membership.workspaceId, membership.role]).sort()).toEqual(
        [
          [outsider.workspaceId, 'admin'],
          [ids.workspaceId, 'observer'],
        ].sort(),
      );
    });
  });

  describe('roles', () => {
    it('changes a role and the new permissions apply at once (moderator → member)', async () => {
      const moderator = await testApp.signIn(DEMO_EMAILS.moderator);
      const planId = ids.planId;
      const moderatorId = ids.userIds[DEMO_EMAILS.moderator];
      await moderator.post(`/api/plans/${planId}/axes`).send({ title: 'Avant le changement de rôle' }).expect(201);

      const response = await admin.patch(`${membersUrl}/${moderatorId}`).send({ role: 'member' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ userId: moderatorId, email: DEMO_EMAILS.moderator, role: 'member', displayName: 'Julien Roumanille' });

      const refused = await moderator.post(`/api/plans/${planId}/axes`).send({ title: 'Après le changement de rôle' });
      expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
      expect((await moderator.get('/api/auth/me')).body.memberships[0].role).toBe('member');
      expect(await roleOf(DEMO_EMAILS.moderator)).toBe('member');

      await admin.patch(`${membersUrl}/${moderatorId}`).send({ role: 'moderator' }).expect(200);
      await moderator.post(`/api/plans/${planId}/axes`).send({ title: 'De nouveau modérateur' }).expect(201);
    });

    it('takes the members list away from a member turned observer', async () => {
      const member = await testApp.signIn('membre2@miroir.test');
      const memberId = ids.userIds['membre2@miroir.test'];
      await member.get(membersUrl).expect(200);
      await admin.patch(`${membersUrl}/${memberId}`).send({ role: 'observer' }).expect(200);
      const refused = await member.get(membersUrl);
      expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
      await member.get(`/api/plans/${ids.planId}`).expect(200);
      await admin.patch(`${membersUrl}/${memberId}`).send({ role: 'member' }).expect(200);
      await member.get(membersUrl).expect(200);
    });

    it('refuses an unknown role naming the field, and an unknown member with 404', async () => {
      const bad = await admin.patch(`${membersUrl}/${ids.userIds['membre1@miroir.test']}`).send({ role: 'superadmin' });
      expect([bad.status, bad.body.fields?.[0]?.field]).toEqual([400, 'role']);
      expect(await roleOf('membre1@miroir.test')).toBe('member');
      const unknown = await admin.patch(`${membersUrl}/${randomUUID()}`).send({ role: 'observer' });
      expect([unknown.status, unknown.body.code]).toEqual([404, 'NOT_FOUND']);
      const badId = await admin.patch(`${membersUrl}/not-a-uuid`).send({ role: 'observer' });
      expect([badId.status, badId.body.fields?.[0]?.field]).toEqual([400, 'userId']);
    });

    it('keeps the last admin: they can neither demote nor remove themselves', async () => {
      const adminId = ids.userIds[DEMO_EMAILS.admin];
      const demote = await admin.patch(`${membersUrl}/${adminId}`).send({ role: 'moderator' });
      expect([demote.status, demote.body.code]).toEqual([409, 'LAST_ADMIN']);
      const remove = await admin.delete(`${membersUrl}/${adminId}`);
      expect([remove.status, remove.body.code]).toEqual([409, 'LAST_ADMIN']);
      expect(await roleOf(DEMO_EMAILS.admin)).toBe('admin');
      expect((await admin.get('/api/auth/me')).body.memberships[0].role).toBe('admin');
      // Setting the same role is not a loss of admin.
      await admin.patch(`${membersUrl}/${adminId}`).send({ role: 'admin' }).expect(200);
    });

    it('lets an admin step down once another admin exists', async () => {
      const secondId = ids.userIds['membre3@miroir.test'];
      await admin.patch(`${membersUrl}/${secondId}`).send({ role: 'admin' }).expect(200);
      const second = await testApp.signIn('membre3@miroir.test');
      const stepDown = await second.patch(`${membersUrl}/${secondId}`).send({ role: 'member' });
      expect(stepDown.status).toBe(200);
      expect(stepDown.body.role).toBe('member');
      const admins = (await membersPage()).members.filter((member) => member.role === 'admin').map((member) => member.email);
      expect(admins).toEqual([DEMO_EMAILS.admin]);
      const now = await admin.patch(`${membersUrl}/${ids.userIds[DEMO_EMAILS.admin]}`).send({ role: 'member' });
      expect([now.status, now.body.code]).toEqual([409, 'LAST_ADMIN']);
    });

    it('keeps one admin when two admins demote each other at the same time', async () => {
      const secondId = ids.userIds['membre3@miroir.test'];
      const adminId = ids.userIds[DEMO_EMAILS.admin];
      await admin.patch(`${membersUrl}/${secondId}`).send({ role: 'admin' }).expect(200);
      const second = await testApp.signIn('membre3@miroir.test');
      const [first, other] = await Promise.all([
        admin.patch(`${membersUrl}/${secondId}`).send({ role: 'member' }),
        second.patch(`${membersUrl}/${adminId}`).send({ role: 'member' }),
      ]);
      const statuses = [first.status, other.status].sort();
      // Either one wins and the other is refused (last admin, or no longer allowed), never both.
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      const admins = (await membersPage(first.status === 200 ? admin : second)).members.filter((member) => member.role === 'admin');
      expect(admins).toHaveLength(1);
      // Put the demo admin back in charge if the other one won.
      if (first.status !== 200) {
        await second.patch(`${membersUrl}/${adminId}`).send({ role: 'admin' }).expect(200);
        await admin.patch(`${membersUrl}/${secondId}`).send({ role: 'member' }).expect(200);
      }
      expect(await roleOf(DEMO_EMAILS.admin)).toBe('admin');
    });
  });

  describe('removing a member', () => {
    it('takes away access at once: the removed user then gets 404 on the plan', async () => {
      const removed = await testApp.signIn('membre2@miroir.test');
      const removedId = ids.userIds['membre2@miroir.test'];
      await removed.get(`/api/plans/${ids.planId}`).expect(200);

      const response = await admin.delete(`${membersUrl}/${removedId}`);
      expect(response.status).toBe(204);

      const plan = await removed.get(`/api/plans/${ids.planId}`);
      expect([plan.status, plan.body.code]).toEqual([404, 'NOT_FOUND']);
      expect((await removed.get('/api/plans').expect(200)).body).toEqual([]);
      const members = await removed.get(membersUrl);
      expect(members.status).toBe(404);
      expect((await removed.get('/api/auth/me').expect(200)).body.memberships).toEqual([]);
      expect((await membersPage()).members.map((member) => member.email)).not.toContain('membre2@miroir.test');

      const again = await admin.delete(`${membersUrl}/${removedId}`);
      expect([again.status, again.body.code]).toEqual([404, 'NOT_FOUND']);
    });

    it('can invite the removed person back', async () => {
      const back = await invite('membre2@miroir.test', 'member');
      const agent = testApp.anonymous();
      await agent.post(`/api/invitations/${tokenOf(back)}/accept`).send({ password: 'miroir-demo' }).expect(200);
      await agent.get(`/api/plans/${ids.planId}`).expect(200);
      expect(await roleOf('membre2@miroir.test')).toBe('member');
    });
  });
});
