import { CollabClient } from '@miroir/shared/collab-client';
import { proposalDocumentName, type PlanDetail, type PlanSummary } from '@miroir/shared/contracts';
import { waitFor, within } from '@miroir/shared/testing';
import * as Y from 'yjs';
import { createStorage, sessionCookie, startServer, type RunningServer } from './support/server';

jest.setTimeout(120_000);

// Two api processes can only share a database server, not an embedded PostgreSQL.
const sharedServices = Boolean(process.env['DATABASE_URL'] && process.env['REDIS_URL']);
const describeWithServices = sharedServices ? describe : describe.skip;

describeWithServices(`two api processes on one PostgreSQL and Redis${sharedServices ? '' : ' (SKIPPED: set DATABASE_URL and REDIS_URL)'}`, () => {
  it('converge on a document edited through both, and keep it after both stop', async () => {
    const storage = await createStorage();
    const servers: RunningServer[] = [];
    const clients: CollabClient[] = [];
    try {
      servers.push(await startServer(storage), await startServer(storage));
      const [first, second] = servers as [RunningServer, RunningServer];
      const moderator = await sessionCookie(first.url, 'moderation@miroir.test');
      const [plan] = (await (await fetch(`${first.url}/api/plans`, { headers: { cookie: moderator } })).json()) as [PlanSummary];
      const detail = (await (await fetch(`${first.url}/api/plans/${plan.id}`, { headers: { cookie: moderator } })).json()) as PlanDetail;
      const name = proposalDocumentName((detail.axes[1] as { id: string }).id);

      const open = async (server: RunningServer, email: string) => {
        const client = new CollabClient({ url: server.url, cookie: await sessionCookie(server.url, email) });
        clients.push(client);
        const doc = new Y.Doc();
        const session = client.open(name, doc);
        await within(session.whenSynced(), 15_000, `the first sync on ${server.url}`);
        return { session, text: doc.getText('t') };
      };
      const claire = await open(first, 'membre1@miroir.test');
      const antoine = await open(second, 'membre2@miroir.test');
      let expectedLength = 0;
      for (let round = 0; round < 20; round += 1) {
        claire.text.insert(claire.text.length, `[c${round}]`);
        antoine.text.insert(0, `[a${round}]`);
        expectedLength += 2 * `[c${round}]`.length;
      }
      await within(Promise.all([claire.session.whenSaved(), antoine.session.whenSaved()]), 15_000, 'both editors saved');
      await waitFor(() => claire.text.toString() === antoine.text.toString() && claire.text.length === expectedLength, 15_000, 'convergence across processes');

      clients.splice(0).forEach((client) => client.close());
      await Promise.all(servers.splice(0).map((server) => server.stop()));
      const restarted = await startServer(storage);
      servers.push(restarted);
      const reader = await open(restarted, 'membre3@miroir.test');
      expect(reader.text.toString()).toBe(claire.text.toString());
    } finally {
      clients.forEach((client) => client.close());
      await Promise.all(servers.map((server) => server.stop()));
      await storage.dispose();
    }
  });
});
