import type { CollabClient } from '@miroir/shared/collab-client';
import { demoIds } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  closeAll,
  connected,
  insertion,
  openDocument,
  prng,
  proposalNames,
  rawJoin,
  rawSocket,
  rawUpdate,
  record,
  sleep,
  storedDocument,
  testSeed,
  waitFor,
  within,
  type EditingClient,
  type RawSocket,
} from '../support/collab';

jest.setTimeout(60_000);

const redisUrl = process.env['REDIS_URL'];
const describeWithRedis = redisUrl ? describe : describe.skip;

describeWithRedis(redisUrl ? 'two api instances sharing PostgreSQL and Redis' : 'two api instances (SKIPPED: set REDIS_URL to run it)', () => {
  let first: TestApp;
  let second: TestApp;
  let name: string;
  const clients: CollabClient[] = [];
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl, COLLAB_UNLOAD_DELAY_MS: '50', COLLAB_COMPACTION_THRESHOLD: '30' };
    first = await startTestApp(env);
    second = await startTestApp(env, { schema: first.schema });
    name = (await proposalNames(first)).names[0] as string;
  });
  afterEach(() => closeAll(clients, sockets));
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('converges when clients of each instance edit one document at once', async () => {
    const seed = testSeed('multi-instance');
    const editors: EditingClient[] = [];
    const accounts: Array<[TestApp, string]> = [
      [first, 'membre1@miroir.test'],
      [first, 'membre2@miroir.test'],
      [first, 'admin@miroir.test'],
      [second, 'membre3@miroir.test'],
      [second, 'moderation@miroir.test'],
      [second, 'membre1@miroir.test'],
    ];
    for (const [app, email] of accounts) editors.push(await openDocument(app.url, await app.cookieFor(email), name, clients));

    await Promise.all(
      editors.map(async (editor, index) => {
        const random = prng(seed + index);
        for (let edit = 0; edit < 25; edit += 1) {
          const boundaries = [0, ...[...editor.text.toString().matchAll(/>/g)].map((match) => (match.index as number) + 1)];
          editor.text.insert(boundaries[Math.floor(random() * boundaries.length)] as number, `<${index}:${edit}>`);
          await sleep(5 + Math.floor(random() * 30));
        }
      }),
    );
    await within(Promise.all(editors.map((editor) => editor.session.whenSaved())), 15_000, 'every client to be saved');
    const reference = () => (editors[0] as EditingClient).text.toString();
    await waitFor(() => editors.every((editor) => editor.text.toString() === reference()), 10_000, 'the clients of both instances to converge');
    const content = reference();
    const tokens = (content.match(/<\d+:\d+>/g) ?? []).sort();
    expect(tokens).toEqual(editors.flatMap((_, index) => Array.from({ length: 25 }, (__, edit) => `<${index}:${edit}>`)).sort());
    expect((await storedDocument(first, name)).text).toBe(content);

    // A newcomer on either instance gets the same text.
    for (const app of [first, second]) {
      const late = await openDocument(app.url, await app.cookieFor('membre2@miroir.test'), name, clients);
      expect(late.text.toString()).toBe(content);
    }
  });

  it('carries presence across instances, and its removal', async () => {
    const onFirst = await openDocument(first.url, await first.cookieFor('membre1@miroir.test'), name, clients);
    const onSecond = await openDocument(second.url, await second.cookieFor('membre2@miroir.test'), name, clients);
    onFirst.session.awareness.setLocalState({ user: { name: 'Usurpateur' }, cursor: 42 });
    const seen = () => onSecond.session.awareness.getStates().get(onFirst.doc.clientID) as { user: { name: string }; cursor: number } | undefined;
    await waitFor(() => seen()?.cursor === 42, 5_000, 'the presence to cross instances');
    expect(seen()?.user.name).toBe('Claire Mistral');
    onSecond.session.awareness.setLocalStateField('cursor', 7);
    await waitFor(() => (onFirst.session.awareness.getStates().get(onSecond.doc.clientID) as { cursor?: number } | undefined)?.cursor === 7, 5_000, 'the presence to cross back');

    onFirst.client.close();
    await waitFor(() => seen() === undefined, 5_000, 'the presence removal to cross instances');
  });

  it('revokes, on the other instance, the write access of a member downgraded through the first', async () => {
    const admin = await first.signIn('admin@miroir.test');
    const ids = await demoIds(admin);
    const userId = ids.userIds['membre3@miroir.test'] as string;
    const witness = await openDocument(first.url, await first.cookieFor('membre1@miroir.test'), name, clients);
    const socket = rawSocket(second.url, await second.cookieFor('membre3@miroir.test'), sockets);
    await connected(socket);
    const access = record(socket, 'doc:access');
    expect(await rawJoin(socket, name)).toMatchObject({ ok: true, readOnly: false });
    expect(await rawUpdate(socket, name, insertion('[B avant]'))).toEqual({ ok: true });
    await waitFor(() => witness.text.toString().includes('[B avant]'), 5_000, 'the update to cross instances');

    await admin.patch(`/api/workspaces/${ids.workspaceId}/members/${userId}`).send({ role: 'observer' }).expect(200);
    try {
      await waitFor(() => access.length > 0, 5_000, 'doc:access on the other instance');
      expect(access).toEqual([{ doc: name, readOnly: true, revoked: false }]);
      expect(await rawUpdate(socket, name, insertion('[B après]'))).toMatchObject({ ok: false, code: 'READ_ONLY' });
      await sleep(200);
      expect(witness.text.toString()).not.toContain('[B après]');
      expect((await storedDocument(first, name)).text).not.toContain('[B après]');
    } finally {
      await admin.patch(`/api/workspaces/${ids.workspaceId}/members/${userId}`).send({ role: 'member' }).expect(200);
    }
  });
});
