import type { AxisNode } from '@miroir/shared/contracts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSessions, demoAxes, discussions, editorOf, LIVE_WAIT_MS, threadCard } from './support/browser';

jest.setTimeout(120_000);

/** Set E2E_SCREENSHOT_DIR to keep screenshots of the discussions of both members. */
const screenshotDir = process.env['E2E_SCREENSHOT_DIR'];

/**
 * An axis of the demo plan for these tests: the co-editing tests use the first ones and the
 * votes test the last one, so take them from the end, before it.
 */
async function threadsAxis(page: Page, fromEnd: number): Promise<AxisNode> {
  const axes = await demoAxes(page);
  return axes[Math.max(3, axes.length - 1 - fromEnd)] as AxisNode;
}

async function openAxis(page: Page, axis: AxisNode): Promise<void> {
  await page.goto(`/axes/${axis.id}`);
  await page.getByRole('heading', { level: 2, name: 'Discussions' }).waitFor();
}

describe('discussions in Chromium', () => {
  const { signIn } = browserSessions();

  it('shows hostile Markdown as harmless text to another member', async () => {
    const author = await signIn('membre1@miroir.test');
    const reader = await signIn('membre2@miroir.test');
    const axis = await threadsAxis(author.page, 1);
    const marker = `Texte lisible ${Date.now()}`;
    const hostile = [
      `${marker} **important** <script>window.__miroirPwned = 'script'</script>`,
      '',
      '<img src=x onerror="window.__miroirPwned = \'img\'">',
      '',
      "[clique-moi](javascript:window.__miroirPwned='link') et [autre](JaVaScRiPt:alert(1)) et [données](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      '',
      '<iframe src="javascript:alert(1)"></iframe>',
      '',
      '![pixel](https://example.invalid/pixel.png)',
    ].join('\n');

    await openAxis(author.page, axis);
    await discussions(author.page).getByRole('button', { name: 'Ouvrir une discussion' }).click();
    await discussions(author.page).getByLabel('Votre message').fill(hostile);
    await discussions(author.page).getByRole('button', { name: 'Publier la discussion' }).click();
    await author.page.getByText('Discussion ouverte.').waitFor();

    const dialogs: string[] = [];
    reader.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await openAxis(reader.page, axis);
    const card = threadCard(reader.page, marker);
    await card.waitFor();
    const body = card.locator('.comment-body');

    // The text stays readable, raw HTML included, shown as typed.
    await body.getByText('important').waitFor();
    expect(await body.textContent()).toContain('<script>');
    expect(await body.textContent()).toContain('clique-moi');
    expect(await body.textContent()).toContain('pixel');

    // Nothing able to run or load anything reached the DOM.
    expect(await body.locator('script, img, iframe, object, embed, svg').count()).toBe(0);
    const hrefs = await body.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(href).toMatch(/^(https?:|mailto:)/i);
    // Clicking what would have been the javascript: link does nothing.
    await body.getByText('clique-moi').click();

    for (const page of [reader.page, author.page]) {
      expect(await page.evaluate(() => (globalThis as { __miroirPwned?: unknown }).__miroirPwned)).toBeUndefined();
    }
    expect(dialogs).toEqual([]);
  });

  it('follows a thread on a passage live: highlighted for the other member, replies both ways', async () => {
    const alice = await signIn('membre1@miroir.test');
    const bob = await signIn('membre2@miroir.test');
    const axis = await threadsAxis(alice.page, 2);
    const passage = `Passage à discuter ${Date.now()}`;

    await Promise.all([openAxis(alice.page, axis), openAxis(bob.page, axis)]);
    await Promise.all([editorOf(alice.page).waitFor(), editorOf(bob.page).waitFor()]);

    // Alice writes a sentence in the proposal and selects it.
    const editor = editorOf(alice.page);
    await editor.click();
    await alice.page.keyboard.press('Control+End');
    if (((await editor.textContent()) ?? '').trim().length > 0) await alice.page.keyboard.press('Enter');
    await alice.page.keyboard.type(passage);
    await editorOf(bob.page).filter({ hasText: passage }).waitFor({ timeout: 15_000 });
    await alice.page.keyboard.press('Shift+Home');

    // She opens a thread on the selected passage, its quote shown in the form.
    const onSelection = discussions(alice.page).getByRole('button', { name: 'Commenter le passage sélectionné' });
    await onSelection.click();
    await discussions(alice.page).getByLabel('Le passage sélectionné dans la proposition').waitFor();
    expect(await discussions(alice.page).getByLabel('Le passage sélectionné dans la proposition').isChecked()).toBe(true);
    await discussions(alice.page).locator('blockquote', { hasText: passage }).waitFor();
    await discussions(alice.page).getByLabel('Votre message').fill('Ce passage mérite une précision.');
    await discussions(alice.page).getByRole('button', { name: 'Publier la discussion' }).click();
    const aliceCard = threadCard(alice.page, passage);
    await aliceCard.waitFor();

    // Bob sees it without reloading, with the passage highlighted in the proposal.
    const bobCard = threadCard(bob.page, passage);
    await bobCard.getByText('Ce passage mérite une précision.').waitFor({ timeout: LIVE_WAIT_MS });
    expect(await bobCard.getByRole('heading', { level: 3 }).textContent()).toMatch(/sur un passage/);
    await editorOf(bob.page).locator('.thread-highlight', { hasText: passage }).first().waitFor({ timeout: 15_000 });

    // Clicking the quote shows the passage in the proposal and marks the thread active.
    await bobCard.locator('blockquote button').click();
    await bob.page.locator('article.thread-card--active', { hasText: passage }).waitFor();

    // Bob replies; Alice sees the reply without reloading.
    await bobCard.getByRole('button', { name: 'Répondre' }).click();
    await bobCard.getByLabel('Votre réponse').fill('Je propose une reformulation.');
    await bobCard.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await bob.page.getByText('Réponse publiée.').waitFor();
    await aliceCard.getByText('Je propose une reformulation.').waitFor({ timeout: LIVE_WAIT_MS });

    if (screenshotDir) {
      mkdirSync(screenshotDir, { recursive: true });
      await alice.page.screenshot({ path: join(screenshotDir, 'threads-alice.png'), fullPage: true });
      await bob.page.screenshot({ path: join(screenshotDir, 'threads-bob.png'), fullPage: true });
    }
  });
});
