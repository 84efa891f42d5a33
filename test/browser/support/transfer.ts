/**
 * What a page costs over the network as the server sends it: every HTTP response the page and its
 * service worker receive until the page is ready and the network idle, body as encoded (compressed)
 * plus headers, the way a browser's network panel counts "transferred". Live data over the WebSocket
 * is not counted: it is the situation, not the page.
 */
import type { Browser } from './chromium.ts';

export interface Transfer {
  /** Bytes received: encoded bodies and response headers. */
  bytes: number;
  responses: { url: string; encoding: string; bytes: number }[];
}

/** Opens `path` in a fresh browser and adds up what it received once `ready` shows and the network is idle. */
export async function pageTransfer(browser: Browser, url: string, ready: string): Promise<Transfer> {
  const { context, page } = browser;
  const measured: Promise<Transfer['responses'][number]>[] = [];
  context.on('requestfinished', (request) => {
    measured.push(
      Promise.all([request.sizes(), request.response()]).then(([sizes, response]) => ({
        url: request.url(),
        encoding: response?.headers()['content-encoding'] ?? 'identity',
        bytes: sizes.responseBodySize + sizes.responseHeadersSize,
      })),
    );
  });
  await page.goto(url);
  await page.locator(ready).first().waitFor();
  await page.waitForLoadState('networkidle');
  const responses = await Promise.all(measured);
  return { bytes: responses.reduce((sum, r) => sum + r.bytes, 0), responses };
}
