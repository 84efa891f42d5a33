import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { Reply } from '@vigie/shared';
import { DEFAULT_CLIENT_DIST, startTestServer, type TestServer } from '@vigie/server/testing';
import { openBrowser, type Browser } from './support/chromium.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-live-'));
let server: TestServer | null = null;
let browser: Browser | null = null;
afterEach(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const start = (options: { port?: number; buildId?: string } = {}) =>
  startTestServer({
    storePath: join(dir, 'vigie.sqlite'),
    clientDist: DEFAULT_CLIENT_DIST,
    heartbeatMs: 300,
    ...options,
  });

/** "HH:MM" in Paris (the browser runs in UTC: a time shown in Paris differs from its UTC one). */
const parisTime = (t: Date) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(t);

/** Sends one change as a commander over a real socket. */
async function change(url: string, event: string, payload: Record<string, unknown>): Promise<Reply> {
  const { cookie } = await server!.as('lead', { name: 'Claire Commandant' });
  const socket = io(url, { extraHeaders: { cookie }, transports: ['websocket'] });
  try {
    return await new Promise<Reply>((resolve) =>
      socket.emit(event as never, { idempotencyKey: `k-${Date.now()}-${Math.random()}`, ...payload }, resolve),
    );
  } finally {
    socket.close();
  }
}

describe('live updates in the browser', () => {
  it('shows a change sent by a socket client on /mur and on /, in Europe/Paris time with the browser in UTC', async () => {
    server = await start();
    browser = await openBrowser({ origin: server.url });
    const overview = await browser.context.newPage();
    await browser.page.goto(`${server.url}/mur`);
    await overview.goto(`${server.url}/`);
    // Nobody reported on Cochin yet: the overview names it "non renseigné", the wall only counts it.
    await overview.locator('.hospital-list [data-hospital="cochin"][data-mode="non-renseigne"]').waitFor();
    await browser.page.locator('.wall[data-seq] .hospital-list [data-group="non-renseigne"]').waitFor();
    // Two minutes past the previous hour (a backdated change must lie within the incident's span).
    const effectiveAt = new Date((Math.floor(Date.now() / 3_600_000) - 1) * 3_600_000 + 2 * 60_000);
    const reply = await change(server.url, 'hospital:set-operating-mode', {
      hospitalId: 'cochin',
      mode: 'critique',
      effectiveAt: effectiveAt.toISOString(),
    });
    expect(reply.ok).toBe(true);
    const paris = parisTime(effectiveAt);
    expect(paris).not.toBe(effectiveAt.toISOString().slice(11, 16));
    for (const page of [browser.page, overview]) {
      await page.locator('.hospital-list [data-hospital="cochin"][data-mode="critique"]').waitFor();
      expect(await page.locator('.hospital-list [data-group="critique"]').textContent()).toContain(paris);
    }
  });

  it('says the data is frozen when the server stops, and catches up and clears when it is back, without reloading', async () => {
    server = await start();
    const port = server.port;
    browser = await openBrowser({ origin: server.url });
    const { page } = browser;
    let loads = 0;
    page.on('load', () => (loads += 1));
    await page.goto(`${server.url}/mur`);
    await page.locator('.wall[data-seq] [data-panel="headline"]').waitFor();
    await server.close();
    server = null;
    await page.locator('.stale-banner').waitFor({ timeout: 10_000 });
    expect(await page.locator('.stale-banner').textContent()).toMatch(/Données figées depuis \d\d:\d\d:\d\d/);
    server = await start({ port });
    await change(server.url, 'hospital:set-operating-mode', { hospitalId: 'hegp', mode: 'ralenti-maitrise' });
    await page.locator('[data-hospital="hegp"][data-mode="ralenti-maitrise"]').waitFor({ timeout: 15_000 });
    await page.locator('.stale-banner').waitFor({ state: 'detached', timeout: 10_000 });
    expect(loads).toBe(1);
  });

  it('reloads the wall once when the server comes back with a new build', async () => {
    server = await start({ buildId: 'build-a' });
    const port = server.port;
    browser = await openBrowser({ origin: server.url });
    const { page } = browser;
    let loads = 0;
    page.on('load', () => (loads += 1));
    await page.goto(`${server.url}/mur`);
    await page.locator('.wall[data-seq] [data-panel="headline"]').waitFor();
    await page.locator('.wall[data-build="build-a"]').waitFor(); // a heartbeat announced the build it loaded
    await server.close();
    server = await start({ port, buildId: 'build-b' });
    await expect.poll(() => loads, { timeout: 15_000 }).toBe(2);
    await page.locator('.wall[data-seq] [data-panel="headline"]').waitFor();
    // The reloaded page takes build-b's heartbeat for its own build: it clears its count of reloads
    // (client/src/hooks/useBuildReload.ts), which a page about to reload again keeps; no reload follows.
    await page.locator('.wall[data-build="build-b"]').waitFor();
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('vigie-reloads'))).toBeNull();
    expect(loads).toBe(2);
  });
});
