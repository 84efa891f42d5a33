/**
 * Every route in real Chromium, on a wide screen and on a phone: axe finds no WCAG 2 A/AA violation,
 * the pages people read on a phone never scroll sideways at 390 px, and every screen (the access
 * pages included) says DÉMONSTRATION while the demo plays. One server with the demo played to
 * Sunday morning, one browser per screen size, signed in as an account that may open every page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRegistry, type TestServer } from '@vigie/server/testing';
import { axeViolations, openBrowser, type Browser } from './support/chromium.ts';
import { startDemoAt } from './support/demoServer.ts';

const systemId = defaultRegistry().systems[0]!.id;

/** Each route, what shows it is ready, and whether it is read on a phone (no sideways scroll at 390 px). */
const routes: {
  path: string;
  ready: string;
  phone: boolean;
  access?: boolean;
}[] = [
  { path: '/', ready: '.impact-matrix table', phone: true },
  {
    path: '/mur',
    ready: '.wall[data-seq] [data-panel="headline"]',
    phone: false,
  },
  { path: '/synthese', ready: '[data-line="published"]', phone: true },
  { path: '/hopital/cochin', ready: '#hospital-page-title', phone: true },
  { path: `/systeme/${systemId}`, ready: '#system-page-title', phone: true },
  { path: '/connexion', ready: 'form[data-form="code"]', phone: true, access: true },
  { path: '/appairage', ready: '[data-page="pairing"][data-status="incomplete"]', phone: false, access: true },
  { path: '/compte', ready: '[data-fact="name"]', phone: false, access: true },
  { path: '/admin', ready: '[data-section="screens"] table, [data-section="screens"] p', phone: false, access: true },
  { path: '/console', ready: '.console__main', phone: false },
];

let server: TestServer;
beforeAll(async () => {
  server = await startDemoAt(1400); // Sunday morning, scenario time: ETA revised, a second point published
});
afterAll(async () => {
  await server.close();
});

/** Whether the page scrolls sideways, and what sticks out to the right outside a box meant to scroll. */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const width = window.innerWidth;
    const scrollsInside = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip') return true;
      }
      return false;
    };
    const outside = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !scrollsInside(el))
      .filter((el) => !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1))
      .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`);
    return { scrollWidth: document.scrollingElement!.scrollWidth, width, outside };
  });

for (const viewport of [
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
]) {
  const phone = viewport.width < 600;
  describe(`every route at ${viewport.width}×${viewport.height}`, () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await openBrowser({ origin: server.url, viewport });
      const { token } = await server.as(['lead', 'admin'], { name: 'Alice Chef' });
      await browser.context.addCookies([{ name: 'vigie_session', value: token, url: server.url }]);
    });
    afterAll(async () => {
      await browser.close();
    });

    for (const route of routes) {
      it(`${route.path}: axe AA${route.access ? ', the demo band' : ''}`, async () => {
        const { page } = browser;
        await page.goto(`${server.url}${route.path}`);
        await page.locator(route.ready).first().waitFor({ timeout: 15_000 });
        if (route.access) {
          // The access pages say DÉMONSTRATION too, those without a socket from the server's probe.
          await page.locator('.demo-banner').waitFor({ timeout: 10_000 });
          expect(await page.locator('.demo-banner').textContent()).toContain('DÉMONSTRATION');
        }
        expect(await axeViolations(page)).toEqual([]);
      });
      if (phone && route.phone) {
        // Right after the axe check of the same page: the page is still open.
        it(`${route.path}: no sideways scroll`, async () => {
          const { page } = browser;
          expect(new URL(page.url()).pathname).toBe(route.path);
          const { scrollWidth, width, outside } = await sideways(page);
          expect({ scrollWidth, outside }).toEqual({ scrollWidth: width, outside: [] });
        });
      }
    }

    it('/console/points: the form of a new point shows its pre-filled text whole, and passes axe AA', async () => {
      const { page } = browser;
      await page.goto(`${server.url}/console/points`);
      await page.getByRole('button', { name: 'Nouveau point de situation' }).click();
      const boxes = page.locator('.statement-editor textarea');
      await boxes.first().waitFor();
      const sizes = await boxes.evaluateAll((list) =>
        list.map((el) => {
          const box = el as HTMLTextAreaElement;
          const line = parseFloat(getComputedStyle(box).lineHeight);
          return { name: box.name, cut: box.scrollHeight > box.clientHeight + 1, lines: box.clientHeight / line };
        }),
      );
      expect(sizes.filter((s) => s.cut)).toEqual([]);
      expect(sizes.filter((s) => s.lines < 3)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    });
  });
}
