import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRegistry, type TestServer } from '@vigie/server/testing';
import { axeViolations, layoutProblems, openBrowser } from './support/chromium.ts';
import { startDemoAt } from './support/demoServer.ts';

const registry = defaultRegistry();
let server: TestServer;

beforeAll(async () => {
  // The demo a few hours in: every hospital degraded, systems down, an ETA given, a point published.
  server = await startDemoAt(200); // 200 scenario minutes at one hour per minute
});
afterAll(async () => {
  await server.close();
});

describe.each([
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
])('the wall screen at $width×$height', (viewport) => {
  it('shows every hospital and the four SAMU, fits the screen with nothing cut, passes AA contrast, and requests nothing outside the server', async () => {
    const browser = await openBrowser({ origin: server.url, viewport });
    try {
      const { page } = browser;
      await page.goto(`${server.url}/mur`);
      await page.locator('[data-hospital]').first().waitFor();
      const hospitals = await page
        .locator('[data-hospital]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-hospital')));
      expect(new Set(hospitals)).toEqual(new Set(registry.hospitals.map((h) => h.id)));
      expect(await page.locator('[data-samu]').count()).toBe(4);
      await expect.poll(() => page.locator('text=DÉMONSTRATION').count()).toBeGreaterThan(0);
      const panelFont = await page
        .locator('.panel')
        .first()
        .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      expect(panelFont).toBeGreaterThanOrEqual(24 * (viewport.width / 1920));
      // Every site placed once: 36 in Île-de-France (Paris zoom included), 4 in the France inset, HAD and the closed site off-map.
      const sites = (area: string) => page.locator(`[data-map-area="${area}"] [data-site]`).count();
      expect((await sites('paris')) + (await sites('idf'))).toBe(36);
      expect(await sites('france')).toBe(4);
      expect(await page.locator('[data-map-area="offmap"] [data-offmap]').count()).toBe(2);
      expect(await page.locator('[data-offmap][data-closed]').textContent()).toContain('site fermé');
      // No two rendered map labels overlap.
      const overlaps = await page.locator('.hmap__label').evaluateAll((labels) => {
        const boxes = labels.map((l) => l.getBoundingClientRect());
        let n = 0;
        boxes.forEach((a, i) =>
          boxes.slice(i + 1).forEach((b) => {
            if (a.right > b.left + 1 && b.right > a.left + 1 && a.bottom > b.top + 1 && b.bottom > a.top + 1) n += 1;
          }),
        );
        return n;
      });
      expect(overlaps).toBe(0);
      // Map labels read from across the room: 16 CSS px or more at 1920×1080, twice that at 3840×2160.
      const labelSizes = await page.locator('.hmap__label').evaluateAll((labels) =>
        labels.map((l) => {
          const text = l as SVGTextElement;
          return parseFloat(getComputedStyle(text).fontSize) * (text.getScreenCTM()?.a ?? 0);
        }),
      );
      expect(labelSizes).toHaveLength(40);
      expect(Math.min(...labelSizes)).toBeGreaterThanOrEqual(16 * (viewport.width / 1920));
      await page.screenshot({ path: `test-results/wall-${viewport.width}x${viewport.height}.png` });
      const layout = await layoutProblems(page);
      expect(layout).toEqual({ scrolls: false, cut: [] });
      expect(await axeViolations(page)).toEqual([]);
      expect(browser.outside).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
