import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const submit = async (name: string, input: Record<string, unknown>) => {
  const reply = await server.app.log.submit(name, { idempotencyKey: `public-${++n}-key`, ...input }, request);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data;
};

beforeAll(async () => {
  server = await startTestServer({ clientDist: DEFAULT_CLIENT_DIST });
  await submit('incident:open', { type: 'sse-numerique', title: 'Panne', cause: 'technique' });
  const fields = {
    ...statementFields,
    cause: 'Cause technique, sans lien avec une attaque cyber.',
    powerCut: 'Environ trois heures.',
    expectedReturn: 'Dimanche en fin d’après-midi.',
    patientImpact: 'Aucun impact sur la sécurité des patients.',
    samu: 'SAMU – Centre 15 : non affectés.',
    nextPointAt: nextPointAt.toISOString(),
  };
  const draft = await submit('statement:draft', { fields });
  await submit('statement:publish', { statementId: draft.statementId });
  await submit('statement:draft', { fields: { ...fields, cause: 'BROUILLON NON PUBLIÉ' } });
});
afterAll(async () => {
  await server.close();
});

describe('the public summary', () => {
  it('shows an anonymous visitor the four lines, the SAMU line and the next point, never a draft, and prints on one A4 page', async () => {
    const browser = await openBrowser({ origin: server.url, viewport: { width: 1280, height: 900 } });
    try {
      const { page } = browser;
      await page.goto(`${server.url}/synthese`);
      await page.locator('[data-line="cause"]').waitFor();
      for (const line of ['cause', 'power-cut', 'expected-return', 'patient-impact', 'samu', 'next-point']) {
        expect(await page.locator(`[data-line="${line}"]`).count()).toBe(1);
      }
      expect(await page.locator('[data-line="next-point"]').textContent()).toContain(nextPointInParis);
      expect(await page.content()).not.toContain('BROUILLON');
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBe(1);
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
