/**
 * The production build runs under its own Content-Security-Policy without a single violation: no page
 * evaluates strings as code (no `unsafe-eval`), inlines a script, or loads from elsewhere. Needs a
 * build (`pnpm --filter @vigie/client build`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementFields } from '@vigie/shared/testing';
import { buildPrincipal, DEFAULT_CLIENT_DIST, startTestServer, type TestServer } from '@vigie/server/testing';
import { openBrowser } from './support/chromium.ts';

let server: TestServer;
const request = { principal: buildPrincipal('lead'), origin: { sessionId: null, address: null } };
let n = 0;
const submit = async (name: string, input: Record<string, unknown>) => {
  const reply = await server.app.log.submit(name, { idempotencyKey: `csp-${++n}-key`, ...input }, request);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data as { statementId?: string };
};

beforeAll(async () => {
  server = await startTestServer({ clientDist: DEFAULT_CLIENT_DIST });
  // Something in every part the pages parse: an incident, statuses, a published point.
  await submit('incident:open', { type: 'sse-numerique', title: 'Panne', cause: 'technique' });
  await submit('system:set-status', { hospitalId: 'cochin', systemId: 'dpi', status: 'indisponible' });
  const { statementId } = await submit('statement:draft', { fields: statementFields });
  await submit('statement:publish', { statementId });
});
afterAll(async () => {
  await server.close();
});

describe('the content security policy', () => {
  it.each(['/mur', '/', '/synthese'])('is never violated on %s, before and after its first data', async (path) => {
    const browser = await openBrowser({ origin: server.url });
    try {
      const { page } = browser;
      const cspMessages: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|unsafe-eval/i.test(m.text())) cspMessages.push(m.text());
      });
      // Installed by the driver before any of the page's scripts (not an inline script: the CSP would refuse it).
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { cspViolations: string[] }).cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (e) =>
          seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
        );
      });
      const response = await page.goto(`${server.url}${path}`);
      expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
      expect(response?.headers()['content-security-policy']).not.toMatch(/unsafe-eval/);
      // The page has parsed its snapshot (zod runs on it) once the headline or the public summary shows.
      await page
        .locator(path === '/synthese' ? '[data-line="cause"]' : '[data-panel="headline"]')
        .first()
        .waitFor();
      // A violation of the test's own making (an inline script), reported after any the page made before
      // it: once it is seen, theirs would be too. It also shows the watch works.
      await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.inlineRan = true';
        document.head.append(script);
      });
      const seen = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
      await expect.poll(async () => (await seen()).length).toBeGreaterThan(0);
      await expect.poll(() => cspMessages.length).toBeGreaterThan(0);
      expect(await seen()).toEqual([expect.stringMatching(/^script-src(-elem)? inline /)]);
      expect(cspMessages).toEqual([expect.stringMatching(/inline script/)]);
      expect(await page.evaluate(() => 'inlineRan' in window)).toBe(false);
      expect(browser.outside).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
