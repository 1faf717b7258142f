import type { AxisNode } from '@miroir/shared/contracts';
import type { AxeResults, Result } from 'axe-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { baseUrl, demoAxes, discussions, editorOf, launchBrowser } from './support/browser';

jest.setTimeout(240_000);

/** RGAA 4 follows WCAG 2.1 AA: every rule axe-core tags with these levels. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Violations at these impacts fail the test; moderate and minor ones are printed only. */
const BLOCKING = new Set(['serious', 'critical']);

declare const axe: { run: (options: unknown) => Promise<AxeResults> };

interface Audit {
  page: string;
  violations: Result[];
}

/**
 * A new context in the browser. `bypassCSP`: the app's CSP is `script-src 'self'`, which blocks
 * the inline script `addScriptTag` injects axe-core with; the app itself does not need it.
 */
async function newContext(browser: Browser, contexts: BrowserContext[]): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: 'fr-FR', bypassCSP: true });
  contexts.push(context);
  return context.newPage();
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill('miroir-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
}

/** Runs axe-core on the page as it is, after injecting it if this document does not have it yet. */
async function audit(page: Page, name: string): Promise<Audit> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  }
  const results = await page.evaluate(
    (tags) => axe.run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_TAGS,
  );
  return { page: name, violations: results.violations };
}

function describeViolations(audits: Audit[]): string {
  return audits
    .flatMap(({ page, violations }) =>
      violations.map((violation) =>
        [
          `[${violation.impact ?? 'unknown'}] ${violation.id} on « ${page} »: ${violation.help} (${violation.helpUrl})`,
          ...violation.nodes.map((node) => `    ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`),
        ].join('\n'),
      ),
    )
    .join('\n');
}

function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === element.ownerDocument.activeElement);
}

/** Focus may move on the render after the one that closes a form. */
async function expectFocusSoon(locator: Locator): Promise<void> {
  for (let attempt = 0; attempt < 20 && !(await hasFocus(locator)); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await hasFocus(locator)).toBe(true);
}

/**
 * An axis of the demo plan for these tests: the co-editing tests use the first ones, the votes and
 * threads tests the last three.
 */
async function auditedAxis(page: Page): Promise<AxisNode> {
  const axes = await demoAxes(page);
  return axes[Math.max(3, axes.length - 5)] as AxisNode;
}

