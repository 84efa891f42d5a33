import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPrincipal, DEFAULT_CLIENT_DIST, startTestServer } from '@vigie/server/testing';
import { openBrowser } from './support/chromium.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-offline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the offline copy (localhost is a secure context: the service worker runs)', () => {
  it('shows the last known state, marked, on a reload with the server down; refuses a copy older than 24 h', async () => {
    const server = await startTestServer({
      storePath: join(dir, 'vigie.sqlite'),
      clientDist: DEFAULT_CLIENT_DIST,
      heartbeatMs: 300,
    });
    const url = server.url;
    const request = { principal: buildPrincipal('lead'), origin: { sessionId: null, address: null } };
    await server.app.log.submit(
      'hospital:set-operating-mode',
      { idempotencyKey: 'offline-key-1', hospitalId: 'cochin', mode: 'critique' },
      request,
    );
    const browser = await openBrowser({ origin: url });
    try {
      const { page } = browser;
      await page.clock.install();
      await page.goto(`${url}/mur`);
      await page.locator('[data-hospital="cochin"][data-mode="critique"]').waitFor();
      await page
        .waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 10_000 })
        .catch(async () => {
          await page.reload(); // the first load installs the worker; the page is controlled from the next one
          await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
        });
      await page.locator('[data-hospital="cochin"][data-mode="critique"]').waitFor();
      await page.clock.runFor(11_000); // the copy is saved every 10 s
      await server.close();

      await page.reload();
      await page.locator('[data-offline-copy]').waitFor();
      expect(await page.locator('[data-offline-copy]').textContent()).toMatch(/Copie hors ligne du/);
      expect(await page.locator('[data-hospital="cochin"][data-mode="critique"]').count()).toBe(1);

      await page.clock.fastForward('25:00:00');
      await page.reload();
      await page.locator('.wall').waitFor();
      expect(await page.locator('[data-offline-copy]').count()).toBe(0);
      expect(await page.locator('[data-hospital]').count()).toBe(0);
    } finally {
      await browser.close();
    }
  });
});
