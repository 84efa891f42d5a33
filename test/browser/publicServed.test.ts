/**
 * /synthese as the server renders it: readable and printable with JavaScript turned off; with it on,
 * the page's script takes over from what the server rendered (never a "waiting" flash, still there
 * when its socket cannot connect) and then keeps it live. Needs a build (`pnpm --filter @vigie/client build`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPublic } from '@vigie/shared';
import { statementFields } from '@vigie/shared/testing';
import { buildPrincipal, DEFAULT_CLIENT_DIST, startTestServer, type TestServer } from '@vigie/server/testing';
import { openBrowser } from './support/chromium.ts';

let server: TestServer;
const request = { principal: buildPrincipal('lead'), origin: { sessionId: null, address: null } };
let n = 0;
async function submit(name: string, input: Record<string, unknown>) {
  const reply = await server.app.log.submit(name, { idempotencyKey: `served-${++n}-key`, ...input }, request);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data as { statementId?: string };
}
async function publish(fields: Record<string, unknown>) {
  const { statementId } = await submit('statement:draft', { fields: { ...statementFields, ...fields } });
  await submit('statement:publish', { statementId });
}

/** Every line a point shows, précisions included. */
const fields = {
  cause: 'Panne électrique chez l’hébergeur.',
  powerCut: 'Environ 3 heures.',
  expectedReturn: 'Dimanche en fin d’après-midi.',
  patientImpact: 'Aucun impact sur la sécurité des patients.',
  samu: 'Non affectés.',
  emergencies: 'Ouvertes.',
  systems: 'Messagerie rétablie ; applications médicales en cours.',
  body: 'Procédures dégradées (papier).\nPas de transfert.',
};
const lines = ['cause', 'power-cut', 'expected-return', 'patient-impact', 'samu', 'emergencies', 'systems', 'body'];

beforeAll(async () => {
  server = await startTestServer({ clientDist: DEFAULT_CLIENT_DIST });
  await submit('incident:open', { type: 'sse-numerique', title: 'Panne', cause: 'technique' });
  await publish({ ...fields, nextPointAt: new Date(Date.now() + 3_600_000).toISOString() });
});
afterAll(async () => {
  await server.close();
});

describe('/synthese without JavaScript', () => {
  it('reads the whole published point, styled, and prints it on one A4 page', async () => {
    const browser = await openBrowser({
      origin: server.url,
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
    });
    try {
      const { page } = browser;
      await page.goto(`${server.url}/synthese`);
      expect(await page.title()).toBe('Synthèse publique – incident informatique');
      expect(await page.locator('h1').textContent()).toBe('Synthèse publique – incident informatique');
      expect(await page.locator('[data-line="published"]').textContent()).toMatch(
        /^Point de situation n° 1, publié .+, il y a \d+ s$/,
      );
      for (const line of lines) expect(await page.locator(`[data-line="${line}"]`).count(), line).toBe(1);
      expect(await page.locator('[data-line="body"] dt').textContent()).toBe('Précisions');
      expect(await page.locator('[data-line="body"] dd').innerText()).toBe(fields.body);
      // The dashboard's styles apply (the reading column), though no script ran (no connection footer).
      expect((await page.locator('[data-line="body"] dd').boundingBox())!.width).toBeLessThanOrEqual(720);
      expect(await page.locator('[data-testid="data-age"]').count()).toBe(0);
      await page.screenshot({ path: 'test-results/public-noscript-1280.png', fullPage: true });

      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
      expect(browser.outside).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('/synthese with JavaScript', () => {
  it('goes on from the server’s rendering without a waiting flash, then shows a newly published point live', async () => {
    const browser = await openBrowser({ origin: server.url, viewport: { width: 390, height: 844 } });
    try {
      const { page } = browser;
      // Watches every state the page's root goes through, from the first parse on.
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { rootTexts: string[] }).rootTexts = seen;
        new MutationObserver(() => {
          const root = document.getElementById('root');
          if (root) seen.push(root.textContent ?? '');
        }).observe(document, {
          childList: true,
          subtree: true,
          characterData: true,
        });
      });
      await page.goto(`${server.url}/synthese`);
      // The script has taken over (its connection footer) and the socket is live.
      await page.locator('[data-testid="data-age"]', { hasText: 'confirmées' }).waitFor();
      expect(await page.locator('[data-line="cause"] dd').textContent()).toBe(fields.cause);
      const texts = await page.evaluate(() => (window as unknown as { rootTexts: string[] }).rootTexts);
      // From the moment the parser filled the root, it always held the point: the server's, then the script's.
      const shown = texts.slice(texts.findIndex((t) => t !== ''));
      expect(shown.length).toBeGreaterThan(1);
      expect(shown.filter((t) => t.includes('En attente des données'))).toEqual([]);
      expect(shown.filter((t) => !t.includes(fields.cause))).toEqual([]);

      await publish({ ...fields, cause: 'Cause révisée après le point 1.', nextPointAt: null });
      await page.locator('[data-line="published"]', { hasText: 'Point de situation n° 2' }).waitFor();
      expect(await page.locator('[data-line="cause"] dd').textContent()).toBe('Cause révisée après le point 1.');
      expect(await page.locator('[data-line="next-point"]').count()).toBe(0);
      expect(browser.outside).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('keeps showing the server’s rendering when its socket cannot connect', async () => {
    const latest = projectPublic(server.app.log.situation).statement!;
    const browser = await openBrowser({ origin: server.url, viewport: { width: 390, height: 844 } });
    try {
      const { page } = browser;
      await page.route('**/socket.io/**', (route) => route.abort());
      await page.routeWebSocket(/socket\.io/, (ws) => ws.close());
      await page.goto(`${server.url}/synthese`);
      // The script ran (its footer says no data arrived over the socket), and the point is still there.
      await page.locator('[data-testid="data-age"]').waitFor();
      expect(await page.locator('[data-testid="data-age"]').textContent()).toBe('aucune donnée reçue');
      expect(await page.locator('[data-line="published"]').textContent()).toContain(
        `Point de situation n° ${latest.number}`,
      );
      expect(await page.locator('[data-line="cause"] dd').textContent()).toBe(latest.fields.cause);
    } finally {
      await browser.close();
    }
  });
});
