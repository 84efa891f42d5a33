import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@vigie/server/testing';
import { axeViolations, openBrowser } from './support/chromium.ts';
import { startDemoAt } from './support/demoServer.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startDemoAt(1400); // Sunday morning, scenario time: ETA revised, a second point published
});
afterAll(async () => {
  await server.close();
});

describe('the direction overview', () => {
  it('passes AA contrast, is usable by keyboard down to a hospital page, and speaks English on request', async () => {
    const browser = await openBrowser({ origin: server.url, viewport: { width: 1440, height: 900 } });
    try {
      const { page } = browser;
      await page.goto(`${server.url}/`);
      await page.locator('[data-chart="recovery"]').waitFor();
      await page.locator('.impact-matrix table').waitFor();
      await page.screenshot({ path: 'test-results/overview-1440.png', fullPage: true });
      expect(await axeViolations(page)).toEqual([]);

      // Tab to the first hospital link of the matrix and open it with Enter.
      let reached = '';
      for (let i = 0; i < 80 && !reached.startsWith('/hopital/'); i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(
          () => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href') ?? '',
        );
      }
      expect(reached).toMatch(/^\/hopital\//);
      await page.keyboard.press('Enter');
      await page.locator('.hospital-page').waitFor();
      expect(new URL(page.url()).pathname).toBe(reached);
      expect(await axeViolations(page)).toEqual([]);

      await page.goto(`${server.url}/mur?lang=en`);
      await page.locator('[data-panel="samu"]').waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('[data-panel="samu"]').textContent()).toContain(
        'SAMU – Centre 15: not affected, operating normally',
      );
      expect(browser.outside).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
