import { CollabClient } from '@miroir/shared/collab-client';
import { proposalDocumentName, type PlanSummary } from '@miroir/shared/contracts';
import * as Y from 'yjs';
import { startTestApp, type TestApp } from '../support/test-app';

describe('co-editing a proposal', () => {
  let testApp: TestApp;
  let docName: string;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    testApp = await startTestApp({ COLLAB_UNLOAD_DELAY_MS: '50' });
    const moderator = await testApp.signIn('moderation@miroir.test');
    const [plan] = (await moderator.get('/api/plans')).body as [PlanSummary];
    const axis = (await moderator.get(`/api/plans/${plan.id}`)).body.axes[0];
    docName = proposalDocumentName(axis.id);
  });
  afterEach(() => clients.splice(0).forEach((client) => client.close()));
  afterAll(() => testApp.close());

  async function connect(email: string) {
    const client = new CollabClient({ url: testApp.url, cookie: await testApp.cookieFor(email) });
    clients.push(client);
    const doc = new Y.Doc();
    const session = client.open(docName, doc);
    await session.whenSynced();
    return { client, doc, session, text: doc.getText('t') };
  }

  it('delivers each member’s edits to the other and acknowledges them once saved', async () => {
    const alice = await connect('membre1@miroir.test');
    const bob = await connect('membre2@miroir.test');
    alice.text.insert(0, 'Bonjour ');
    bob.text.insert(0, 'le groupe');
    await Promise.all([alice.session.whenSaved(), bob.session.whenSaved()]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alice.text.toString()).toBe(bob.text.toString());
    expect(alice.text.toString()).toHaveLength('Bonjour le groupe'.length);

    const late = await connect('membre3@miroir.test');
    expect(late.text.toString()).toBe(alice.text.toString());
  });
});
