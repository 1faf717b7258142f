import { MembershipsRepository, PasswordHasher, SessionService, UsersRepository } from '@miroir/api/auth';
import { SESSION_COOKIE_NAME } from '@miroir/shared/contracts';
import type { AxisNode, MembersPage, PlanDetail, WorkspaceRole } from '@miroir/shared/contracts';
import request from 'supertest';
import type { TestApp } from './test-app';

export const DEMO_WORKSPACE = 'Groupe miroir DGS Vaucluse';
export const DEMO_EMAILS = {
  admin: 'admin@miroir.test',
  moderator: 'moderation@miroir.test',
  member: 'membre1@miroir.test',
  observer: 'observateur@miroir.test',
} as const satisfies Record<WorkspaceRole, string>;

export interface DemoIds {
  workspaceId: string;
  planId: string;
  /** Demo account ids by email. */
  userIds: Record<string, string>;
}

/** Ids of the seeded workspace, its plan and its accounts, read through the api as the admin. */
export async function demoIds(admin: request.Agent): Promise<DemoIds> {
  const me = await admin.get('/api/auth/me').expect(200);
  const workspaceId: string = me.body.memberships[0].workspaceId;
  const plans = await admin.get('/api/plans').expect(200);
  const members: MembersPage = (await admin.get(`/api/workspaces/${workspaceId}/members`).expect(200)).body;
  return {
    workspaceId,
    planId: plans.body[0].id,
    userIds: Object.fromEntries(members.members.map((member) => [member.email, member.userId])),
  };
}

let counter = 0;

/** A unique address for accounts and invitations a test creates. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}@exemple.test`;
}

/** Creates an account straight through the repositories, optionally a member of a workspace. */
export async function createAccount(
  testApp: TestApp,
  options: { email?: string; password?: string; displayName?: string; workspaceId?: string; role?: WorkspaceRole } = {},
): Promise<{ id: string; email: string; password: string }> {
  const email = options.email ?? uniqueEmail('compte');
  const password = options.password ?? 'mot-de-passe-de-test';
  const passwordHash = await testApp.app.get(PasswordHasher).hash(password);
  const user = await testApp.app.get(UsersRepository).create({
    email,
    passwordHash,
    displayName: options.displayName ?? `Compte ${email}`,
    jobTitle: null,
    collectivite: null,
    collectiviteType: null,
    populationBand: null,
  });
  if (options.workspaceId) await testApp.app.get(MembershipsRepository).add(options.workspaceId, user.id, options.role ?? 'member');
  return { id: user.id, email: user.email, password };
}

/** A user who is the admin of a workspace of their own, and of nothing else. */
export async function createOutsider(testApp: TestApp): Promise<{ id: string; email: string; password: string; workspaceId: string }> {
  const workspace = await testApp.app.get(MembershipsRepository).createWorkspace('Groupe miroir DGS Bouches-du-Rhône');
  const account = await createAccount(testApp, { displayName: 'Extérieur', workspaceId: workspace.id, role: 'admin' });
  return { ...account, workspaceId: workspace.id };
}

/** Every node of a tree, depth first. */
export function flatten(nodes: AxisNode[]): AxisNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

export function findByTitle(nodes: AxisNode[], title: string): AxisNode {
  const found = flatten(nodes).find((node) => node.title === title);
  if (!found) throw new Error(`No axis titled "${title}"`);
  return found;
}

/** Sibling positions of every level of a plan's tree, which must each be 0..n-1. */
export function siblingPositions(plan: PlanDetail): Array<{ parentId: string | null; positions: number[] }> {
  const lists: Array<{ parentId: string | null; positions: number[] }> = [];
  const walk = (parentId: string | null, children: AxisNode[]) => {
    lists.push({ parentId, positions: children.map((child) => child.position) });
    children.forEach((child) => walk(child.id, child.children));
  };
  walk(null, plan.axes);
  return lists;
}

export function expectContiguousPositions(plan: PlanDetail): void {
  for (const list of siblingPositions(plan)) {
    expect(list).toEqual({ parentId: list.parentId, positions: list.positions.map((_, index) => index) });
  }
}

export type Actor = WorkspaceRole | 'signed-out';

/**
 * A cookie-carrying agent for a demo account, with a session issued directly: an HTTP sign-in
 * costs an argon2 verification, which slows the files running beside this one.
 */
export async function sessionAgent(testApp: TestApp, email: string): Promise<request.Agent> {
  const user = await testApp.app.get(UsersRepository).findByEmail(email);
  if (!user) throw new Error(`No demo account ${email}`);
  const session = await testApp.app.get(SessionService).issue(user.id);
  return request.agent(testApp.app.getHttpServer()).set('Cookie', `${SESSION_COOKIE_NAME}=${session.token}`);
}

/** One agent per demo role, and one signed out. */
export async function agentsByRole(testApp: TestApp): Promise<Record<Actor, request.Agent>> {
  return {
    admin: await sessionAgent(testApp, DEMO_EMAILS.admin),
    moderator: await sessionAgent(testApp, DEMO_EMAILS.moderator),
    member: await sessionAgent(testApp, DEMO_EMAILS.member),
    observer: await sessionAgent(testApp, DEMO_EMAILS.observer),
    'signed-out': testApp.anonymous(),
  };
}
