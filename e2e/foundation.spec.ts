import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, signedInPage } from './support/browser';

jest.setTimeout(60_000);

describe('foundation in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('sends a signed-out visitor to the sign-in page and refuses a wrong password', async () => {
    const context = await browser.newContext({ baseURL: baseUrl() });
    const page = await context.newPage();
    await page.goto('/plans');
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await page.getByLabel('Adresse électronique').fill('membre1@miroir.test');
    await page.getByLabel('Mot de passe').fill('mauvais-mot-de-passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').filter({ hasText: /incorrect/i }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/connexion');
    await context.close();
  });

  it('lets a member sign in, open the demo plan and an axis, then sign out', async () => {
    const { context, page } = await signedInPage(browser, 'membre1@miroir.test');
    await page.getByRole('link', { name: /Plan d'action opérationnel Vaucluse/ }).click();
    await page.getByRole('heading', { level: 1, name: /Plan d'action opérationnel Vaucluse/ }).waitFor();

    await page.getByRole('link', { name: 'Professionnalisation du cadre dirigeant', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Professionnalisation du cadre dirigeant' }).waitFor();
    const breadcrumbs = page.getByRole('navigation', { name: "Fil d'Ariane" });
    await expect(breadcrumbs.textContent()).resolves.toContain("2/ L'animation et l'accompagnement du réseau");
    await expect(page.getByText('Journée de sensibilisation au co-développement').count()).resolves.toBeGreaterThan(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    const me = await page.request.get('/api/auth/me');
    expect(me.status()).toBe(401);
    await context.close();
  });

  it('renders hostile text as text: no script runs from an axis title', async () => {
    const { context, page } = await signedInPage(browser, 'moderation@miroir.test');
    const plans = await (await page.request.get('/api/plans')).json();
    const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>`;
    const created = await page.request.post(`/api/plans/${plans[0].id}/axes`, { data: { title: payload } });
    expect(created.status()).toBe(201);
    const axis = await created.json();
    let dialogs = 0;
    page.on('dialog', () => (dialogs += 1));
    await page.goto(`/axes/${axis.id}`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: '<img' }).waitFor();
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toBe(0);
    await context.close();
  });
});
