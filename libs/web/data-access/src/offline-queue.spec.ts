import { onlineManager } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgetOfflineQueue, isQueuedMutation, submitQueued } from './offline-queue';
import { createQueryClient } from './query-client';
import { replyMutation } from './threads';

const REPLY = '/api/threads/t-1/comments';
const variables = { axisId: 'a-1', threadId: 't-1', body: { body: 'Bonjour', clientId: '0f8fad5b-d9cb-469f-a165-70867728950e' } };

/** `fetch` answering every request with this status and JSON body (web/testing would be a circular import here). */
function mockFetch(status: number, body: unknown) {
  const fetchMock = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function postedBodies(fetchMock: ReturnType<typeof mockFetch>): unknown[] {
  return (fetchMock.mock.calls as unknown as Array<[string, RequestInit]>)
    .filter(([path, init]) => path === REPLY && init.method === 'POST')
    .map(([, init]) => JSON.parse(String(init.body)));
}

function queued(client: ReturnType<typeof createQueryClient>) {
  return client.getMutationCache().getAll().filter(isQueuedMutation);
}

describe('the offline queue', () => {
  afterEach(() => onlineManager.setOnline(true));

  it('queues a write made offline, and forgets it on sign-out without ever sending it', async () => {
    const fetchMock = mockFetch(201, {});
    const client = createQueryClient();
    client.mount();
    onlineManager.setOnline(false);
    await expect(submitQueued(client, replyMutation, variables, 'u-1')).resolves.toBeNull();
    expect(queued(client).map((mutation) => [mutation.state.isPaused, mutation.meta?.['ownerId']])).toEqual([[true, 'u-1']]);
    await forgetOfflineQueue(client, 'u-1');
    expect(queued(client)).toEqual([]);
    onlineManager.setOnline(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(postedBodies(fetchMock)).toEqual([]);
    client.unmount();
  });

  it('rejects a write refused at its first attempt online, for the form to show, and keeps nothing queued', async () => {
    const fetchMock = mockFetch(409, { statusCode: 409, code: 'THREAD_RESOLVED', message: 'resolved' });
    const client = createQueryClient();
    await expect(submitQueued(client, replyMutation, variables, 'u-1')).rejects.toMatchObject({ status: 409, code: 'THREAD_RESOLVED' });
    expect(postedBodies(fetchMock)).toEqual([variables.body]);
    expect(queued(client)).toEqual([]);
  });
});
