import type { AxisNode, CurrentUser } from '@miroir/shared/contracts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import * as Y from 'yjs';
import { demoAxes, editorOf, launchBrowser, signedInPage, type BrowserSession } from './support/browser';
import { waitForValue } from '@miroir/shared/testing';

jest.setTimeout(90_000);

const SAVED = 'Enregistré';
const OFFLINE = 'Hors ligne';

/** Set E2E_SCREENSHOT_DIR to keep screenshots of the axis page while two people edit it. */
const screenshotDir = process.env['E2E_SCREENSHOT_DIR'];





function statusOf(page: Page): Locator {
  return page.getByRole('status').filter({ has: page.locator('.sync-status__text') });
}

async function waitForStatus(page: Page, text: string): Promise<void> {
  await statusOf(page).filter({ hasText: new RegExp(`^${text}$`) }).waitFor();
}

async function openProposal(page: Page, axisId: string): Promise<void> {
  await page.goto(`/axes/${axisId}`);
  await page.getByRole('heading', { level: 2, name: 'Proposition' }).waitFor();
  await editorOf(page).waitFor();
}

/** Types at the end of the proposal, in a new paragraph when it already has text. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  const editor = editorOf(page);
  await editor.click();
  await page.keyboard.press('Control+End');
  if (((await editor.textContent()) ?? '').trim().length > 0) await page.keyboard.press('Enter');
  await page.keyboard.type(text);
}

async function waitForText(page: Page, text: string): Promise<void> {
  await editorOf(page).filter({ hasText: text }).waitFor();
}

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

async function presenceNames(page: Page): Promise<string[]> {
  return page.getByRole('region', { name: 'Présents sur cette proposition' }).getByRole('listitem').allTextContents();
}

/** The few browser globals the page functions below use (this project compiles without the DOM lib). */
interface IdbRequest<T> {
  result: T;
  error: unknown;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface IdbDatabase {
  objectStoreNames: { contains(name: string): boolean };
  transaction(store: string, mode: 'readonly'): { objectStore(name: string): { getAll(): IdbRequest<Uint8Array[]> } };
  close(): void;
}
interface BrowserGlobals {
  indexedDB: { open(name: string): IdbRequest<IdbDatabase> };
  navigator: { onLine: boolean; serviceWorker: { ready: Promise<unknown>; controller: unknown } };
}

/** The proposal as this browser keeps it in IndexedDB, decoded with Yjs. */
async function locallyStoredText(page: Page, databaseName: string): Promise<string> {
  const updates = await page.evaluate(
    (name) =>
      new Promise<number[][]>((resolve, reject) => {
        const request = (globalThis as unknown as BrowserGlobals).indexedDB.open(name);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('updates')) {
            db.close();
            resolve([]);
            return;
          }
          const all = db.transaction('updates', 'readonly').objectStore('updates').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve(all.result.map((update) => Array.from(update)));
          };
        };
      }),
    databaseName,
  );
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, Uint8Array.from(update));
  return doc.getXmlFragment('prosemirror').toString();
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

