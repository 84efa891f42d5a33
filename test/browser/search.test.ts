import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrincipal, type TestServer } from '@vigie/server/testing';
import { axeViolations, openBrowser } from './support/chromium.ts';
import { startDemoAt } from './support/demoServer.ts';

const ENTRY = 'La Pitié-Salpêtrière signale un groupe électrogène en marche depuis 13 h.';
let server: TestServer;

beforeAll(async () => {
  // The demo a few hours in: hospitals degraded, systems down; then a commander names a hospital in the main courante.
  server = await startDemoAt(200); // 200 scenario minutes at one hour per minute
  const reply = await server.app.log.submit(
    'log:add-entry',
    { idempotencyKey: 'search-entry-1', type: 'information', text: ENTRY, verification: 'a-verifier' },
    { principal: buildPrincipal('commander'), origin: { sessionId: null, address: null } },
  );
  if (!reply.ok) throw new Error(reply.error.message);
});
afterAll(async () => {
  await server.close();
});

describe('finding a hospital from the overview', () => {
  it('finds it by a name typed without accents, opens it from a map marker by mouse and keyboard, and its timeline shows the entries naming it', async () => {
    const browser = await openBrowser({ origin: server.url, viewport: { width: 1440, height: 900 } });
    try {
      const { page } = browser;
      await page.goto(`${server.url}/`);
      const box = page.getByRole('combobox', { name: 'Rechercher un hôpital, un système ou un SAMU' });
      await page.locator('[data-map-variant="overview"] [data-site]').first().waitFor();

      // Typed as a person would, without accents; the list is a listbox the arrows walk through.
      await box.pressSequentially('pitie');
      const results = page.getByRole('listbox', { name: 'Résultats de la recherche' });
      const option = results.getByRole('option', { name: /Pitié-Salpêtrière/ });
      await option.waitFor();
      expect(await results.getByRole('option').count()).toBe(1);
      await page.screenshot({ path: 'test-results/search-list.png' });
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('ArrowDown');
      expect(await box.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.url}/hopital/pitie-salpetriere`);
      const heading = page.getByRole('heading', { level: 2, name: 'Hôpital de la Pitié-Salpêtrière' });
      await heading.waitFor();

      // The timeline: the entry naming the hospital, and the values the scenario wrote.
      const timeline = page.getByRole('region', { name: 'Chronologie' });
      const entry = timeline.locator('[data-kind="log"]', { hasText: 'groupe électrogène' });
      await entry.waitFor();
      expect(await entry.textContent()).toMatch(/main courante par .*Information : La Pitié-Salpêtrière signale/);
      await expect.poll(() => timeline.locator('[data-kind="value"]').count()).toBeGreaterThan(0);
      expect(await timeline.locator('[data-kind="log"]').count()).toBe(1);
      await page.screenshot({ path: 'test-results/search-hospital.png', fullPage: true });
      expect(await axeViolations(page)).toEqual([]);

      // A plain click on a marker routes in place: the page is not loaded again.
      await page.getByRole('link', { name: /Retour/ }).click();
      await page.waitForURL(`${server.url}/`);
      await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
      await page.locator('[data-map-variant="overview"] [data-site="hegp"] .hmap__shape').click();
      await page.waitForURL(`${server.url}/hopital/hegp`);
      await page.getByRole('heading', { level: 2, name: 'Hôpital européen Georges-Pompidou' }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

      // By keyboard: Tab reaches the markers, which show a focus ring, and Enter opens the page.
      await page.getByRole('link', { name: /Retour/ }).click();
      await page.locator('[data-map-variant="overview"] [data-site]').first().waitFor();
      let site = '';
      for (let i = 0; i < 200 && !site; i++) {
        await page.keyboard.press('Tab');
        site = await page.evaluate(() => document.activeElement?.getAttribute('data-site') ?? '');
      }
      expect(site).not.toBe('');
      const marker = page.locator(`[data-map-variant="overview"] [data-site="${site}"]`);
      expect(await marker.locator('.hmap__focus-ring').evaluate((e) => getComputedStyle(e).display)).not.toBe('none');
      await page.screenshot({ path: 'test-results/search-marker-focus.png' });
      const href = (await marker.getAttribute('href')) ?? '';
      expect(href).toMatch(/^\/hopital\//);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.url}${href}`);
      expect(browser.outside).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
