import { CollabClient, type DocumentSession } from '@miroir/shared/collab-client';
import { encodeBinary } from '@miroir/shared/collab-protocol';
import {
  CLIENT_EVENTS,
  REALTIME_NAMESPACE,
  proposalDocumentName,
  type ClientToServerEvents,
  type JoinReply,
  type PlanDetail,
  type ServerToClientEvents,
  type UpdateReply,
} from '@miroir/shared/contracts';
import { io, type Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { flatten } from './fixtures';
import type { TestApp } from './test-app';
import { within } from '@miroir/shared/testing';

/** Helpers shared by the co-editing tests (apps/api/test/collab). Every wait has a deadline. */

export { prng, sleep, testSeed, waitFor, within } from '@miroir/shared/testing';

export type RawSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Document names of the demo plan's axis proposals, as seen by the moderator. */
export async function proposalNames(testApp: TestApp): Promise<{ names: string[]; axisIds: string[] }> {
  const moderator = await testApp.signIn('moderation@miroir.test');
  const [plan] = (await moderator.get('/api/plans').expect(200)).body as [{ id: string }];
  const detail = (await moderator.get(`/api/plans/${plan.id}`).expect(200)).body as PlanDetail;
  const axisIds = flatten(detail.axes).map((axis) => axis.id);
  return { names: axisIds.map(proposalDocumentName), axisIds };
}

export interface EditingClient {
  client: CollabClient;
  doc: Y.Doc;
  session: DocumentSession;
  text: Y.Text;
}

/**
 * Opens a document with the headless client and waits for the first sync. The client is pushed on
 * `registry` before anything can fail, so that the caller closes it in afterEach.
 */
export async function openDocument(
  url: string,
  cookie: string,
  name: string,
  registry: CollabClient[],
  options: { doc?: Y.Doc; timeoutMs?: number } = {},
): Promise<EditingClient> {
  const client = new CollabClient({ url, cookie, socketOptions: { reconnectionDelay: 50, reconnectionDelayMax: 200 } });
  registry.push(client);
  const doc = options.doc ?? new Y.Doc();
  const session = client.open(name, doc);
  await within(session.whenSynced(), options.timeoutMs ?? 10_000, `the first sync of ${name}`);
  return { client, doc, session, text: doc.getText('t') };
}

/** A socket.io client that speaks the protocol by hand (no local checks), with reconnection off. */
export function rawSocket(url: string, cookie: string | null, registry: RawSocket[], headers: Record<string, string> = {}): RawSocket {
  const socket: RawSocket = io(`${url}${REALTIME_NAMESPACE}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { ...(cookie ? { cookie } : {}), ...headers },
  });
  registry.push(socket);
  return socket;
}

/** Resolves once connected; rejects with the connect_error message (UNAUTHENTICATED, …). */
export function connected(socket: RawSocket, ms = 5_000): Promise<void> {
  return within(
    new Promise<void>((resolve, reject) => {
      if (socket.connected) return resolve();
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    }),
    ms,
    'the socket to connect',
  );
}

export async function rawJoin(socket: RawSocket, name: string, stateVector = Y.encodeStateVector(new Y.Doc())): Promise<JoinReply> {
  return socket.timeout(5_000).emitWithAck(CLIENT_EVENTS.join, { doc: name, stateVector: encodeBinary(stateVector) });
}

export async function rawUpdate(socket: RawSocket, name: string, update: Uint8Array | string, ms = 5_000): Promise<UpdateReply> {
  const encoded = typeof update === 'string' ? update : encodeBinary(update);
  return socket.timeout(ms).emitWithAck(CLIENT_EVENTS.update, { doc: name, update: encoded });
}

/** A Yjs update inserting `content` in the text `t` of a document of its own (a new Yjs client). */
export function insertion(content: string, clientId?: number): Uint8Array {
  const doc = new Y.Doc();
  if (clientId !== undefined) doc.clientID = clientId;
  doc.getText('t').insert(0, content);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** What PostgreSQL holds for a document: rows in the log, whether a snapshot exists, and its text `t`. */
export async function storedDocument(testApp: TestApp, name: string): Promise<{ logRows: number; hasSnapshot: boolean; text: string }> {
  const dataSource = testApp.app.get(DataSource);
  const [snapshots, updates] = await Promise.all([
    dataSource.query('SELECT snapshot FROM collab_documents WHERE name = $1', [name]) as Promise<Array<{ snapshot: Buffer }>>,
    dataSource.query('SELECT payload FROM collab_updates WHERE document = $1 ORDER BY id', [name]) as Promise<Array<{ payload: Buffer }>>,
  ]);
  const doc = new Y.Doc();
  if (snapshots[0]) Y.applyUpdate(doc, snapshots[0].snapshot);
  updates.forEach((row) => Y.applyUpdate(doc, row.payload));
  const text = doc.getText('t').toString();
  doc.destroy();
  return { logRows: updates.length, hasSnapshot: snapshots.length > 0, text };
}

/** Collects the events of a kind a socket receives, for later assertions. */
export function record<E extends keyof ServerToClientEvents>(socket: RawSocket, event: E): Array<Parameters<ServerToClientEvents[E]>[0]> {
  const received: Array<Parameters<ServerToClientEvents[E]>[0]> = [];
  (socket as unknown as { on(event: string, listener: (payload: unknown) => void): void }).on(event, (payload) =>
    received.push(payload as Parameters<ServerToClientEvents[E]>[0]),
  );
  return received;
}

/** Closes clients and raw sockets collected by a test (call in afterEach). */
export function closeAll(clients: CollabClient[], sockets: RawSocket[] = []): void {
  clients.splice(0).forEach((client) => client.close());
  sockets.splice(0).forEach((socket) => socket.disconnect());
}
