import { CollabClient, type DocumentSession } from '@miroir/shared/collab-client';
import { proposalDocumentName, type AxisNode, type PlanDetail, type PlanSummary } from '@miroir/shared/contracts';
import * as Y from 'yjs';
import { prng, sleep, waitFor, within } from '@miroir/shared/testing';
import { createStorage, sessionCookie, startServer, type RunningServer } from './support/server';

/**
 * « Acknowledged means committed », checked the hard way: 50 clients edit several proposals while
 * the api (a separate process) is killed with SIGKILL five times at random moments. After each
 * restart, and before any editor reconnects (they would re-send what the server lacks), a fresh
 * client reads every document: each token whose update had been acknowledged must be there.
 */

jest.setTimeout(480_000);

const CLIENTS = 50;
const DOCUMENTS = 5;
const KILLS = 5;
const EMAILS = ['admin@miroir.test', 'moderation@miroir.test', 'membre1@miroir.test', 'membre2@miroir.test', 'membre3@miroir.test'];
const TOKEN = /<c\d+n\d+>/g;

/** Whole tokens carried by an update (a token cut by a partial re-send is simply not counted). */
function tokensIn(update: Uint8Array): string[] {
  return Y.decodeUpdate(update).structs.flatMap((struct) =>
    struct instanceof Y.Item && struct.content instanceof Y.ContentString ? (struct.content.str.match(TOKEN) ?? []) : [],
  );
}

async function proposals(url: string, cookie: string): Promise<string[]> {
  const [plan] = (await (await fetch(`${url}/api/plans`, { headers: { cookie } })).json()) as [PlanSummary];
  const detail = (await (await fetch(`${url}/api/plans/${plan.id}`, { headers: { cookie } })).json()) as PlanDetail;
  const flatten = (nodes: AxisNode[]): AxisNode[] => nodes.flatMap((node) => [node, ...flatten(node.children)]);
  return flatten(detail.axes)
    .slice(0, DOCUMENTS)
    .map((axis) => proposalDocumentName(axis.id));
}

interface Editor {
  index: number;
  doc: Y.Doc;
  name: string;
  email: number;
  client: CollabClient | null;
  session: DocumentSession | null;
  /** Acknowledged at least once since the last (re)connection: what it had edited offline is stored. */
  caughtUp: boolean;
}

