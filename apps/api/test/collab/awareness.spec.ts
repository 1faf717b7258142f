import type { CollabClient } from '@miroir/shared/collab-client';
import { encodeAwarenessEntries, encodeBinary, PRESENCE_PALETTE } from '@miroir/shared/collab-protocol';
import { CLIENT_EVENTS } from '@miroir/shared/contracts';
import { demoIds, type DemoIds } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { closeAll, connected, openDocument, proposalNames, rawJoin, rawSocket, waitFor, type RawSocket } from '../support/collab';

jest.setTimeout(30_000);

describe('presence (awareness) on a co-edited document', () => {
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

  it('shows each presence under the name of the session, ignores claims on other connections’ ids, and drops it on disconnect', async () => {
    const claire = await openDocument(testApp.url, await testApp.cookieFor('membre1@miroir.test'), name, clients);
    const antoine = await openDocument(testApp.url, await testApp.cookieFor('membre2@miroir.test'), name, clients);
    const claireId = claire.doc.clientID;
    const seenByAntoine = () => antoine.session.awareness.getStates().get(claireId) as { user?: unknown; cursor?: unknown } | undefined;

    // Claire's client claims to be the admin: the server stamps her own identity instead.
    claire.session.awareness.setLocalState({ user: { id: ids.userIds['admin@miroir.test'], name: 'Hélène Garcin', color: '#ffffff' }, cursor: 12 });
    await waitFor(() => seenByAntoine()?.cursor === 12, 5_000, 'Claire’s presence to reach Antoine');
    // The first person to show a presence on the document gets the first colour of the palette.
    const claireUser = { id: ids.userIds['membre1@miroir.test'], name: 'Claire Mistral', color: PRESENCE_PALETTE[0] };
    expect(seenByAntoine()).toEqual({ user: claireUser, cursor: 12 });
    // Antoine's own presence reaches Claire the same way, without his client setting any user.
    antoine.session.awareness.setLocalStateField('cursor', 3);
    await waitFor(() => (claire.session.awareness.getStates().get(antoine.doc.clientID) as { cursor?: number } | undefined)?.cursor === 3, 5_000, 'Antoine’s presence');
    const antoineUser = (claire.session.awareness.getStates().get(antoine.doc.clientID) as { user: { name: string; color: string } }).user;
    expect(antoineUser).toMatchObject({ name: 'Antoine Bérard', color: PRESENCE_PALETTE[1] });

    // Another connection sends states (and a removal) for Claire's client id, then one of its own.
    const mallory = rawSocket(testApp.url, await testApp.cookieFor('membre3@miroir.test'), sockets);
    await connected(mallory);
    expect(await rawJoin(mallory, name)).toMatchObject({ ok: true });
    const send = (entries: Parameters<typeof encodeAwarenessEntries>[0]) =>
      mallory.emit(CLIENT_EVENTS.awareness, { doc: name, update: encodeBinary(encodeAwarenessEntries(entries)) });
    send([{ clientId: claireId, clock: 1_000, state: { user: { name: 'Faux nom' }, cursor: 666 } }]);
    send([{ clientId: claireId, clock: 1_001, state: null }]);
    send([
      { clientId: claireId, clock: 1_002, state: { cursor: 667 } },
      { clientId: 987_654, clock: 1, state: { user: { id: 'someone', name: 'Quelqu’un' }, cursor: 'sentinelle' } },
    ]);
    // Its own id arrives, stamped with its session's identity; the claims on Claire's id did not.
    await waitFor(() => antoine.session.awareness.getStates().has(987_654), 5_000, 'the other connection’s own presence');
    expect((antoine.session.awareness.getStates().get(987_654) as { user: { id: string; name: string } }).user).toMatchObject({
      id: ids.userIds['membre3@miroir.test'],
      name: 'Nadia Ferrand',
    });
    expect(seenByAntoine()).toEqual({ user: claireUser, cursor: 12 });
    expect((claire.session.awareness.getStates().get(claireId) as { cursor: number }).cursor).toBe(12);

    // Claire leaves: her presence disappears for the others.
    claire.client.close();
    await waitFor(() => !antoine.session.awareness.getStates().has(claireId), 5_000, 'Claire’s presence to be removed');
    // So does that of a connection that simply drops, even after joining again on the same socket
    // (what the client does after a refused update).
    expect(await rawJoin(mallory, name)).toMatchObject({ ok: true });
    mallory.disconnect();
    await waitFor(() => !antoine.session.awareness.getStates().has(987_654), 5_000, 'the dropped connection’s presence to be removed');
  });
});
