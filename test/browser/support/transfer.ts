/**
 * What a page costs over the network as the server sends it: every HTTP response the page and its
 * service worker receive until the page is ready and the network idle, body as encoded (compressed)
 * plus headers, the way a browser's network panel counts "transferred". Live data over the WebSocket
 * is not counted: it is the situation, not the page.
 */
import type { Request } from 'playwright-core';
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
  const onFinished = (request: Request) => {
    measured.push(
      Promise.all([request.sizes(), request.response()]).then(([sizes, response]) => ({
        url: request.url(),
        encoding: response?.headers()['content-encoding'] ?? 'identity',
        bytes: sizes.responseBodySize + sizes.responseHeadersSize,
      })),
    );
  };
  context.on('requestfinished', onFinished);
  await page.goto(url);
  await page.locator(ready).first().waitFor();
  await page.waitForLoadState('networkidle');
  // What finishes later is not the page's load; left unread, its sizes would fail once the browser closes.
  context.off('requestfinished', onFinished);
  const responses = await Promise.all(measured);
  return { bytes: responses.reduce((sum, r) => sum + r.bytes, 0), responses };
}
