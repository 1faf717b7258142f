import type { AxisNode, PlanDetail, PlanSummary } from '@miroir/shared/contracts';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function baseUrl(): string {
  const url = process.env['E2E_BASE_URL'];
  if (!url) throw new Error('E2E_BASE_URL is not set: run through the jest "e2e" project');
  return url;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
}

/** A fresh browser context (its own cookies), signed in through the sign-in form. */
export async function signedInPage(browser: Browser, email: string): Promise<BrowserSession> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill('miroir-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const signedIn = page.getByRole('heading', { level: 1, name: 'Plans' });
  // A refused sign-in fails at once with the message the page shows.
  await signedIn.or(page.getByRole('alert')).first().waitFor();
  if (!(await signedIn.isVisible())) throw new Error(`sign-in of ${email} refused: ${await page.getByRole('alert').first().textContent()}`);
  return { context, page };
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
}

/**
 * One Chromium for the calling `describe`, and `signIn` for a new signed-in context in it; every
 * context is closed after the tests, then the browser.
 */
export function browserSessions(): { signIn: (email: string) => Promise<BrowserSession> } {
  let browser: Browser;
  const open: BrowserSession[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(open.splice(0).map((session) => session.context.close()));
    await browser.close();
  });
  return {
    signIn: async (email) => {
      const session = await signedInPage(browser, email);
      open.push(session);
      return session;
    },
  };
}

function flatten(axes: AxisNode[]): AxisNode[] {
  return axes.flatMap((axis) => [axis, ...flatten(axis.children)]);
}

/** The demo plan's axes that are not archived, in tree order: each suite takes its own so that they stay independent. */
export async function demoAxes(page: Page): Promise<AxisNode[]> {
  const plans = (await (await page.request.get('/api/plans')).json()) as PlanSummary[];
  const plan = (await (await page.request.get(`/api/plans/${plans[0]?.id}`)).json()) as PlanDetail;
  return flatten(plan.axes).filter((axis) => !axis.archived);
}

/** The proposal editor of the axis page. */
export function editorOf(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Proposition' });
}

/**
 * How long a change pushed live may take to show in another browser: well under the 15 s poll
 * that takes over when live events do not arrive, so passing proves the push.
 */
export const LIVE_WAIT_MS = 5_000;

/** The « Discussions » section of the axis page. */
export function discussions(page: Page): Locator {
  return page.getByRole('region', { name: 'Discussions' });
}

/** The card of the thread whose comments (or quote) contain `text`. */
export function threadCard(page: Page, text: string): Locator {
  return discussions(page).locator('article.thread-card').filter({ hasText: text });
}
