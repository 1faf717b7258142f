import type { AxisNode, AxisThreads, CurrentUser, VoteDetail } from '@miroir/shared/contracts';
import type { Locator, Page } from 'playwright-core';
import { browserSessions, demoAxes, discussions, LIVE_WAIT_MS, threadCard } from './support/browser';
import { waitForValue } from '@miroir/shared/testing';

jest.setTimeout(120_000);

const PENDING = 'En attente de connexion — sera envoyé au retour du réseau';

/** An axis of the demo plan the other suites do not write on (they take the first three and the last three). */
async function offlineAxis(page: Page): Promise<AxisNode> {
  const axes = await demoAxes(page);
  return axes[Math.max(3, axes.length - 4)] as AxisNode;
}

async function openAxis(page: Page, axis: AxisNode): Promise<void> {
  await page.goto(`/axes/${axis.id}`);
  await page.getByRole('heading', { level: 2, name: 'Discussions' }).waitFor();
}

function voteCard(page: Page, question: string): Locator {
  return page.getByRole('article', { name: question });
}

/** The few browser globals the page functions below use (this project compiles without the DOM lib). */
interface IdbRequest<T> {
  result: T;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface BrowserGlobals {
  indexedDB: {
    open(name: string): IdbRequest<{
      objectStoreNames: { contains(name: string): boolean };
      transaction(store: string, mode: 'readonly'): { objectStore(name: string): { get(key: string): IdbRequest<unknown> } };
      close(): void;
    }>;
  };
  navigator: { onLine: boolean; serviceWorker: { ready: Promise<unknown>; controller: unknown } };
}

/** How many writes of the user's offline queue are in IndexedDB. */
function storedQueueLength(page: Page, userId: string): Promise<number> {
  return page.evaluate(
    (key) =>
      new Promise<number>((resolve) => {
        const opening = (globalThis as unknown as BrowserGlobals).indexedDB.open('miroir-offline');
        opening.onerror = () => resolve(-1);
        opening.onsuccess = () => {
          const db = opening.result;
          if (!db.objectStoreNames.contains('queues')) return resolve(0);
          const reading = db.transaction('queues', 'readonly').objectStore('queues').get(key);
          reading.onerror = () => resolve(-1);
          reading.onsuccess = () => {
            db.close();
            resolve(typeof reading.result === 'string' ? (JSON.parse(reading.result) as { mutations: unknown[] }).mutations.length : 0);
          };
        };
      }),
    `user:${userId}`,
  );
}

function count(threads: AxisThreads, text: string): number {
  return threads.threads.flatMap((thread) => thread.comments).filter((comment) => comment.body === text).length;
}

describe('comments and ballots written offline, in Chromium', () => {
  const { signIn } = browserSessions();

  it('are queued while offline, survive an offline reload, then are sent once when the network returns', async () => {
    const stamp = Date.now();
    const moderator = await signIn('moderation@miroir.test');
    const axis = await offlineAxis(moderator.page);
    const question = `Vote hors ligne sur «\u00a0${axis.title}\u00a0» (${stamp}) ?`;
    const opened = await moderator.page.request.post(`/api/axes/${axis.id}/votes`, {
      data: { question, kind: 'consent', secret: false, closesAt: new Date(Date.now() + 24 * 3_600_000).toISOString() },
    });
    expect(opened.status()).toBe(201);
    const vote = (await opened.json()) as VoteDetail;

    const claire = await signIn('membre1@miroir.test');
    const antoine = await signIn('membre2@miroir.test');
    const me = (await (await claire.page.request.get('/api/auth/me')).json()) as CurrentUser;
    const existing = `Discussion ouverte en ligne (${stamp})`;
    expect((await claire.page.request.post(`/api/axes/${axis.id}/threads`, { data: { body: existing } })).status()).toBe(201);

    // Once the service worker controls the page, the axis page's api answers are kept for offline use.
    await claire.page.evaluate(async () => {
      await (globalThis as unknown as BrowserGlobals).navigator.serviceWorker.ready;
    });
    await claire.page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).navigator.serviceWorker.controller !== null);
    await openAxis(claire.page, axis);
    await threadCard(claire.page, existing).waitFor();
    const claireVote = voteCard(claire.page, question);
    await claireVote.getByLabel('Pour', { exact: true }).waitFor();

    await claire.context.setOffline(true);
    // The app learns it is offline from the `offline` event: write only once the page has had it,
    // or the first write may still go out (Chromium's offline emulation lets some through).
    await claire.page.waitForFunction(() => !(globalThis as unknown as BrowserGlobals).navigator.onLine);
    const newThread = `Nouvelle discussion écrite hors ligne (${stamp})`;
    const reply = `Réponse écrite hors ligne (${stamp})`;

    await discussions(claire.page).getByRole('button', { name: 'Ouvrir une discussion' }).click();
    await discussions(claire.page).getByLabel('Votre message').fill(newThread);
    await discussions(claire.page).getByRole('button', { name: 'Publier la discussion' }).click();
    await threadCard(claire.page, existing).getByRole('button', { name: 'Répondre' }).click();
    await discussions(claire.page).getByLabel('Votre réponse').fill(reply);
    await discussions(claire.page).getByRole('button', { name: 'Envoyer la réponse' }).click();
    await claireVote.getByLabel('Pour', { exact: true }).check();
    await claireVote.getByRole('button', { name: 'Voter' }).click();

    /** Each write shows its text (or choice) next to the pending mark, none as posted. */
    const expectPending = async (page: Page) => {
      const queuedThread = discussions(page).locator('.comment--queued').filter({ hasText: newThread });
      await queuedThread.getByText(PENDING).waitFor();
      await threadCard(page, existing).locator('.comment--queued').filter({ hasText: reply }).getByText(PENDING).waitFor();
      await voteCard(page, question).getByText('Votre vote (pas encore enregistré)\u00a0: Pour').waitFor();
      await voteCard(page, question).getByText(PENDING).waitFor();
      expect(await discussions(page).locator('.comment-body').filter({ hasText: newThread }).count()).toBe(0);
      expect(await discussions(page).locator('.comment-body').filter({ hasText: reply }).count()).toBe(0);
    };
    await expectPending(claire.page);
    const fromApi = async () => (await antoine.page.request.get(`/api/axes/${axis.id}/threads`)).json() as Promise<AxisThreads>;
    expect(count(await fromApi(), reply)).toBe(0);

    // The queue is in IndexedDB: reload without network, the service worker serves the app.
    await waitForValue(
      () => storedQueueLength(claire.page, me.id),
      (length) => length === 3,
      'the offline queue in IndexedDB',
    );
    await claire.page.reload();
    expect(await claire.page.evaluate(() => (globalThis as unknown as BrowserGlobals).navigator.onLine)).toBe(false);
    await claire.page.getByRole('heading', { level: 1, name: axis.title }).waitFor();
    await expectPending(claire.page);
    expect(count(await fromApi(), reply)).toBe(0);
    expect(count(await fromApi(), newThread)).toBe(0);

    await claire.context.setOffline(false);
    await discussions(claire.page)
      .locator('.comment-body')
      .filter({ hasText: newThread })
      .waitFor({ timeout: LIVE_WAIT_MS * 2 });
    await threadCard(claire.page, existing)
      .locator('.comment-body')
      .filter({ hasText: reply })
      .waitFor({ timeout: LIVE_WAIT_MS * 2 });
    await waitForValue(
      () => claire.page.getByText(PENDING).count(),
      (pending) => pending === 0,
      'the pending marks to disappear',
    );
    expect(await claire.page.locator('.comment--queued').count()).toBe(0);

    // Another member sees them; the api holds each exactly once, and the ballot.
    await openAxis(antoine.page, axis);
    await threadCard(antoine.page, newThread).waitFor({ timeout: LIVE_WAIT_MS });
    await threadCard(antoine.page, existing).locator('.comment-body').filter({ hasText: reply }).waitFor({ timeout: LIVE_WAIT_MS });
    const threads = await fromApi();
    expect(count(threads, reply)).toBe(1);
    expect(count(threads, newThread)).toBe(1);
    const cast = (await (await claire.page.request.get(`/api/votes/${vote.id}`)).json()) as VoteDetail;
    expect(cast.hasVoted).toBe(true);
    expect(cast.voters).toBe(1);
  });
});
