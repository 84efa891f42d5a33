/**
 * The commander console as people use it, in real Chromium: a commander puts a hospital in
 * procédures dégradées and drafts a point de situation, the lead publishes it and a paired wall
 * and /synthese show it; two commanders on the same item see the conflict; a person's recent changes
 * survive a reload and show, undoable, on their other browser; every section fits a
 * laptop and a tablet, passes axe AA, and every control is reachable by keyboard and big enough to touch.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildPrincipal, DEFAULT_CLIENT_DIST, startTestServer, type TestServer } from '@vigie/server/testing';
import { axeViolations, openBrowser, type Browser } from './support/chromium.ts';

const shots = join(import.meta.dirname, '../../test-results');
let server: TestServer;
const browsers: Browser[] = [];

beforeAll(async () => {
  server = await startTestServer({ clientDist: DEFAULT_CLIENT_DIST, openRead: false, heartbeatMs: 500 });
  const lead = { principal: buildPrincipal('lead', 'set-up'), origin: { sessionId: null, address: null } };
  const opened = await server.app.log.submit(
    'incident:open',
    {
      idempotencyKey: 'console-open-1',
      type: 'sse-numerique',
      title: 'Coupure électrique chez l’hébergeur',
      cause: 'technique',
    },
    lead,
  );
  expect(opened.ok).toBe(true);
});
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
});
afterAll(async () => {
  await server.close();
});

/** A browser signed in as a fresh account with these roles. */
async function signedIn(roles: Parameters<TestServer['as']>[0], name: string, viewport = { width: 1366, height: 768 }) {
  const b = await openBrowser({ origin: server.url, viewport });
  browsers.push(b);
  const { token } = await server.as(roles, { name });
  await b.context.addCookies([{ name: 'vigie_session', value: token, url: server.url }]);
  return b.page;
}

const control = (page: Page, item: string) => page.locator(`[data-item="${item}"]`);

