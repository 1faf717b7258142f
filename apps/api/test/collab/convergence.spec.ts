import { DocumentRegistry } from '@miroir/api/collab';
import type { CollabClient } from '@miroir/shared/collab-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { closeAll, openDocument, prng, proposalNames, sleep, storedDocument, testSeed, waitFor, within, type EditingClient } from '../support/collab';

jest.setTimeout(60_000);

const CLIENTS = 22;
const EDITING_MS = 3_000;
const COMPACTION_THRESHOLD = 40;
const EMAILS = ['admin@miroir.test', 'moderation@miroir.test', 'membre1@miroir.test', 'membre2@miroir.test', 'membre3@miroir.test'];
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzéèà ';

describe('convergence of many clients editing one document at once', () => {
  let testApp: TestApp;
  let docName: string;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    testApp = await startTestApp({ COLLAB_UNLOAD_DELAY_MS: '100', COLLAB_COMPACTION_THRESHOLD: String(COMPACTION_THRESHOLD) });
    docName = (await proposalNames(testApp)).names[0] as string;
  });
  afterEach(() => closeAll(clients));
  afterAll(() => testApp.close());

  it('leaves every client, a late joiner and the stored document (before and after compaction) with the same text', async () => {
    const seed = testSeed('convergence');
    const cookies = await Promise.all(EMAILS.map((email) => testApp.cookieFor(email)));
    const editors: EditingClient[] = await Promise.all(
      Array.from({ length: CLIENTS }, (_, index) => openDocument(testApp.url, cookies[index % cookies.length] as string, docName, clients)),
    );
    let acknowledged = 0;
    editors.forEach((editor) => editor.session.on('acknowledged', () => (acknowledged += 1)));

    // Each client edits on its own random schedule: inserts and deletes at random positions.
    let edits = 0;
    const stopAt = Date.now() + EDITING_MS;
    await Promise.all(
      editors.map(async (editor, index) => {
        const random = prng(seed + index);
        while (Date.now() < stopAt) {
          const length = editor.text.length;
          if (length === 0 || random() < 0.7) {
            const word = Array.from({ length: 1 + Math.floor(random() * 6) }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('');
            editor.text.insert(Math.floor(random() * (length + 1)), word);
          } else {
            const position = Math.floor(random() * length);
            editor.text.delete(position, Math.min(length - position, 1 + Math.floor(random() * 5)));
          }
          edits += 1;
          await sleep(20 + Math.floor(random() * 60));
        }
      }),
    );
    await within(Promise.all(editors.map((editor) => editor.session.whenSaved())), 20_000, 'every client to be saved');
    // Each client's own updates are acknowledged; the others' may still be on their way to it.
    const reference = () => (editors[0] as EditingClient).text.toString();
    await waitFor(() => editors.every((editor) => editor.text.toString() === reference()), 10_000, 'all clients to converge');
    const content = reference();
    console.log(`convergence: ${edits} edits by ${CLIENTS} clients, ${acknowledged} updates acknowledged, ${content.length} characters`);
    expect(edits).toBeGreaterThan(CLIENTS * 20);
    expect(acknowledged).toBeGreaterThan(CLIENTS * 10);
    expect(content.length).toBeGreaterThan(50);
    for (const editor of editors) expect(editor.text.toString()).toBe(content);

    // What PostgreSQL holds is that same text, and the log was folded while editing.
    const whileLoaded = await storedDocument(testApp, docName);
    expect(whileLoaded.text).toBe(content);
    expect(whileLoaded.hasSnapshot).toBe(true);
    expect(whileLoaded.logRows).toBeLessThan(acknowledged);

    const late = await openDocument(testApp.url, cookies[2] as string, docName, clients);
    expect(late.text.toString()).toBe(content);

    // Everyone leaves: the document unloads, compacting what is left of the log.
    closeAll(clients);
    const registry = testApp.app.get(DocumentRegistry);
    await waitFor(() => registry.loadedCount() === 0, 10_000, 'the document to unload');
    await waitFor(async () => (await storedDocument(testApp, docName)).logRows === 0, 10_000, 'the log to be compacted');
    const compacted = await storedDocument(testApp, docName);
    expect(compacted).toEqual({ logRows: 0, hasSnapshot: true, text: content });

    const afterUnload = await openDocument(testApp.url, cookies[3] as string, docName, clients);
    expect(afterUnload.text.toString()).toBe(content);
  });
});