async function openAxis(page: Page, axis: AxisNode): Promise<void> {
  await page.goto(`/axes/${axis.id}`);
  await page.getByRole('heading', { level: 2, name: 'Discussions' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Votes' }).waitFor();
  await editorOf(page).waitFor();
}

describe('accessibility (axe-core, WCAG 2.1 AA) in Chromium', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const audits: Audit[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    const report = describeViolations(audits);
    console.log(
      report
        ? `axe-core violations (serious and critical fail the test):\n${report}`
        : `axe-core: no violation on the ${audits.length} pages and states audited: ${audits.map(({ page }) => page).join(', ')}`,
    );
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    await browser.close();
  });

  it('finds no serious or critical violation on the main pages, in French and in English', async () => {
    // Sign-in page, signed out.
    const visitor = await newContext(browser, contexts);
    await visitor.goto('/connexion');
    await visitor.getByRole('button', { name: 'Se connecter' }).waitFor();
    audits.push(await audit(visitor, 'connexion'));
    // With the errors of an empty submission shown.
    await visitor.getByRole('button', { name: 'Se connecter' }).click();
    await visitor.locator('.field--error').first().waitFor();
    audits.push(await audit(visitor, 'connexion — erreurs de saisie'));

    // The administrator opens, on an axis, a thread on a passage mentioning a member, and a vote.
    const admin = await newContext(browser, contexts);
    await signIn(admin, 'admin@miroir.test');
    const axis = await auditedAxis(admin);
    await openAxis(admin, axis);
    const passage = `Passage audité ${Date.now()}`;
    const editor = editorOf(admin);
    await editor.click();
    await admin.keyboard.press('Control+End');
    if (((await editor.textContent()) ?? '').trim().length > 0) await admin.keyboard.press('Enter');
    await admin.keyboard.type(passage);
    await admin.keyboard.press('Shift+Home');
    await discussions(admin).getByRole('button', { name: 'Commenter le passage sélectionné' }).click();
    await discussions(admin).getByLabel('Votre message').waitFor();
    audits.push(await audit(admin, 'axe — formulaire de nouvelle discussion sur un passage'));
    await discussions(admin).getByLabel('Mentionner un membre').selectOption({ label: 'Claire Mistral' });
    await discussions(admin).getByRole('button', { name: 'Insérer la mention' }).click();
    await discussions(admin).getByLabel('Votre message').press('End');
    await discussions(admin).getByLabel('Votre message').pressSequentially('pouvez-vous préciser ce passage ?');
    await discussions(admin).getByRole('button', { name: 'Publier la discussion' }).click();
    const card = discussions(admin).locator('article.thread-card', { hasText: passage });
    await card.waitFor();
    await editor.locator('.thread-highlight', { hasText: passage }).first().waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Répondre' }).click();
    await card.getByLabel('Votre réponse').waitFor();
    audits.push(await audit(admin, 'axe — réponse à une discussion'));
    await card.getByRole('button', { name: 'Annuler' }).click();

    const question = `Validez-vous la proposition auditée (${Date.now()}) ?`;
    await admin.getByRole('button', { name: 'Ouvrir un vote' }).click();
    const voteForm = admin.getByRole('form', { name: 'Ouvrir un vote' });
    await voteForm.getByLabel('Question soumise au vote').fill(question);
    audits.push(await audit(admin, 'axe — formulaire d’ouverture de vote'));
    await voteForm.getByRole('button', { name: 'Ouvrir le vote' }).click();
    const ballot = admin.getByRole('article', { name: question });
    await ballot.getByRole('button', { name: 'Voter' }).waitFor();
    audits.push(await audit(admin, 'axe — éditeur, discussion sur un passage, vote ouvert'));
    await ballot.getByLabel('Pour', { exact: true }).check();
    await ballot.getByRole('button', { name: 'Voter' }).click();
    await ballot.getByRole('button', { name: 'Clore le vote' }).click();
    await ballot.getByRole('button', { name: 'Confirmer la clôture' }).click();
    await ballot.getByRole('table', { name: /Résultats du vote/ }).waitFor();
    audits.push(await audit(admin, 'axe — résultats d’un vote clos'));

    await admin.getByRole('link', { name: 'Membres' }).click();
    await admin.getByRole('heading', { level: 1 }).waitFor();
    await admin.getByRole('table').first().waitFor();
    audits.push(await audit(admin, 'membres'));

    // The member mentioned: plans, plan tree with the activity badges, notifications, profile.
    const member = await newContext(browser, contexts);
    await signIn(member, 'membre1@miroir.test');
    audits.push(await audit(member, 'plans'));
    await member.getByRole('main').getByRole('link').first().click();
    await member.locator('ul.axis-tree').waitFor();
    audits.push(await audit(member, 'plan'));

    const menuButton = member.getByRole('button', { name: /^Notifications/ });
    await menuButton.click();
    await member
      .getByText(/vous a mentionné/)
      .first()
      .waitFor();
    audits.push(await audit(member, 'menu des notifications ouvert'));
    await member.keyboard.press('Escape');

    await member.goto('/notifications');
    await member.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await member
      .getByRole('main')
      .getByText(/vous a mentionné/)
      .first()
      .waitFor();
    audits.push(await audit(member, 'notifications'));

    await member.goto('/profil');
    await member.getByRole('heading', { level: 1 }).waitFor();
    await member.getByRole('button').last().waitFor();
    audits.push(await audit(member, 'profil'));

    // The axis page once in English, switched from the header.
    await openAxis(member, axis);
    await member.getByRole('button', { name: 'English' }).click();
    await member.getByRole('heading', { level: 2, name: 'Discussions' }).waitFor();
    await member.locator('html[lang="en"]').waitFor();
    audits.push(await audit(member, 'axis (English)'));
    await member.getByRole('button', { name: 'Français' }).click();

    const blocking = audits.flatMap(({ page, violations }) =>
      violations.filter((violation) => BLOCKING.has(violation.impact ?? '')).map((violation) => `${violation.id} (${page})`),
    );
    expect(blocking).toEqual([]);
  });

  it('opens a discussion from the keyboard and gives focus back when it is cancelled', async () => {
    const page = await newContext(browser, contexts);
    await signIn(page, 'membre2@miroir.test');
    const axis = await auditedAxis(page);
    await openAxis(page, axis);

    const openButton = discussions(page).getByRole('button', { name: 'Ouvrir une discussion' });
    // Tab from the page title (where focus goes after navigation) until the button has focus.
    await page.getByRole('heading', { level: 1 }).focus();
    let reached = false;
    for (let presses = 0; presses < 80 && !reached; presses += 1) {
      await page.keyboard.press('Tab');
      reached = await hasFocus(openButton);
    }
    expect(reached).toBe(true);

    await page.keyboard.press('Enter');
    const message = discussions(page).getByLabel('Votre message');
    await message.waitFor();
    expect(await hasFocus(message)).toBe(true);

    await page.keyboard.press('Escape');
    await message.waitFor({ state: 'detached' });
    await expectFocusSoon(openButton);

    // Same with « Annuler », reached from the message field with Tab.
    await page.keyboard.press('Enter');
    await message.waitFor();
    const cancel = discussions(page).getByRole('button', { name: 'Annuler' });
    reached = false;
    for (let presses = 0; presses < 10 && !reached; presses += 1) {
      await page.keyboard.press('Tab');
      reached = await hasFocus(cancel);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await message.waitFor({ state: 'detached' });
    await expectFocusSoon(openButton);
  });
});
