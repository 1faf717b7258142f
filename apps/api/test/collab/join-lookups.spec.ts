import { proposalDocumentName, type AxisDetail } from '@miroir/shared/contracts';
import type request from 'supertest';
import { createAccount, demoIds } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { closeAll, connected, rawJoin, rawSocket, type RawSocket } from '../support/collab';

jest.setTimeout(30_000);

/**
 * Joins share their owner and role lookups (coalesced, and cached on a single instance): what an
 * earlier join learnt must never let a later one in after the rights changed.
 */
describe('join lookups shared and cached, never stale', () => {
  let testApp: TestApp;
  let moderator: request.Agent;
  let planId: string;
  let workspaceId: string;
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    testApp = await startTestApp({ COLLAB_UNLOAD_DELAY_MS: '50' });
    moderator = await testApp.signIn('moderation@miroir.test');
    const [plan] = (await moderator.get('/api/plans').expect(200)).body as [{ id: string }];
    planId = plan.id;
    workspaceId = (await demoIds(await testApp.signIn('admin@miroir.test'))).workspaceId;
  });
  afterEach(() => closeAll([], sockets));
  afterAll(() => testApp.close());

  async function createAxis(title: string, parentId: string | null = null): Promise<string> {
    const response = await moderator.post(`/api/plans/${planId}/axes`).send({ title, parentId }).expect(201);
    return (response.body as AxisDetail).id;
  }

  /** A join on a brand-new connection: nothing kept on a socket can answer it. */
  async function freshJoin(cookie: string, name: string): Promise<unknown> {
    const socket = rawSocket(testApp.url, cookie, sockets);
    await connected(socket);
    return rawJoin(socket, name);
  }

  it('refuses the very next join once the axis, or an ancestor, is archived, or once it is moved under an archived axis', async () => {
    const member = await testApp.cookieFor('membre1@miroir.test');
    const parent = await createAxis('Parent de test');
    const child = await createAxis('Enfant de test', parent);
    const elsewhere = await createAxis('Ailleurs');
    const name = proposalDocumentName(child);

    // Warm every lookup: the owner and the role of this document are now known.
    expect(await freshJoin(member, name)).toMatchObject({ ok: true, readOnly: false });
    expect(await freshJoin(member, name)).toMatchObject({ ok: true, readOnly: false });

    await moderator.post(`/api/axes/${child}/archive`).expect(200);
    expect(await freshJoin(member, name)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    await moderator.post(`/api/axes/${child}/restore`).expect(200);
    expect(await freshJoin(member, name)).toMatchObject({ ok: true });

    // An archived ancestor hides the whole subtree.
    await moderator.post(`/api/axes/${parent}/archive`).expect(200);
    expect(await freshJoin(member, name)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    await moderator.post(`/api/axes/${parent}/restore`).expect(200);
    expect(await freshJoin(member, name)).toMatchObject({ ok: true });

    // Moved under an archived axis: hidden at once; moved back out: visible again.
    await moderator.post(`/api/axes/${elsewhere}/archive`).expect(200);
    expect(await freshJoin(member, name)).toMatchObject({ ok: true });
    await moderator.post(`/api/axes/${child}/move`).send({ parentId: elsewhere, position: 0 }).expect(200);
    expect(await freshJoin(member, name)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    await moderator.post(`/api/axes/${child}/move`).send({ parentId: parent, position: 0 }).expect(200);
    expect(await freshJoin(member, name)).toMatchObject({ ok: true });
    await moderator.post(`/api/axes/${elsewhere}/restore`).expect(200);
  });

  it('applies a downgrade and a removal to the very next join', async () => {
    const admin = await testApp.signIn('admin@miroir.test');
    const account = await createAccount(testApp, { workspaceId, role: 'member' });
    const cookie = await testApp.cookieFor(account.email, account.password);
    const name = proposalDocumentName(await createAxis('Droits de test'));
    const membership = `/api/workspaces/${workspaceId}/members/${account.id}`;

    expect(await freshJoin(cookie, name)).toMatchObject({ ok: true, readOnly: false });
    await admin.patch(membership).send({ role: 'observer' }).expect(200);
    expect(await freshJoin(cookie, name)).toMatchObject({ ok: true, readOnly: true });
    await admin.patch(membership).send({ role: 'member' }).expect(200);
    expect(await freshJoin(cookie, name)).toMatchObject({ ok: true, readOnly: false });
    await admin.delete(membership).expect(204);
    expect(await freshJoin(cookie, name)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('answers each of many concurrent joins of one document, from several accounts, with its own rights', async () => {
    const name = proposalDocumentName(await createAxis('Tempête de reconnexions'));
    const cookies = await Promise.all(['membre1@miroir.test', 'membre2@miroir.test', 'observateur@miroir.test'].map((email) => testApp.cookieFor(email)));
    const joiners = Array.from({ length: 30 }, (_, index) => cookies[index % cookies.length] as string);
    const socketsOf = joiners.map((cookie) => rawSocket(testApp.url, cookie, sockets));
    await Promise.all(socketsOf.map((socket) => connected(socket)));
    const replies = await Promise.all(socketsOf.map((socket) => rawJoin(socket, name)));
    replies.forEach((reply, index) => expect(reply).toMatchObject({ ok: true, readOnly: index % cookies.length === 2 }));
  });
});
