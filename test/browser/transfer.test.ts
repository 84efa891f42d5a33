/**
 * The wall loads what it needs compressed: every script, style and page comes brotli-encoded from the
 * build's copies, and the whole of /mur costs at most 170 KB as sent (514 KB of JavaScript alone before).
 * Needs a build (`pnpm --filter @vigie/client build`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_DIST, startTestServer, type TestServer } from '@vigie/server/testing';
import { openBrowser } from './support/chromium.ts';
import { pageTransfer } from './support/transfer.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clientDist: DEFAULT_CLIENT_DIST });
});
afterAll(async () => {
  await server.close();
});

describe('the wall over the network', () => {
  it('comes brotli-encoded, 170 KB at most as sent', async () => {
    const browser = await openBrowser({ origin: server.url });
    try {
      const transfer = await pageTransfer(browser, `${server.url}/mur`, '[data-panel="headline"]');
      const code = transfer.responses.filter((r) => /\.(js|css)$|\/mur$/.test(new URL(r.url).pathname));
      expect(code.map((r) => new URL(r.url).pathname)).toContain('/mur');
      expect(code.filter((r) => r.encoding !== 'br')).toEqual([]);
      expect(transfer.bytes).toBeGreaterThan(50_000);
      expect(transfer.bytes).toBeLessThanOrEqual(170_000);
    } finally {
      await browser.close();
    }
  });
});
