import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { isInformed } from '@vigie/shared';
import {
  DEFAULT_CLIENT_DIST,
  defaultRegistry,
  loadScenario,
  ScenarioPlayer,
  startTestServer,
  type TestServer,
} from '@vigie/server/testing';
import { openBrowser } from './support/chromium.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-soak-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenario = loadScenario();
const SPEED = 60;
const loopMinutes = scenario.steps.at(-1)!.at + scenario.loopPauseMinutes + 1;

/** Heap after a forced GC, and the number of DOM nodes. */
const measure = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { gc: () => void }).gc();
    return {
      heap: (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize,
      nodes: document.getElementsByTagName('*').length,
    };
  });

describe('an accelerated soak of the wall', () => {
  it('runs three demo loops through five server restarts and ends with heap and DOM bounded', async () => {
    let offsetMs = 0;
    const now = () => new Date(Date.now() + offsetMs);
    const options = {
      kind: 'demo' as const,
      clientDist: DEFAULT_CLIENT_DIST,
      storePath: join(dir, 'demo.sqlite'),
      now,
      heartbeatMs: 500,
    };
    let server: TestServer = await startTestServer(options);
    const port = server.port;
    const play = () => new ScenarioPlayer(server.app.log, defaultRegistry(), scenario, { speed: SPEED, now });
    let player = play();
    await player.tick();
    const browser = await openBrowser({
      origin: server.url,
      extraArgs: ['--js-flags=--expose-gc', '--enable-precise-memory-info'],
    });
    try {
      const { page } = browser;
      await page.goto(`${server.url}/mur`);
      await page.locator('[data-samu="samu-75"]').waitFor();
      let loads = 0;
      page.on('load', () => (loads += 1));
      const start = await measure(page);
      const firstLog = server.app.log.logId;
      let restarts = 0;
      // Each loop in 6 stretches of scenario time; a restart after every third stretch.
      for (let stretch = 1; stretch <= 18; stretch++) {
        offsetMs = ((stretch * loopMinutes) / 6) * (60_000 / SPEED);
        await player.tick();
        await player.tick(); // a loop's end opens the next incident on the following tick
        if (stretch % 3 === 0 && restarts < 5) {
          await server.close();
          server = await startTestServer({ ...options, port });
          player = play();
          await player.tick();
          restarts += 1;
        }
        await page.locator('.stale-banner').waitFor({ state: 'detached', timeout: 15_000 });
      }
      expect(restarts).toBe(5);
      expect(server.app.log.logId).not.toBe(firstLog);
      // The page followed along: it shows the server's latest position, and each fonctionnement's count.
      const state = server.app.log.situation;
      await page.locator(`.wall[data-seq="${state.seq}"]`).waitFor({ timeout: 15_000 });
      const counts = new Map<string, number>();
      for (const t of Object.values(state.items['operating-mode'])) {
        const shown = isInformed(t) ? t.value : 'non-renseigne';
        counts.set(shown, (counts.get(shown) ?? 0) + 1);
      }
      for (const [mode, count] of counts)
        expect(await page.locator(`.hospital-list [data-group="${mode}"]`).textContent()).toContain(`(${count})`);
      const end = await measure(page);
      expect(loads).toBe(0); // caught up across restarts without reloading
      expect(end.nodes).toBeLessThanOrEqual(start.nodes * 1.5);
      expect(end.heap).toBeLessThanOrEqual(start.heap * 1.5);
      console.log(
        `soak: heap ${(start.heap / 1e6).toFixed(1)} → ${(end.heap / 1e6).toFixed(1)} MB, DOM nodes ${start.nodes} → ${end.nodes}`,
      );
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
