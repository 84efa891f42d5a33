import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, WebSocket } from 'playwright-core';
import { statementFields } from '@vigie/shared/testing';
import { buildPrincipal, DEFAULT_CLIENT_DIST, startTestServer, type TestServer } from '@vigie/server/testing';
import { openBrowser } from './support/chromium.ts';

let server: TestServer;
/** Tomorrow at 17:00 UTC (a planned time lies within 30 days), and how Paris reads it. */
const nextPointAt = new Date(Math.floor(Date.now() / 86_400_000 + 1) * 86_400_000 + 17 * 3_600_000);
const nextPointInParis = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
}).format(nextPointAt);
const request = { principal: buildPrincipal('lead'), origin: { sessionId: null, address: null } };
let n = 0;
const submitTo = async (to: TestServer, req: typeof request, name: string, input: Record<string, unknown>) => {
  const reply = await to.app.log.submit(name, { idempotencyKey: `public-${++n}-key`, ...input }, req);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data;
};
const submit = (name: string, input: Record<string, unknown>) => submitTo(server, request, name, input);

/** A typical point (the reference incident's second one): every line filled, précisions included. */
const fields = {
  ...statementFields,
  cause: 'Cause technique, sans lien avec une attaque cyber.',
  powerCut: 'Coupure électrique d’environ 3 heures samedi (11 h 00 – 14 h 15).',
  expectedReturn: 'Dimanche en fin d’après-midi.',
  patientImpact: 'Aucun impact sur la sécurité des patients.',
  samu: 'SAMU – Centre 15 : non affectés.',
  emergencies: 'Tous les services, urgences comprises, fonctionnent et sont ouverts.',
  systems: 'Internet, messagerie, téléphonie et liaisons réseau rétablis ; applications médicales en cours.',
  body: 'La situation est ralentie mais maîtrisée.\nLes hôpitaux fonctionnent en procédures dégradées (papier) là où une application manque.',
};
const lines = [
  'cause',
  'power-cut',
  'expected-return',
  'patient-impact',
  'samu',
  'emergencies',
  'systems',
  'body',
  'next-point',
];

beforeAll(async () => {
  server = await startTestServer({ clientDist: DEFAULT_CLIENT_DIST });
  await submit('incident:open', { type: 'sse-numerique', title: 'Panne', cause: 'technique' });
  const draft = await submit('statement:draft', { fields: { ...fields, nextPointAt: nextPointAt.toISOString() } });
  await submit('statement:publish', { statementId: draft.statementId });
  await submit('statement:draft', { fields: { ...fields, cause: 'BROUILLON NON PUBLIÉ' } });
});
afterAll(async () => {
  await server.close();
});

