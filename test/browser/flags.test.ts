/**
 * Each flag appears and goes at the right moment, in a real browser: the server's clock is moved
 * (screens set theirs by its heartbeats), and the cell's ordinary actions clear what they answer.
 * Also: a live store with nothing reported shows nothing green, anywhere, until someone reports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementFields } from '@vigie/shared/testing';
import {
  buildPrincipal,
  DEFAULT_CLIENT_DIST,
  defaultRegistry,
  startTestServer,
  type TestServer,
} from '@vigie/server/testing';
import { openBrowser, type Browser } from './support/chromium.ts';

const HOUR = 3_600_000;
const registry = defaultRegistry();
const hospital = registry.hospitals[0]!;
const request = { principal: buildPrincipal('lead'), origin: { sessionId: null, address: null } };

let server: TestServer;
let browser: Browser;
let offsetMs = 0;
let n = 0;
const now = () => new Date(Date.now() + offsetMs);
const at = (hours: number) => new Date(now().getTime() + hours * HOUR).toISOString();
const submit = async (name: string, input: Record<string, unknown>) => {
  const reply = await server.app.log.submit(name, { idempotencyKey: `flags-${++n}-key`, ...input }, request);
  if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
  return reply.data as { statementId?: string };
};
const publish = async (nextInHours: number, expectedReturn: string) => {
  const fields = { ...statementFields, expectedReturn, nextPointAt: at(nextInHours) };
  const { statementId } = await submit('statement:draft', { fields });
  await submit('statement:publish', { statementId });
};
const setMode = (mode: string) => submit('hospital:set-operating-mode', { hospitalId: hospital.id, mode });

beforeAll(async () => {
  server = await startTestServer({ clientDist: DEFAULT_CLIENT_DIST, now, heartbeatMs: 500 });
  browser = await openBrowser({ origin: server.url });
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

describe('the flags', () => {
  it('come when a next point, an estimate or a confirmation is overdue, and go when the cell answers it', async () => {
    const { page } = browser;
    const flag = (id: string) => page.locator(`[data-flag="${id}"]`);
    const shown = (id: string) => expect.poll(() => flag(id).count(), { timeout: 5_000 });
    await submit('incident:open', { type: 'sse-numerique', title: 'Panne', cause: 'technique' });
    await setMode('procedures-degradees');
    await submit('eta:revise', { label: 'dimanche matin', targetAt: at(2), reason: 'première estimation' });
    await publish(1, 'Retour attendu dimanche matin.');
    await page.goto(`${server.url}/mur`);
    await page.locator('[data-panel="latest-statement"]').waitFor();
    expect(await page.locator('[data-flag]').count()).toBe(0);

    // An hour and five minutes on: the next point is five minutes late.
    offsetMs += 65 * 60_000;
    await shown('next-point-late').toBe(1);
    expect(await flag('next-point-late').textContent()).toContain('en retard de 5 min');
    expect(await flag('eta-passed').count()).toBe(0);

    // Past the estimate's target: it is flagged as passed, to be revised.
    offsetMs += HOUR;
    await shown('eta-passed').toBe(1);
    expect(await flag('eta-passed').textContent()).toContain('échéance dépassée de 5 min');

    // The lead revises it: no longer passed, but the published point now says otherwise.
    await submit('eta:revise', { label: 'dimanche soir', targetAt: at(6), reason: 'redémarrage plus long' });
    await shown('eta-passed').toBe(0);
    await shown('point-behind-eta').toBe(1);
    expect(await flag('point-behind-eta').textContent()).toContain('« Retour attendu dimanche matin. »');
    expect(await flag('point-behind-eta').textContent()).toContain('dimanche soir');

    // A new point answers both.
    await publish(3, 'Retour attendu dimanche soir.');
    await shown('next-point-late').toBe(0);
    await shown('point-behind-eta').toBe(0);

    // Six hours after the fonctionnement was given, nobody has confirmed it: marked on the wall.
    const name = page.locator(`[data-hospital="${hospital.id}"]`);
    expect(await name.getAttribute('data-unconfirmed')).toBeNull();
    offsetMs += 4 * HOUR;
    await expect.poll(() => name.getAttribute('data-unconfirmed'), { timeout: 5_000 }).toBe('true');
    await setMode('procedures-degradees');
    await expect.poll(() => name.getAttribute('data-unconfirmed'), { timeout: 5_000 }).toBeNull();

    // The overview flags the same things.
    offsetMs += 4 * HOUR;
    await page.goto(`${server.url}/`);
    await page.locator('[data-panel="latest-statement"] [data-flag="next-point-late"]').waitFor();
    expect(await page.locator('[data-panel="eta"] [data-flag="eta-passed"]').count()).toBe(1);
  });
});

describe('live mode from an empty store', () => {
  it('shows nothing green on any screen until a person or automation reports, and says "non renseigné"', async () => {
    const empty = await startTestServer({ clientDist: DEFAULT_CLIENT_DIST });
    const page = await browser.context.newPage();
    // Green on screen: the "ok" tone's colour (#69db7c) in any text, border or fill.
    const greens = () =>
      page.evaluate(() => {
        const found: string[] = [];
        for (const el of document.querySelectorAll<Element>('body *')) {
          const style = getComputedStyle(el);
          const colours = [style.color, style.fill, style.backgroundColor, style.borderTopColor];
          // The connection's "● connecté" is about the link, and a legend is a key to the colours: neither
          // says anything of the situation.
          if (el.closest('.connection, .chart__legend, .hmap__legend, .matrix__legend')) continue;
          const { width, height } = el.getBoundingClientRect();
          if (colours.includes('rgb(105, 219, 124)') && width > 0.5 && height > 0.5)
            found.push(
              `${el.tagName.toLowerCase()}.${String(el.getAttribute('class'))}: ${el.textContent?.slice(0, 30)}`,
            );
        }
        return found;
      });
    try {
      const say = (name: string, input: Record<string, unknown>) =>
        empty.app.log.submit(name, { idempotencyKey: `empty-${++n}-key`, ...input }, request);
      await say('incident:open', { type: 'sse-numerique', title: 'Panne', cause: 'indeterminee' });
      for (const path of ['/mur', '/', `/hopital/${hospital.id}`, `/systeme/${registry.systems[0]!.id}`]) {
        await page.goto(`${empty.url}${path}`);
        await page.locator('.connection--connected').first().waitFor();
        await page.locator('text=Non renseigné >> visible=true').first().waitFor();
        expect(await greens()).toEqual([]);
      }
      expect(await page.locator('[data-fact="samu-unaffected"]').count()).toBe(0);
      // Once the SAMU are reported opérationnel, green appears where it is true.
      await page.goto(`${empty.url}/mur`);
      for (const samu of registry.samu) await say('samu:set-status', { samuId: samu.id, status: 'operationnel' });
      await page.locator('[data-fact="samu-unaffected"]').waitFor();
      expect((await greens()).length).toBeGreaterThan(0);
    } finally {
      await page.close();
      await empty.close();
    }
  });
});
