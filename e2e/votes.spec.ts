import type { AxisNode } from '@miroir/shared/contracts';
import type { Locator, Page } from 'playwright-core';
import { browserSessions, demoAxes, LIVE_WAIT_MS } from './support/browser';

jest.setTimeout(120_000);



/** The last axis of the demo plan: the co-editing tests use the first ones. */
async function votingAxis(page: Page): Promise<AxisNode> {
  const axes = await demoAxes(page);
  return axes[axes.length - 1] as AxisNode;
}

async function openAxis(page: Page, axis: AxisNode): Promise<void> {
  await page.goto(`/axes/${axis.id}`);
  await page.getByRole('heading', { level: 2, name: 'Votes' }).waitFor();
}

function voteCard(page: Page, question: string): Locator {
  return page.getByRole('article', { name: question });
}

describe('a consent vote in Chromium', () => {
  const { signIn } = browserSessions();

  it('is opened by the moderator, cast by two members, followed live and closed with its result', async () => {
    const moderator = await signIn('moderation@miroir.test');
    const axis = await votingAxis(moderator.page);
    const question = `Adoptez-vous la proposition de l’axe «\u00a0${axis.title}\u00a0» (${Date.now()}) ?`;

    // The moderator opens a consent vote (the default kind) with secret ballots.
    await openAxis(moderator.page, axis);
    await moderator.page.getByRole('button', { name: 'Ouvrir un vote' }).click();
    const form = moderator.page.getByRole('form', { name: 'Ouvrir un vote' });
    await form.getByLabel('Question soumise au vote').fill(question);
    await form.getByLabel('Type de vote').selectOption('consent');
    await form.getByRole('button', { name: 'Ouvrir le vote' }).click();
    const moderatorCard = voteCard(moderator.page, question);
    await moderatorCard.waitFor();
    await moderatorCard.getByText(/Participation\s:\s0 sur \d+/).waitFor();
    // The moderator may vote too, but does not here: two members do.

    const claire = await signIn('membre1@miroir.test');
    const antoine = await signIn('membre2@miroir.test');
    await Promise.all([openAxis(claire.page, axis), openAxis(antoine.page, axis)]);

    const claireCard = voteCard(claire.page, question);
    await claireCard.getByLabel('Pour', { exact: true }).check();
    await claireCard.getByRole('button', { name: 'Voter' }).click();
    await claireCard.getByText('Votre vote a été enregistré.').waitFor();
    await moderatorCard.getByText(/Participation\s:\s1 sur \d+/).waitFor({ timeout: LIVE_WAIT_MS });

    const antoineCard = voteCard(antoine.page, question);
    await antoineCard.getByLabel('Objection', { exact: true }).check();
    await antoineCard.getByRole('button', { name: 'Voter' }).click();
    // An objection without a reason is refused before anything is sent.
    await antoineCard.getByText('Une objection doit être motivée.').waitFor();
    await antoineCard.getByLabel('Motif de l’objection').fill('Le calendrier proposé ne laisse pas le temps de consulter les élus.');
    await antoineCard.getByRole('button', { name: 'Voter' }).click();
    await antoineCard.getByText('Votre vote a été enregistré.').waitFor();

    // Participation follows for the moderator without reloading.
    await moderatorCard.getByText(/Participation\s:\s2 sur \d+/).waitFor({ timeout: LIVE_WAIT_MS });
    expect(await moderatorCard.getByText('Les résultats seront publiés à la clôture du vote.').count()).toBe(1);

    await moderatorCard.getByRole('button', { name: 'Clore le vote' }).click();
    await moderatorCard.getByRole('button', { name: 'Confirmer la clôture' }).click();
    await moderatorCard.getByText('Le vote est clos.').waitFor();

    // Everyone sees the result: one « pour », one objection, no consent, and the objection's reason.
    for (const page of [moderator.page, claire.page, antoine.page]) {
      const card = voteCard(page, question);
      const results = card.getByRole('table', { name: /Résultats du vote/ });
      await results.waitFor({ timeout: LIVE_WAIT_MS });
      await card.getByText('Consentement non obtenu.').waitFor();
      await card.getByText('Le calendrier proposé ne laisse pas le temps de consulter les élus.').waitFor();
      expect(await results.getByRole('row', { name: /^Pour/ }).getByRole('cell').first().textContent()).toBe('1');
      expect(await results.getByRole('row', { name: /^Objection/ }).getByRole('cell').first().textContent()).toBe('1');
      expect(await card.getByRole('button', { name: 'Voter' }).count()).toBe(0);
      expect(await card.getByRole('button', { name: 'Modifier mon vote' }).count()).toBe(0);
    }
    await voteCard(claire.page, question).getByText('Vous avez voté.').waitFor();
    expect(await moderatorCard.getByRole('button', { name: 'Clore le vote' }).count()).toBe(0);
  });
});