describe('the public summary', () => {
  it('shows an anonymous visitor every field of the published point, never a draft, and prints on one A4 page', async () => {
    const browser = await openBrowser({ origin: server.url, viewport: { width: 1280, height: 900 } });
    try {
      const { page } = browser;
      await page.goto(`${server.url}/synthese`);
      await page.locator('[data-line="cause"]').waitFor();
      for (const line of lines) expect(await page.locator(`[data-line="${line}"]`).count()).toBe(1);
      expect(await page.locator('[data-line="power-cut"] dt').textContent()).toBe('Coupure électrique');
      expect(await page.locator('[data-line="body"] dt').textContent()).toBe('Précisions');
      expect(await page.locator('[data-line="body"] dd').innerText()).toBe(fields.body);
      expect(await page.locator('[data-line="next-point"]').textContent()).toContain(nextPointInParis);
      // The point was just published: its age is given, and its next point is not overdue.
      expect(await page.locator('[data-line="published"]').textContent()).toMatch(/, il y a \d+ s$/);
      expect(await page.locator('[data-flag="overdue-next-point"]').count()).toBe(0);
      expect(await page.content()).not.toContain('BROUILLON');
      await page.screenshot({ path: 'test-results/public-1280.png', fullPage: true });
      // A comfortable reading width on a wide screen: the text does not run the window's width.
      expect((await page.locator('[data-line="body"] dd').boundingBox())!.width).toBeLessThanOrEqual(720);

      // Printed black on white, backgrounds included: the screen's dark background must not reach the paper.
      await page.emulateMedia({ media: 'print' });
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
        'rgb(255, 255, 255)',
      );
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBe(1);
      expect(browser.outside).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('reads on a phone: one column, label above its text, 16 px or more, no sideways scroll, in both languages', async () => {
    const browser = await openBrowser({ origin: server.url, viewport: { width: 390, height: 844 } });
    try {
      const { page } = browser;
      for (const lang of ['fr', 'en']) {
        await page.goto(`${server.url}/synthese?lang=${lang}`);
        // Measured on the live page, not on the offline copy the previous visit left.
        await page.locator('[data-testid="data-age"]', { hasText: 'confirm' }).waitFor();
        await page.locator('.stale-banner').waitFor({ state: 'detached' });
        await page.screenshot({ path: `test-results/public-390-${lang}.png`, fullPage: true });
        expect(await horizontalScroll(page)).toEqual({ scrollWidth: 390, innerWidth: 390 });
        for (const line of lines.filter((l) => l !== 'next-point')) {
          const label = (await page.locator(`[data-line="${line}"] dt`).boundingBox())!;
          const text = (await page.locator(`[data-line="${line}"] dd`).boundingBox())!;
          expect(label.y + label.height, `${line}: label above its text`).toBeLessThanOrEqual(text.y + 1);
          expect(Math.abs(label.x - text.x), `${line}: one column`).toBeLessThanOrEqual(1);
          // The text takes the column's width, not the space left beside a label.
          expect(text.width, `${line}: full width`).toBeGreaterThan(300);
        }
        for (const selector of ['.public-summary dd', '.public-summary dt', '[data-line="next-point"]', 'h1']) {
          const sizes = await page
            .locator(selector)
            .evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
          expect(Math.min(...sizes), selector).toBeGreaterThanOrEqual(16);
        }
      }
      expect(await page.locator('[data-line="power-cut"] dt').textContent()).toBe('Power cut');
      expect(browser.outside).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('renders the wall when reached by a LAN name over plain HTTP (not a secure context)', async () => {
    const lan = `http://vigie.test:${server.port}`;
    server.allowedOrigins.push(lan);
    const browser = await openBrowser({ origin: lan, hostRules: 'MAP vigie.test 127.0.0.1' });
    try {
      const { page } = browser;
      await page.goto(`${lan}/mur`);
      await page.locator('[data-samu="samu-75"]').waitFor();
      expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
      expect(browser.outside).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('the public summary in the demo', () => {
  let demo: TestServer;
  const scenario = {
    principal: {
      actor: { kind: 'scenario' as const, id: 'scenario', name: 'scénario' },
      roles: [],
      scenario: { speed: 60 },
    },
    origin: { sessionId: null, address: null },
  };
  /** The demo starts Saturday 11:00 in Paris (09:00 UTC), one simulated hour per real minute. */
  const simStart = Date.parse('2024-08-03T09:00:00.000Z');
  let realStart = 0;
  /** The real instant at which the demo's clock reads `sim` (what the page's clock must be set to). */
  const realAt = (sim: string) => realStart + (Date.parse(sim) - simStart) / 60;
  /**
   * The server's clock, stopped where a test puts it (screens set theirs by its heartbeats): the page's
   * clock alone would be corrected back by the next one.
   */
  let stoppedAt: number | null = null;
  const now = () => new Date(stoppedAt ?? Date.now());
  /**
   * Stops both clocks at the same instant, then lets the page take in a heartbeat sent at it: a paused
   * page clock holds its animation frames too, and the page publishes what it heard once per frame.
   */
  const stopAt = async (page: Page, socket: WebSocket, real: number) => {
    stoppedAt = real;
    const at = new Date(real).toISOString();
    const heard = socket.waitForEvent('framereceived', {
      predicate: ({ payload }) => String(payload).includes('"server:heartbeat"') && String(payload).includes(at),
      timeout: 10_000,
    });
    await page.clock.pauseAt(real);
    await heard;
    await page.clock.runFor(16);
  };

  beforeAll(async () => {
    demo = await startTestServer({ kind: 'demo', clientDist: DEFAULT_CLIENT_DIST, now, heartbeatMs: 500 });
    const say = (name: string, input: Record<string, unknown>) => submitTo(demo, scenario, name, input);
    await say('incident:open', {
      type: 'sse-numerique',
      title: 'Panne',
      cause: 'technique',
      startedAt: new Date(simStart).toISOString(),
    });
    realStart = Date.parse(demo.app.log.situation.clock!.realStart);
    // Published Saturday 11:00, next point due 15:00 (Paris), both on the scenario's clock.
    const draft = await say('statement:draft', { fields: { ...fields, nextPointAt: '2024-08-03T13:00:00.000Z' } });
    await say('statement:publish', { statementId: draft.statementId, effectiveAt: new Date(simStart).toISOString() });
  });
  afterAll(async () => {
    await demo.close();
  });

  it('flags the next point as overdue on the simulated clock once its time passes, and not before', async () => {
    const browser = await openBrowser({ origin: demo.url, viewport: { width: 390, height: 844 } });
    try {
      const { page } = browser;
      const socket = page.waitForEvent('websocket');
      // 36 real seconds before the first jump below: the page's 30-second refresh is due by then if the page
      // loads within 6 s, and its socket's ping timeout (45 s after the last ping, on the page's clock) is
      // not if within 9 s: a jump past it would close the socket.
      await page.clock.install({ time: realAt('2024-08-03T12:22:00.000Z') });
      await page.goto(`${demo.url}/synthese`);
      await page.locator('[data-line="cause"]').waitFor();

      // What the page reads once the server's next heartbeat agrees with its clock (a heartbeat sent just
      // before the clocks were stopped may move it for a moment).
      const shown = () =>
        expect.poll(
          async () => [
            await page.locator('[data-line="published"]').textContent(),
            await page.locator('[data-line="next-point"]').textContent(),
            await page.locator('[data-flag="overdue-next-point"]').count(),
          ],
          { timeout: 10_000 },
        );

      // Two simulated minutes before the next point: its age, no flag.
      await stopAt(page, await socket, realAt('2024-08-03T12:58:00.000Z'));
      await shown().toEqual([
        'Point de situation n° 1, publié sam. 11:00, il y a 3 h 58 min',
        'Prochain point prévu à sam. 15:00',
        0,
      ]);

      // Half a simulated hour past it (30 real seconds): flagged where the time is read.
      // A fresh ping from the server first (every 25 s): the next jump then stays within the ping timeout.
      await (
        await socket
      ).waitForEvent('framereceived', { predicate: ({ payload }) => payload === '2', timeout: 30_000 });
      await stopAt(page, await socket, realAt('2024-08-03T13:30:00.000Z'));
      await shown().toEqual([
        'Point de situation n° 1, publié sam. 11:00, il y a 4 h 30 min',
        'Prochain point prévu à sam. 15:00 — ⚠ en retard de 30 min',
        1,
      ]);
      await page.screenshot({ path: 'test-results/public-390-overdue.png', fullPage: true });
      expect(await horizontalScroll(page)).toEqual({ scrollWidth: 390, innerWidth: 390 });
      expect(browser.outside).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

async function horizontalScroll(page: Page) {
  return page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
  }));
}