describe('the commander console', () => {
  it('takes a hospital to procédures dégradées and a drafted point to the wall and the public summary', async () => {
    const claire = await signedIn('commander', 'Claire Martin');
    await claire.goto(`${server.url}/console/hopitaux?hopital=cochin`);
    const mode = control(claire, 'operating-mode/cochin');
    await mode.getByLabel('Nouvelle valeur').selectOption({ label: 'Procédures dégradées (papier)' });
    await mode.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => mode.textContent(), { timeout: 10_000 }).toMatch(/Claire Martin/);
    expect(server.app.log.situation.items['operating-mode']['cochin']).toMatchObject({
      value: 'procedures-degradees',
      by: { name: 'Claire Martin' },
    });
    await claire.screenshot({ path: join(shots, 'console-hospital.png'), fullPage: true });

    // The draft starts from the live situation.
    await claire.getByRole('link', { name: 'Points de situation' }).click();
    await claire.getByRole('button', { name: 'Nouveau point de situation' }).click();
    const samuLine = claire.getByLabel('SAMU', { exact: false }).first();
    expect(await samuLine.inputValue()).toMatch(/SAMU/);
    await claire
      .getByLabel('Impact pour les patients')
      .fill('Prise en charge assurée, Cochin en procédures dégradées.');
    await claire.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expect
      .poll(() => Object.values(server.app.log.situation.statements).filter((s) => s.status === 'draft').length)
      .toBe(1);
    await claire.screenshot({ path: join(shots, 'console-draft.png'), fullPage: true });
    // A commander drafts; only the lead publishes.
    expect(await claire.getByRole('button', { name: /Publier le point/ }).count()).toBe(0);

    const lead = await signedIn('lead', 'Louis Durand');
    await lead.goto(`${server.url}/console/points`);
    await lead.getByRole('button', { name: 'Publier le point n° 1' }).click();
    await lead.getByRole('button', { name: 'Confirmer' }).click();
    await expect
      .poll(() => Object.values(server.app.log.situation.statements).find((s) => s.status === 'published')?.number)
      .toBe(1);
    await lead.screenshot({ path: join(shots, 'console-published.png'), fullPage: true });

    // A paired wall screen and the public summary show it.
    const pairing = await server.app.access.registerScreen('Salle de crise – mur 1', {
      principal: buildPrincipal('admin', 'set-up-admin'),
      origin: { sessionId: null, address: null },
    });
    const wall = await openBrowser({ origin: server.url });
    browsers.push(wall);
    await wall.page.goto(`${server.url}/appairage#${pairing.secret}`);
    await wall.page.waitForURL(`${server.url}/mur`);
    await expect
      .poll(() => wall.page.locator('[data-fact="statement"]').textContent(), { timeout: 15_000 })
      .toMatch(/n° 1/);
    expect(await wall.page.locator('[data-session="screen"]').textContent()).toContain('Salle de crise – mur 1');
    // The wall names Cochin among the hospitals in procédures dégradées, and follows a change made in the console.
    const cochinOnWall = wall.page.locator('[data-hospital="cochin"]');
    expect(await cochinOnWall.getAttribute('data-mode')).toBe('procedures-degradees');
    await claire.goto(`${server.url}/console/hopitaux?hopital=cochin`);
    await mode.getByLabel('Nouvelle valeur').selectOption({ label: 'Ralenti – maîtrisé' });
    await mode.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => cochinOnWall.getAttribute('data-mode'), { timeout: 10_000 }).toBe('ralenti-maitrise');
    expect(await wall.page.locator('[data-group="ralenti-maitrise"]').textContent()).toMatch(
      /Ralenti – maîtrisé \(1\)/,
    );

    const reader = await openBrowser({ origin: server.url });
    browsers.push(reader);
    await reader.page.goto(`${server.url}/synthese`);
    await expect
      .poll(() => reader.page.textContent('body'), { timeout: 15_000 })
      .toContain('Prise en charge assurée, Cochin en procédures dégradées.');
    expect(await reader.page.textContent('body')).toMatch(/n° 1/);
  });

  it('shows two commanders editing the same item the other’s change, and overwrites nothing', async () => {
    const claire = await signedIn('commander', 'Claire Martin');
    const marc = await signedIn('commander', 'Marc Petit');
    for (const page of [claire, marc]) await page.goto(`${server.url}/console/hopitaux?hopital=hegp`);
    const dpi = (page: Page) => control(page, 'system/hegp:dpi');
    // Both start editing the same system from the same version.
    await dpi(claire).getByLabel('Nouvelle valeur').selectOption({ label: 'Indisponible' });
    await dpi(marc).getByLabel('Nouvelle valeur').selectOption({ label: 'Dégradé' });
    await dpi(claire).getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => server.app.log.situation.items.system['hegp:dpi']?.value).toBe('indisponible');

    // Marc is told before he saves, and refused if he saves anyway.
    await expect
      .poll(() => dpi(marc).textContent(), { timeout: 10_000 })
      .toMatch(/Modifié entre-temps par Claire Martin/);
    await dpi(marc).getByRole('button', { name: 'Enregistrer' }).click();
    const refusal = dpi(marc).locator('[data-error="conflict"]');
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.textContent()).toMatch(/Claire Martin/);
    expect(server.app.log.situation.items.system['hegp:dpi']).toMatchObject({
      value: 'indisponible',
      by: { name: 'Claire Martin' },
    });
    await marc.screenshot({ path: join(shots, 'console-conflict.png'), fullPage: true });
  });

  it('keeps a person’s recent changes across a reload and on their other browser, which can undo them', async () => {
    const { token } = await server.as('commander', { name: 'Nadia Benali' });
    /** A browser signed in with Nadia's session, on Necker's console. */
    const asNadia = async () => {
      const b = await openBrowser({ origin: server.url, viewport: { width: 1366, height: 768 } });
      browsers.push(b);
      await b.context.addCookies([{ name: 'vigie_session', value: token, url: server.url }]);
      await b.page.goto(`${server.url}/console/hopitaux?hopital=necker`);
      return b.page;
    };
    const recent = (page: Page) => page.getByRole('region', { name: 'Vos dernières modifications' });
    const laptop = await asNadia();
    const dpi = control(laptop, 'system/necker:dpi');
    const before = server.app.log.situation.items.system['necker:dpi']!.value;
    await dpi.getByLabel('Nouvelle valeur').selectOption({ label: 'Indisponible' });
    await dpi.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => server.app.log.situation.items.system['necker:dpi']?.value).toBe('indisponible');
    await expect.poll(() => recent(laptop).textContent(), { timeout: 10_000 }).toMatch(/Necker – DPI.*→ Indisponible/);

    // The page forgets everything on reload; the list comes back from the server.
    await laptop.reload();
    await expect.poll(() => recent(laptop).textContent(), { timeout: 10_000 }).toMatch(/Necker – DPI.*→ Indisponible/);

    // Her other browser shows the same change, and undoes it; the laptop sees it undone.
    const tablet = await asNadia();
    await recent(tablet).getByRole('button', { name: 'Annuler cette modification' }).click();
    await recent(tablet).getByRole('button', { name: 'Confirmer' }).click();
    await expect.poll(() => server.app.log.situation.items.system['necker:dpi']?.value).toBe(before);
    await expect
      .poll(() => recent(laptop).locator('[data-status="undone"]').textContent(), { timeout: 10_000 })
      .toMatch(/annulée/);
    expect(await recent(laptop).locator('[data-status="undoable"]').textContent()).toMatch(
      /annulation d’une modification/,
    );
    await tablet.screenshot({ path: join(shots, 'console-undo.png'), fullPage: true });
  });

  for (const [device, viewport] of [
    ['laptop', { width: 1366, height: 768 }],
    ['tablet', { width: 820, height: 1180 }],
  ] as const) {
    it(`fits a ${device} (${viewport.width}×${viewport.height}): no overflow, axe AA, keyboard and touch targets in every section`, async () => {
      const page = await signedIn(['commander', 'lead', 'admin'], 'Alice Chef', viewport);
      const sections = ['hopitaux', 'groupe', 'samu', 'incident', 'main-courante', 'points', 'audit'];
      for (const section of sections) {
        await page.goto(`${server.url}/console/${section}?hopital=cochin`);
        await page.locator('.console__main').waitFor();
        await page.waitForFunction(
          () => !document.querySelector('.console__main')?.textContent?.includes('En attente'),
        );
        const problems = await consoleProblems(page);
        expect({ section, ...problems }).toEqual({ section, overflow: [], small: [], unreached: [] });
        expect({ section, axe: await axeViolations(page) }).toEqual({ section, axe: [] });
        await page.screenshot({ path: join(shots, `console-${device}-${section}.png`), fullPage: true });
      }
    });
  }
});

