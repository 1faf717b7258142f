import type { CollabClient, SyncStatus } from '@miroir/shared/collab-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { closeAll, openDocument, proposalNames, storedDocument, waitFor, within } from '../support/collab';

jest.setTimeout(30_000);

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('editing offline', () => {
  let testApp: TestApp;
  let name: string;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    testApp = await startTestApp({ COLLAB_UNLOAD_DELAY_MS: '50' });
    name = (await proposalNames(testApp)).names[0] as string;
  });
  afterEach(() => closeAll(clients));
  afterAll(() => testApp.close());

  it('sends what was edited offline on reconnection, once, and converges with what others did meanwhile', async () => {
    const alice = await openDocument(testApp.url, await testApp.cookieFor('membre1@miroir.test'), name, clients);
    const bob = await openDocument(testApp.url, await testApp.cookieFor('membre2@miroir.test'), name, clients);
    const statuses: SyncStatus[] = [];
    alice.session.on('status', (status) => statuses.push(status));

    alice.text.insert(0, '[en ligne A]');
    await within(alice.session.whenSaved(), 5_000, 'Alice’s first edit');
    await waitFor(() => bob.text.toString() === '[en ligne A]', 5_000, 'Bob to see it');
    statuses.length = 0;

    alice.client.socket.disconnect();
    expect(alice.session.status).toBe('offline');
    alice.text.insert(alice.text.length, '[hors ligne A1]');
    alice.text.insert(0, '[hors ligne A2]');
    alice.text.delete(alice.text.toString().indexOf('[en ligne A]'), 1); // an offline deletion too
    bob.text.insert(bob.text.length, '[en ligne B]');
    await within(bob.session.whenSaved(), 5_000, 'Bob’s edit');
    expect(alice.session.status).toBe('offline');
    expect(alice.text.toString()).not.toContain('[en ligne B]');

    alice.client.socket.connect();
    await within(alice.session.whenSaved(), 10_000, 'Alice to be saved after reconnecting');
    await waitFor(() => alice.text.toString() === bob.text.toString(), 5_000, 'Alice and Bob to converge');

    const content = alice.text.toString();
    for (const part of ['[hors ligne A1]', '[hors ligne A2]', 'en ligne A]', '[en ligne B]']) expect([part, occurrences(content, part)]).toEqual([part, 1]);
    expect(content).not.toContain('[en ligne A]');
    expect(content).toHaveLength('[hors ligne A1][hors ligne A2]en ligne A][en ligne B]'.length);
    expect(statuses).toEqual(['offline', 'syncing', 'saved']);
    expect((await storedDocument(testApp, name)).text).toBe(content);

    const late = await openDocument(testApp.url, await testApp.cookieFor('membre3@miroir.test'), name, clients);
    expect(late.text.toString()).toBe(content);
  });
});