describe('co-editing durability across kill -9 of the api', () => {
  it('loses no acknowledged update when the api is killed five times under 50 editing clients', async () => {
    const seed = process.env['COLLAB_TEST_SEED'] ? Number(process.env['COLLAB_TEST_SEED']) : Math.floor(Math.random() * 2 ** 31);
    console.log(`collab durability: seed ${seed} (replay with COLLAB_TEST_SEED=${seed})`);
    const random = prng(seed);
    const storage = await createStorage();
    let server: RunningServer = await startServer(storage);
    const open: CollabClient[] = [];
    /** Acknowledged tokens by document. */
    const acknowledged = new Map<string, Set<string>>();
    let inserted = 0;
    let editing = true;
    let editLoops: Promise<void>[] = [];
    try {
      let cookies = await Promise.all(EMAILS.map((email) => sessionCookie(server.url, email)));
      const names = await proposals(server.url, cookies[0] as string);
      expect(names).toHaveLength(DOCUMENTS);
      names.forEach((name) => acknowledged.set(name, new Set()));
      const editors: Editor[] = Array.from({ length: CLIENTS }, (_, index) => ({
        index,
        doc: new Y.Doc(),
        name: names[index % DOCUMENTS] as string,
        email: index % EMAILS.length,
        client: null,
        session: null,
        caughtUp: false,
      }));
      let acknowledgements = 0;

      const connectEditors = () => {
        for (const editor of editors) {
          const client = new CollabClient({ url: server.url, cookie: cookies[editor.email] as string, socketOptions: { reconnection: false } });
          open.push(client);
          const session = client.open(editor.name, editor.doc);
          session.on('acknowledged', (update) => {
            acknowledgements += 1;
            // The first update sent after a join is what the server lacked: once it is acknowledged,
            // everything this editor did before is stored.
            editor.caughtUp = true;
            tokensIn(update).forEach((token) => acknowledged.get(editor.name)?.add(token));
          });
          Object.assign(editor, { client, session, caughtUp: false });
        }
      };
      const disconnectEditors = () => {
        for (const editor of editors) {
          editor.client?.close();
          Object.assign(editor, { client: null, session: null });
        }
        open.splice(0);
      };
      /** What a fresh client reads from the restarted api, before any editor is back. */
      const storedTokens = async (name: string): Promise<Set<string>> => {
        const client = new CollabClient({ url: server.url, cookie: cookies[0] as string, socketOptions: { reconnection: false } });
        try {
          const doc = new Y.Doc();
          await within(client.open(name, doc).whenSynced(), 30_000, `a fresh read of ${name}`);
          return new Set(doc.getText('t').toString().match(TOKEN) ?? []);
        } finally {
          client.close();
        }
      };
      const checks: Array<{ round: number; checked: number; missing: string[] }> = [];
      const verify = async (round: number, when = `after restart ${round}`) => {
        let checked = 0;
        const missing: string[] = [];
        for (const name of names) {
          const expected = [...(acknowledged.get(name) as Set<string>)];
          const stored = await storedTokens(name);
          checked += expected.length;
          missing.push(...expected.filter((token) => !stored.has(token)).map((token) => `${name} ${token}`));
        }
        checks.push({ round, checked, missing });
        console.log(`collab durability: ${when}, ${checked} acknowledged tokens checked, ${missing.length} missing`);
      };

      connectEditors();
      // Each client inserts unique tokens between existing ones, connected or not (offline edits
      // are sent when it is back).
      editLoops = editors.map(async (editor) => {
        const own = prng(seed + 1 + editor.index);
        let count = 0;
        while (editing) {
          // At either end, so that no token is ever cut by another (and each edit stays cheap).
          const text = editor.doc.getText('t');
          text.insert(own() < 0.5 ? 0 : text.length, `<c${editor.index}n${count}>`);
          count += 1;
          inserted += 1;
          await sleep(100 + Math.floor(own() * 300));
        }
      });

      for (let round = 1; round <= KILLS; round += 1) {
        // Kill at a random moment once every editor is back to steady editing.
        const reconnected = Date.now();
        const acknowledgementsBefore = acknowledgements;
        await waitFor(() => editors.every((editor) => editor.caughtUp), 90_000, 'every editor to catch up after the restart');
        const caughtUpMs = Date.now() - reconnected;
        await sleep(500 + Math.floor(random() * 2_500));
        await server.stop('SIGKILL');
        console.log(`collab durability: round ${round}: editors caught up in ${caughtUpMs} ms; ${acknowledgements - acknowledgementsBefore} updates acknowledged, then kill -9`);
        disconnectEditors();
        server = await startServer(storage);
        cookies = await Promise.all(EMAILS.map((email) => sessionCookie(server.url, email)));
        await verify(round);
        connectEditors();
      }

      // Everyone catches up: then every token ever inserted must be stored, acknowledged or not.
      await sleep(1_000);
      editing = false;
      await Promise.all(editLoops);
      await within(Promise.all(editors.map((editor) => (editor.session as DocumentSession).whenSaved())), 60_000, 'every editor to be saved');
      disconnectEditors();
      await verify(KILLS + 1, 'after the final sync');
      let allTokens = 0;
      const lost: string[] = [];
      for (const name of names) {
        const stored = await storedTokens(name);
        const wanted = new Set(editors.filter((editor) => editor.name === name).flatMap((editor) => editor.doc.getText('t').toString().match(TOKEN) ?? []));
        allTokens += wanted.size;
        lost.push(...[...wanted].filter((token) => !stored.has(token)));
      }

      const totalChecked = checks.reduce((sum, check) => sum + check.checked, 0);
      const finalAcknowledged = [...acknowledged.values()].reduce((sum, tokens) => sum + tokens.size, 0);
      console.log(
        `collab durability: ${KILLS} kill -9, ${inserted} tokens inserted, ${finalAcknowledged} distinct acknowledged tokens, ` +
          `${totalChecked} acknowledged-token checks over ${checks.length} reads, ${allTokens} tokens present at the end`,
      );
      expect(checks.flatMap((check) => check.missing)).toEqual([]);
      expect(lost).toEqual([]);
      expect(allTokens).toBe(inserted);
      expect(finalAcknowledged).toBeGreaterThan(CLIENTS * 5);
    } finally {
      editing = false;
      await Promise.all(editLoops);
      open.forEach((client) => client.close());
      await server.stop();
      await storage.dispose();
    }
  });
});
