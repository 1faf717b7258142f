import { SessionService } from '@miroir/api/auth';
import { LiveHub } from '@miroir/api/realtime';
import {
  LIVE_CLIENT_EVENTS,
  LIVE_NAMESPACE,
  LIVE_SERVER_EVENTS,
  SESSION_COOKIE_NAME,
  type LiveClientToServerEvents,
  type LiveServerToClientEvents,
  type NotificationEvent,
  type ThreadChangedEvent,
  type VoteChangedEvent,
  type WatchReply,
} from '@miroir/shared/contracts';
import { mentionToken } from '@miroir/shared/domain';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type request from 'supertest';
import { DEMO_EMAILS, createAccount, createOutsider, demoIds, sessionAgent, type DemoIds } from './support/fixtures';
import { sleep, waitFor, within } from './support/collab';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(30_000);

type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

/** How long to wait before concluding that an event will not come. */
const SILENCE_MS = 300;

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

/** A session cookie issued directly (no argon2 sign-in). */
async function cookieOf(testApp: TestApp, userId: string): Promise<string> {
  const session = await testApp.app.get(SessionService).issue(userId);
  return `${SESSION_COOKIE_NAME}=${session.token}`;
}

function liveSocket(url: string, cookie: string | null, registry: LiveSocket[]): LiveSocket {
  const socket: LiveSocket = io(`${url}${LIVE_NAMESPACE}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: cookie ? { cookie } : {},
  });
  registry.push(socket);
  return socket;
}

function connected(socket: LiveSocket): Promise<void> {
  return within(
    new Promise<void>((resolve, reject) => {
      if (socket.connected) return resolve();
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    }),
    5_000,
    'the live socket to connect',
  );
}

/** Sends anything as `axis:watch` (malformed payloads included) and waits for the answer. */
function watch(socket: LiveSocket, payload: unknown): Promise<WatchReply> {
  const raw = socket as unknown as { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<WatchReply> } };
  return raw.timeout(5_000).emitWithAck(LIVE_CLIENT_EVENTS.watch, payload);
}

function record<E extends keyof LiveServerToClientEvents>(socket: LiveSocket, event: E): Array<Parameters<LiveServerToClientEvents[E]>[0]> {
  const received: Array<Parameters<LiveServerToClientEvents[E]>[0]> = [];
  (socket as unknown as { on(event: string, listener: (payload: never) => void): void }).on(event, (payload) => received.push(payload));
  return received;
}

describe('live events (/live)', () => {
  let testApp: TestApp;
  let ids: DemoIds;
  let admin: request.Agent;
  let moderator: request.Agent;
  let member: request.Agent;
  let memberCookie: string;
  let membre2Cookie: string;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    testApp = await startTestApp();
    admin = await sessionAgent(testApp, DEMO_EMAILS.admin);
    moderator = await sessionAgent(testApp, DEMO_EMAILS.moderator);
    member = await sessionAgent(testApp, DEMO_EMAILS.member);
    ids = await demoIds(admin);
    memberCookie = await cookieOf(testApp, ids.userIds[DEMO_EMAILS.member] as string);
    membre2Cookie = await cookieOf(testApp, ids.userIds['membre2@miroir.test'] as string);
  }, 60_000);
  afterEach(() => {
    sockets.splice(0).forEach((socket) => socket.disconnect());
  });
  afterAll(() => testApp.close());

  async function newAxis(): Promise<string> {
    return (await admin.post(`/api/plans/${ids.planId}/axes`).send({ title: `Axe ${randomUUID().slice(0, 8)}` }).expect(201)).body.id;
  }

  async function watching(cookie: string, axisId: string): Promise<LiveSocket> {
    const socket = liveSocket(testApp.url, cookie, sockets);
    await connected(socket);
    expect(await watch(socket, { axisId })).toEqual({ ok: true });
    return socket;
  }

  it('refuses a handshake without a live session', async () => {
    const socket = liveSocket(testApp.url, null, sockets);
    await expect(connected(socket)).rejects.toThrow('UNAUTHENTICATED');
  });

  it('tells a member watching an axis of every thread change another member makes', async () => {
    const axisId = await newAxis();
    const socket = await watching(membre2Cookie, axisId);
    const changes = record(socket, LIVE_SERVER_EVENTS.thread);

    const thread = (await member.post(`/api/axes/${axisId}/threads`).send({ body: 'Pourquoi ce choix ?' }).expect(201)).body;
    await waitFor(() => changes.length === 1, 5_000, 'the created event');
    const reply = (await member.post(`/api/threads/${thread.id}/comments`).send({ body: 'Je précise.' }).expect(201)).body;
    await moderator.post(`/api/threads/${thread.id}/resolve`).expect(200);
    await waitFor(() => changes.length === 3, 5_000, 'the commented and resolved events');

    const memberId = ids.userIds[DEMO_EMAILS.member];
    expect(changes).toEqual<ThreadChangedEvent[]>([
      { axisId, threadId: thread.id, type: 'created', commentId: thread.comments[0].id, actorId: memberId as string },
      { axisId, threadId: thread.id, type: 'commented', commentId: reply.comments[1].id, actorId: memberId as string },
      { axisId, threadId: thread.id, type: 'resolved', actorId: ids.userIds[DEMO_EMAILS.moderator] as string },
    ]);
  });

  it('tells watchers of the participation of a vote, never who voted nor what', async () => {
    const axisId = await newAxis();
    const socket = await watching(membre2Cookie, axisId);
    const changes = record(socket, LIVE_SERVER_EVENTS.vote);
    const vote = (await moderator.post(`/api/axes/${axisId}/votes`).send({ question: 'Adopte-t-on ?', kind: 'consent', secret: false, closesAt: inDays(3) }).expect(201)).body;
    await member.put(`/api/votes/${vote.id}/ballot`).send({ option: 'pour' }).expect(200);
    await moderator.post(`/api/votes/${vote.id}/close`).expect(200);
    await waitFor(() => changes.length === 3, 5_000, 'opened, ballot and closed');
    expect(changes.map((change) => [change.type, change.voteId, change.axisId, change.voters])).toEqual([
      ['opened', vote.id, axisId, 0],
      ['ballot', vote.id, axisId, 1],
      ['closed', vote.id, axisId, 1],
    ]);
    for (const change of changes) expect(Object.keys(change).sort()).toEqual(['axisId', 'eligible', 'type', 'voteId', 'voters'] satisfies Array<keyof VoteChangedEvent>);
  });

  it('answers NOT_FOUND to an outsider, as for an axis that does not exist, and tells them nothing', async () => {
    const axisId = await newAxis();
    const outsider = await createOutsider(testApp);
    const socket = liveSocket(testApp.url, await cookieOf(testApp, outsider.id), sockets);
    await connected(socket);
    const changes = record(socket, LIVE_SERVER_EVENTS.thread);
    const refused = await watch(socket, { axisId });
    expect(refused).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await watch(socket, { axisId: randomUUID() })).toEqual(refused);

    await member.post(`/api/axes/${axisId}/threads`).send({ body: 'Pas pour les intrus.' }).expect(201);
    await sleep(SILENCE_MS);
    expect(changes).toEqual([]);
  });

  it('hides archived axes from those who do not manage axes', async () => {
    const axisId = await newAxis();
    await admin.post(`/api/axes/${axisId}/archive`).expect(200);
    const socket = liveSocket(testApp.url, memberCookie, sockets);
    await connected(socket);
    expect(await watch(socket, { axisId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const adminSocket = liveSocket(testApp.url, await cookieOf(testApp, ids.userIds[DEMO_EMAILS.admin] as string), sockets);
    await connected(adminSocket);
    expect(await watch(adminSocket, { axisId })).toEqual({ ok: true });
  });

  it('answers MALFORMED to malformed payloads, without an acknowledgement too, and stays usable', async () => {
    const axisId = await newAxis();
    const socket = liveSocket(testApp.url, membre2Cookie, sockets);
    await connected(socket);
    for (const payload of [undefined, null, 42, 'texte', [], {}, { axisId: 12 }, { axisId: 'pas-un-uuid' }, { axisId: `${randomUUID()}x` }]) {
      expect([payload, await watch(socket, payload)]).toEqual([payload, expect.objectContaining({ ok: false, code: 'MALFORMED' })]);
    }
    // Without an acknowledgement callback, and with odd events: nothing breaks.
    const raw = socket as unknown as { emit(event: string, ...args: unknown[]): void };
    raw.emit(LIVE_CLIENT_EVENTS.watch, { axisId: 'pas-un-uuid' });
    raw.emit(LIVE_CLIENT_EVENTS.watch);
    raw.emit(LIVE_CLIENT_EVENTS.unwatch, 'rien');
    raw.emit('axis:whatever', { axisId });
    expect(await watch(socket, { axisId })).toEqual({ ok: true });
    expect(socket.connected).toBe(true);
  });

  it('limits the rate of requests of a connection', async () => {
    const socket = liveSocket(testApp.url, membre2Cookie, sockets);
    await connected(socket);
    const replies = await Promise.all(Array.from({ length: 60 }, () => watch(socket, { axisId: 'x' })));
    expect(replies.filter((reply) => !reply.ok && reply.code === 'RATE_LIMITED').length).toBeGreaterThan(0);
    expect(socket.connected).toBe(true);
  });

  it('stops telling a watcher who unwatched the axis', async () => {
    const axisId = await newAxis();
    const socket = await watching(membre2Cookie, axisId);
    const changes = record(socket, LIVE_SERVER_EVENTS.thread);
    const raw = socket as unknown as { timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<WatchReply> } };
    expect(await raw.timeout(5_000).emitWithAck(LIVE_CLIENT_EVENTS.unwatch, { axisId })).toEqual({ ok: true });
    await member.post(`/api/axes/${axisId}/threads`).send({ body: 'Plus personne ?' }).expect(201);
    await sleep(SILENCE_MS);
    expect(changes).toEqual([]);
  });

  it('stops telling a member removed from the workspace at once', async () => {
    const axisId = await newAxis();
    const account = await createAccount(testApp, { workspaceId: ids.workspaceId, role: 'member' });
    const socket = await watching(await cookieOf(testApp, account.id), axisId);
    const changes = record(socket, LIVE_SERVER_EVENTS.thread);
    await member.post(`/api/axes/${axisId}/threads`).send({ body: 'Avant le départ.' }).expect(201);
    await waitFor(() => changes.length === 1, 5_000, 'the event before removal');

    await admin.delete(`/api/workspaces/${ids.workspaceId}/members/${account.id}`).expect(204);
    await member.post(`/api/axes/${axisId}/threads`).send({ body: 'Après le départ.' }).expect(201);
    await sleep(SILENCE_MS);
    expect(changes).toHaveLength(1);
    // And watching again is refused.
    expect(await watch(socket, { axisId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('tells a mentioned member of the new notification, wherever they are', async () => {
    const axisId = await newAxis();
    const membre2Id = ids.userIds['membre2@miroir.test'] as string;
    const socket = liveSocket(testApp.url, membre2Cookie, sockets);
    await connected(socket);
    const notifications = record(socket, LIVE_SERVER_EVENTS.notification);
    const bystander = liveSocket(testApp.url, memberCookie, sockets);
    await connected(bystander);
    const bystanderNotifications = record(bystander, LIVE_SERVER_EVENTS.notification);

    const thread = (await member.post(`/api/axes/${axisId}/threads`).send({ body: `Qu’en penses-tu ${mentionToken('Membre 2', membre2Id)} ?` }).expect(201)).body;
    await waitFor(() => notifications.length === 1, 5_000, 'the notification');
    const stored = (await (await sessionAgent(testApp, 'membre2@miroir.test')).get('/api/notifications').expect(200)).body;
    expect(notifications).toEqual<NotificationEvent[]>([{ notificationId: stored[0].id, axisId, threadId: thread.id }]);
    await sleep(SILENCE_MS);
    expect(bystanderNotifications).toEqual([]);
  });

  it('emits to the watchers of an axis and to a user through the hub', async () => {
    const axisId = await newAxis();
    const socket = await watching(membre2Cookie, axisId);
    const changes = record(socket, LIVE_SERVER_EVENTS.thread);
    const hub = testApp.app.get(LiveHub);
    const event: ThreadChangedEvent = { axisId, threadId: randomUUID(), type: 'edited', actorId: randomUUID() };
    hub.emitToAxis(axisId, LIVE_SERVER_EVENTS.thread, event);
    hub.emitToAxis(randomUUID(), LIVE_SERVER_EVENTS.thread, { ...event, type: 'deleted' });
    await waitFor(() => changes.length === 1, 5_000, 'the event');
    await sleep(50);
    expect(changes).toEqual([event]);
  });
});

const redisUrl = process.env['REDIS_URL'];
const describeWithRedis = redisUrl ? describe : describe.skip;

describeWithRedis(redisUrl ? 'live events across two api instances' : 'live events across two api instances (SKIPPED: set REDIS_URL to run it)', () => {
  let first: TestApp;
  let second: TestApp;
  let ids: DemoIds;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    first = await startTestApp({ REDIS_URL: redisUrl });
    second = await startTestApp({ REDIS_URL: redisUrl }, { schema: first.schema });
    ids = await demoIds(await sessionAgent(first, DEMO_EMAILS.admin));
  }, 60_000);
  afterEach(() => {
    sockets.splice(0).forEach((socket) => socket.disconnect());
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('delivers a change made on one instance to a watcher on the other', async () => {
    const admin = await sessionAgent(first, DEMO_EMAILS.admin);
    const axisId = (await admin.post(`/api/plans/${ids.planId}/axes`).send({ title: 'Axe partagé' }).expect(201)).body.id;
    const membre2Id = ids.userIds['membre2@miroir.test'] as string;
    const cookie = await cookieOf(second, membre2Id);
    const socket = liveSocket(second.url, cookie, sockets);
    await connected(socket);
    expect(await watch(socket, { axisId })).toEqual({ ok: true });
    const changes = record(socket, LIVE_SERVER_EVENTS.thread);
    const notifications = record(socket, LIVE_SERVER_EVENTS.notification);

    const member = await sessionAgent(first, DEMO_EMAILS.member);
    const thread = (await member.post(`/api/axes/${axisId}/threads`).send({ body: `Vu ${mentionToken('Membre 2', membre2Id)} ?` }).expect(201)).body;
    await waitFor(() => changes.length === 1 && notifications.length === 1, 5_000, 'the events relayed through Redis');
    expect(changes[0]).toMatchObject({ axisId, threadId: thread.id, type: 'created' });
    expect(notifications[0]).toMatchObject({ axisId, threadId: thread.id });
  });
});
