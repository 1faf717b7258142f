import type { CollabClient } from '@miroir/shared/collab-client';
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { createOutsider } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  closeAll,
  connected,
  insertion,
  openDocument,
  proposalNames,
  rawJoin,
  rawSocket,
  rawUpdate,
  record,
  sleep,
  storedDocument,
  type RawSocket,
} from '../support/collab';

jest.setTimeout(30_000);

describe('who may read and write a co-edited document', () => {
  let testApp: TestApp;
  let names: string[];
  let axisIds: string[];
  const clients: CollabClient[] = [];
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    testApp = await startTestApp({ COLLAB_UNLOAD_DELAY_MS: '50' });
    ({ names, axisIds } = await proposalNames(testApp));
  });
  afterEach(() => closeAll(clients, sockets));
  afterAll(() => testApp.close());

  it('lets the observer read, and applies or relays none of the updates it sends', async () => {
    const name = names[0] as string;
    const member = await openDocument(testApp.url, await testApp.cookieFor('membre1@miroir.test'), name, clients);
    member.text.insert(0, 'Texte de départ');
    await member.session.whenSaved();
    const before = await storedDocument(testApp, name);
    expect(before.text).toBe('Texte de départ');

    const memberUpdates = record(member.client.socket as unknown as RawSocket, 'doc:update');
    const observer = rawSocket(testApp.url, await testApp.cookieFor('observateur@miroir.test'), sockets);
    await connected(observer);
    const errors = record(observer, 'doc:error');
    const reply = await rawJoin(observer, name);
    expect(reply).toMatchObject({ ok: true, readOnly: true });
    // It receives the content like anyone who may read.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Buffer.from((reply as { update: string }).update, 'base64'));
    expect(copy.getText('t').toString()).toBe('Texte de départ');

    // Updates built by hand (the headless client would refuse them locally): a fresh insertion,
    // an edit on top of the current content, and the whole state as sync step 2 would send it.
    copy.getText('t').insert(0, 'Intrus : ');
    const attempts = [insertion('écrit par un observateur'), Y.encodeStateAsUpdate(copy, Y.encodeStateVector(member.doc)), Y.encodeStateAsUpdate(copy)];
    for (const update of attempts) {
      expect(await rawUpdate(observer, name, update)).toEqual({ ok: false, code: 'READ_ONLY', message: expect.any(String) });
    }
    await sleep(300);
    expect(errors.map((error) => [error.doc, error.code])).toEqual(attempts.map(() => [name, 'READ_ONLY']));
    expect(memberUpdates).toHaveLength(0);
    expect(member.text.toString()).toBe('Texte de départ');
    expect(await storedDocument(testApp, name)).toEqual(before);
  });

  it('answers NOT_FOUND to non-members, for unknown documents, and to members for an archived axis', async () => {
    const name = names[1] as string;
    const outsider = await createOutsider(testApp);
    const stranger = rawSocket(testApp.url, await testApp.cookieFor(outsider.email, outsider.password), sockets);
    await connected(stranger);
    // An admin of another workspace sees nothing here, and cannot write either.
    expect(await rawJoin(stranger, name)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await rawUpdate(stranger, name, insertion('extérieur'))).toMatchObject({ ok: false, code: 'NOT_JOINED' });

    const member = rawSocket(testApp.url, await testApp.cookieFor('membre2@miroir.test'), sockets);
    await connected(member);
    for (const unknown of [`axis:${randomUUID()}:proposal`, 'axis:not-a-uuid:proposal', `plan:${axisIds[0]}`, 'x'.repeat(150)]) {
      expect(await rawJoin(member, unknown)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }

    const moderator = await testApp.signIn('moderation@miroir.test');
    const archivedAxis = axisIds[axisIds.length - 1] as string;
    const archivedName = names[names.length - 1] as string;
    await moderator.post(`/api/axes/${archivedAxis}/archive`).expect(200);
    try {
      expect(await rawJoin(member, archivedName)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      const manager = rawSocket(testApp.url, await testApp.cookieFor('moderation@miroir.test'), sockets);
      await connected(manager);
      expect(await rawJoin(manager, archivedName)).toMatchObject({ ok: true, readOnly: false });
    } finally {
      await moderator.post(`/api/axes/${archivedAxis}/restore`).expect(200);
    }
    expect(await rawJoin(member, archivedName)).toMatchObject({ ok: true, readOnly: false });
    expect(await storedDocument(testApp, name)).toEqual({ logRows: 0, hasSnapshot: false, text: '' });
  });

  it('refuses a handshake without a live session, or from a foreign origin', async () => {
    const cases: Array<[string | null, Record<string, string>, string]> = [
      [null, {}, 'UNAUTHENTICATED'],
      ['miroir_session=not-a-session', {}, 'UNAUTHENTICATED'],
      [await testApp.cookieFor('membre1@miroir.test'), { origin: 'https://evil.example' }, 'FORBIDDEN_ORIGIN'],
    ];
    for (const [cookie, headers, code] of cases) {
      const socket = rawSocket(testApp.url, cookie, sockets, headers);
      await expect(connected(socket)).rejects.toThrow(code);
      expect(socket.connected).toBe(false);
    }
    // The app's own origin is accepted.
    const own = rawSocket(testApp.url, await testApp.cookieFor('membre1@miroir.test'), sockets, { origin: testApp.url });
    await connected(own);
  });
});