/**
 * What breaks the console for a person: content wider than the window (outside boxes meant to
 * scroll), controls smaller than 44 px to touch, and controls the Tab key never reaches.
 */
async function consoleProblems(page: Page): Promise<{ overflow: string[]; small: string[]; unreached: string[] }> {
  const focusable =
    'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex="0"]';
  const { overflow, small, total } = await page.evaluate((selector) => {
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()} ${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 40)}`;
    const scrollsInside = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x === 'auto' || x === 'scroll') return true;
      }
      return false;
    };
    const overflow: string[] = [];
    if (document.scrollingElement!.scrollWidth > window.innerWidth + 1) overflow.push('the page scrolls sideways');
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || el.closest('.visually-hidden') || scrollsInside(el)) continue;
      if (r.right > window.innerWidth + 1 || r.left < -1) overflow.push(name(el));
    }
    // Shown controls only (not those of a closed <details>).
    const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter(
      (el) => el.checkVisibility({ visibilityProperty: true }) && !el.closest('.visually-hidden'),
    );
    // Links inside a sentence and scrollable boxes are not touch targets (WCAG 2.5.8's inline exception).
    const small = controls
      .filter((el) => !(el instanceof HTMLAnchorElement && getComputedStyle(el).display === 'inline'))
      .filter((el) => !el.matches('[tabindex="0"]'))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return el.matches('input[type=checkbox], input[type=radio]') ? r.height < 24 : r.height < 44;
      })
      .map(name);
    return { overflow: overflow.slice(0, 10), small: small.slice(0, 10), total: controls.length };
  }, focusable);
  // Tab from the top until the focus comes back round; every visible control must have had it.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // (A date-and-time field takes several presses, one per part.)
  for (let i = 0; i < total * 8 + 20; i++) {
    await page.keyboard.press('Tab');
    const again = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return false;
      const first = document.querySelector('[data-reached="first"]');
      if (!first) el.setAttribute('data-reached', 'first');
      else if (!el.hasAttribute('data-reached')) el.setAttribute('data-reached', '1');
      return el === first && document.querySelectorAll('[data-reached]').length > 1;
    });
    if (again) break;
  }
  const unreached = await page.evaluate(
    (selector) =>
      [...document.querySelectorAll<HTMLElement>(selector)]
        .filter((el) => el.checkVisibility({ visibilityProperty: true }) && !el.closest('.visually-hidden'))
        .filter((el) => !el.hasAttribute('data-reached'))
        // A radio group is one Tab stop; its other choices are reached with the arrow keys.
        .filter(
          (el) =>
            !(el instanceof HTMLInputElement && el.type === 'radio') ||
            !document.querySelector(`input[type=radio][name="${el.name}"][data-reached]`),
        )
        .map((el) => el.outerHTML.slice(0, 80)),
    focusable,
  );
  return { overflow, small, unreached };
}