describe('co-editing a proposal in Chromium', () => {
  let browser: Browser;
  let axes: AxisNode[];
  const open: BrowserSession[] = [];

  async function signIn(email: string): Promise<BrowserSession> {
    const session = await signedInPage(browser, email);
    open.push(session);
    return session;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    const { context, page } = await signedInPage(browser, 'membre1@miroir.test');
    axes = await demoAxes(page);
    await context.close();
    expect(axes.length).toBeGreaterThanOrEqual(3);
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((session) => session.context.close()));
  });

  afterAll(() => browser.close());

  it('shows two members each other’s text, caret and presence, and saves', async () => {
    const axis = axes[0] as AxisNode;
    const claire = await signIn('membre1@miroir.test');
    const antoine = await signIn('membre2@miroir.test');
    await Promise.all([openProposal(claire.page, axis.id), openProposal(antoine.page, axis.id)]);
    await Promise.all([waitForStatus(claire.page, SAVED), waitForStatus(antoine.page, SAVED)]);

    const fromClaire = 'Proposer un cycle de co-développement entre DGS du département.';
    const fromAntoine = 'Ouvrir chaque séance aux DGA et aux secrétaires de mairie.';
    await typeAtEnd(claire.page, fromClaire);
    await waitForText(antoine.page, fromClaire);
    await typeAtEnd(antoine.page, fromAntoine);
    await waitForText(claire.page, fromAntoine);

    // Each sees the other's caret, labelled with the name the server stamped on the presence.
    await claire.page.locator('.collaboration-carets__label', { hasText: 'Antoine Bérard' }).waitFor();
    await antoine.page.locator('.collaboration-carets__label', { hasText: 'Claire Mistral' }).waitFor();

    await waitForValue(() => presenceNames(claire.page), (names) => names.length === 2, 'both presences on Claire’s page');
    expect(await presenceNames(claire.page)).toEqual(['Claire Mistral (vous)', 'Antoine Bérard']);
    expect(await presenceNames(antoine.page)).toEqual(['Antoine Bérard (vous)', 'Claire Mistral']);

    await Promise.all([waitForStatus(claire.page, SAVED), waitForStatus(antoine.page, SAVED)]);
    for (const page of [claire.page, antoine.page]) {
      const text = (await editorOf(page).textContent()) ?? '';
      expect(occurrences(text, fromClaire)).toBe(1);
      expect(occurrences(text, fromAntoine)).toBe(1);
    }

    // Saved means saved on the server: a third browser, with nothing stored locally, gets it all.
    const reader = await signIn('membre3@miroir.test');
    await openProposal(reader.page, axis.id);
    await waitForText(reader.page, fromAntoine);
    expect(await editorOf(reader.page).textContent()).toContain(fromClaire);

    await claire.page.setViewportSize({ width: 1280, height: 900 });
    await editorOf(claire.page).scrollIntoViewIfNeeded();
    await screenshot(claire.page, 'co-editing-claire');
    await screenshot(antoine.page, 'co-editing-antoine');
  });

  it('shows an observer the live text, read-only', async () => {
    const axis = axes[1] as AxisNode;
    const claire = await signIn('membre1@miroir.test');
    const observer = await signIn('observateur@miroir.test');
    await Promise.all([openProposal(claire.page, axis.id), openProposal(observer.page, axis.id)]);

    const editor = editorOf(observer.page);
    expect(await editor.getAttribute('contenteditable')).toBe('false');
    expect(await editor.getAttribute('aria-readonly')).toBe('true');
    await observer.page.getByText('Lecture seule', { exact: true }).waitFor();
    expect(await observer.page.getByRole('toolbar').count()).toBe(0);

    const first = 'Première idée écrite par Claire pendant que l’observateur regarde.';
    await typeAtEnd(claire.page, first);
    await waitForText(observer.page, first);

    // Typing does nothing for the observer, locally or remotely.
    await editor.click();
    await observer.page.keyboard.type('Texte interdit');
    const second = 'Seconde idée, arrivée après la tentative de l’observateur.';
    await typeAtEnd(claire.page, second);
    await waitForText(observer.page, second);
    await waitForStatus(claire.page, SAVED);
    expect(await editor.textContent()).not.toContain('Texte interdit');
    expect(await editorOf(claire.page).textContent()).not.toContain('Texte interdit');
    await waitForValue(() => presenceNames(claire.page), (names) => names.includes('Paul Rigaud'), 'the observer’s presence');
  });

  it('keeps editing offline, survives an offline reload, then merges once back online', async () => {
    const axis = axes[2] as AxisNode;
    const claire = await signIn('membre1@miroir.test');
    const antoine = await signIn('membre2@miroir.test');
    const me = (await (await claire.page.request.get('/api/auth/me')).json()) as CurrentUser;

    // The service worker installed on the sign-in page; once it controls the page, the next
    // navigation's api answers go through it and are kept for offline use.
    await claire.page.evaluate(async () => {
      await (globalThis as unknown as BrowserGlobals).navigator.serviceWorker.ready;
    });
    await claire.page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).navigator.serviceWorker.controller !== null);
    await Promise.all([openProposal(claire.page, axis.id), openProposal(antoine.page, axis.id)]);
    await Promise.all([waitForStatus(claire.page, SAVED), waitForStatus(antoine.page, SAVED)]);

    const online = 'Texte écrit en ligne avant la coupure du réseau.';
    await typeAtEnd(claire.page, online);
    await waitForStatus(claire.page, SAVED);
    await waitForText(antoine.page, online);

    await claire.context.setOffline(true);
    await waitForStatus(claire.page, OFFLINE);
    const offline = 'Texte écrit hors ligne puis retrouvé après rechargement.';
    await typeAtEnd(claire.page, offline);
    await waitForStatus(claire.page, OFFLINE);

    // Wait until the offline edit is in IndexedDB, then reload the page without network.
    const database = `miroir:${me.id}:axis:${axis.id}:proposal`;
    await waitForValue(() => locallyStoredText(claire.page, database), (text) => text.includes(offline), 'the offline edit in IndexedDB');
    await claire.page.reload();
    expect(await claire.page.evaluate(() => (globalThis as unknown as BrowserGlobals).navigator.onLine)).toBe(false);
    await claire.page.getByRole('heading', { level: 1, name: axis.title }).waitFor();
    await waitForText(claire.page, offline);
    expect(await editorOf(claire.page).textContent()).toContain(online);
    await waitForStatus(claire.page, OFFLINE);
    expect(await antoine.page.getByText(offline).count()).toBe(0);

    await claire.context.setOffline(false);
    await waitForStatus(claire.page, SAVED);
    await waitForText(antoine.page, offline);
    await waitForStatus(antoine.page, SAVED);
    for (const page of [claire.page, antoine.page]) {
      const text = (await editorOf(page).textContent()) ?? '';
      expect(occurrences(text, online)).toBe(1);
      expect(occurrences(text, offline)).toBe(1);
    }
    await waitForValue(() => presenceNames(antoine.page), (names) => names.includes('Claire Mistral'), 'Claire back in the presence list');
  });
});
