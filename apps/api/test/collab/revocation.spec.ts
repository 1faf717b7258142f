import type { CollabClient } from '@miroir/shared/collab-client';
import { encodeAwarenessEntries, encodeBinary } from '@miroir/shared/collab-protocol';
import { CLIENT_EVENTS, type AccessEvent } from '@miroir/shared/contracts';
import { demoIds, type DemoIds } from '../support/fixtures';
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
  waitFor,
  within,
  type RawSocket,
} from '../support/collab';

jest.setTimeout(30_000);

describe('rights changed while connected', () => {
  let testApp: TestApp;
  let name: string;
  let ids: DemoIds;
  const clients: CollabClient[] = [];
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    testApp = await startTestApp({ COLLAB_UNLOAD_DELAY_MS: '50' });
    name = (await proposalNames(testApp)).names[0] as string;
    ids = await demoIds(await testApp.signIn('admin@miroir.test'));
  });
  afterEach(() => closeAll(clients, sockets));
  afterAll(() => testApp.close());

  it('makes a downgraded member read-only at once, and cuts off a removed one', async () => {
    const admin = await testApp.signIn('admin@miroir.test');
    const claireId = ids.userIds['membre1@miroir.test'] as string;
    const membership = `/api/workspaces/${ids.workspaceId}/members/${claireId}`;
    const witness = await openDocument(testApp.url, await testApp.cookieFor('membre2@miroir.test'), name, clients);
    const claireCookie = await testApp.cookieFor('membre1@miroir.test');
    const claire = await openDocument(testApp.url, claireCookie, name, clients);
    const socket = rawSocket(testApp.url, claireCookie, sockets);
    await connected(socket);
    const access = record(socket, 'doc:access');
    const errors = record(socket, 'doc:error');
    const clientAccess: AccessEvent[] = [];
    claire.session.on('access', (event) => clientAccess.push(event));
    expect(await rawJoin(socket, name)).toMatchObject({ ok: true, readOnly: false });

    // Claire edits, through her editor and her raw socket.
    claire.text.insert(0, 'Claire écrit. ');
    await within(claire.session.whenSaved(), 5_000, 'Claire’s first edit to be saved');
    expect(await rawUpdate(socket, name, insertion('[accepté]'))).toEqual({ ok: true });
    await waitFor(() => witness.text.toString().includes('[accepté]') && witness.text.toString().includes('Claire écrit.'), 5_000, 'the witness to see both');

    // Downgraded to observer: both her connections hear it at once, and the next update is refused.
    await admin.patch(membership).send({ role: 'observer' }).expect(200);
    await waitFor(() => access.length === 1 && clientAccess.length === 1, 5_000, 'doc:access after the downgrade');
    expect(access).toEqual([{ doc: name, readOnly: true, revoked: false }]);
    expect(clientAccess).toEqual([{ doc: name, readOnly: true, revoked: false }]);
    expect(claire.session.readOnly).toBe(true);
    const stored = await storedDocument(testApp, name);
    expect(await rawUpdate(socket, name, insertion('[après rétrogradation]'))).toEqual({ ok: false, code: 'READ_ONLY', message: expect.any(String) });

    // Member again: writing works again.
    await admin.patch(membership).send({ role: 'member' }).expect(200);
    await waitFor(() => access.length === 2, 5_000, 'doc:access after the upgrade');
    expect(access[1]).toEqual({ doc: name, readOnly: false, revoked: false });
    expect(await rawUpdate(socket, name, insertion('[de nouveau membre]'))).toEqual({ ok: true });

    // Removed from the workspace: access revoked, FORBIDDEN, then nothing is accepted any more.
    await admin.delete(membership).expect(204);
    await waitFor(() => access.length === 3, 5_000, 'doc:access after the removal');
    expect(access[2]).toEqual({ doc: name, readOnly: true, revoked: true });
    await waitFor(() => errors.some((error) => error.code === 'FORBIDDEN'), 5_000, 'the FORBIDDEN error');
    expect(errors.find((error) => error.code === 'FORBIDDEN')).toMatchObject({ doc: name });
    expect(clientAccess[clientAccess.length - 1]).toEqual({ doc: name, readOnly: true, revoked: true });
    expect(await rawUpdate(socket, name, insertion('[après retrait]'))).toEqual({ ok: false, code: 'NOT_JOINED', message: expect.any(String) });
    expect(await rawJoin(socket, name)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await rawUpdate(socket, name, insertion('[après retrait, encore]'))).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    const errorsBefore = errors.length;
    socket.emit(CLIENT_EVENTS.awareness, { doc: name, update: encodeBinary(encodeAwarenessEntries([{ clientId: 31_337, clock: 1, state: { cursor: 1 } }])) });
    await waitFor(() => errors.length > errorsBefore, 5_000, 'the refusal of a presence after the removal');
    expect(errors[errors.length - 1]).toMatchObject({ doc: name, code: 'NOT_JOINED' });
    expect(witness.session.awareness.getStates().has(31_337)).toBe(false);

    // Nothing refused was applied, relayed or stored.
    await sleep(200);
    const final = await storedDocument(testApp, name);
    for (const text of [witness.text.toString(), final.text]) {
      expect(text).toContain('[accepté]');
      expect(text).toContain('[de nouveau membre]');
      expect(text).not.toContain('rétrogradation');
      expect(text).not.toContain('retrait');
    }
    expect(final.logRows).toBe(stored.logRows + 1);
  });
});
