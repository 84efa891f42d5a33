/**
 * `wall`: real Chromium showing /mur at 1920×1080 while 1,000 changes per second arrive for 30 s.
 * Reports long tasks (> 50 ms), message-to-paint p95 (arrival → the frame that renders it) and the
 * JS heap before and after (after a forced GC). The server and the generator run in this process (the
 * load core); Chromium is pinned to the other core.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CLIENT_DIST, buildPrincipal, defaultRegistry, startTestServer } from '@vigie/server/testing';
import { openBrowser } from '@vigie/test/browser';
import { SERVER_CORE, canPin } from './harness/pinned.ts';
import { bySize, type Size } from './harness/size.ts';

const RATE = 1000; // changes per second
const statuses = [
  'indisponible',
  'degrade',
  'en-cours-de-retablissement',
  'retabli-sous-surveillance',
  'operationnel',
] as const;

export async function wall(size: Size): Promise<string[]> {
  // From a fresh clone the dashboard may not be built yet: the wall needs its files.
  if (!existsSync(join(DEFAULT_CLIENT_DIST, 'index.html'))) {
    spawnSync('pnpm', ['--filter', '@vigie/client', 'build'], { stdio: 'inherit' });
  }
  const seconds = bySize(size, { smoke: 2, quick: 5, full: 30 });
  const registry = defaultRegistry();
  const server = await startTestServer({ clientDist: DEFAULT_CLIENT_DIST });
  const browser = await openBrowser({
    origin: server.url,
    extraArgs: ['--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
  try {
    // Server and generator share the runner's core; Chromium gets the other one.
    pinChromium(SERVER_CORE);
    const { page } = browser;
    await page.addInitScript(() => {
      const w = window as unknown as { __vigieLatencies: number[]; __longTasks: number[] };
      w.__vigieLatencies = [];
      w.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({
        type: 'longtask',
        buffered: true,
      });
    });
    await page.goto(`${server.url}/mur`);
    await page.locator('[data-hospital]').first().waitFor();
    const heap = () =>
      page.evaluate(() => {
        (window as unknown as { gc: () => void }).gc();
        return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
      });
    const heapBefore = await heap();
    await page.evaluate(() => {
      const w = window as unknown as { __vigieLatencies: number[]; __longTasks: number[] };
      w.__vigieLatencies.length = 0;
      w.__longTasks.length = 0;
    });

    const request = { principal: buildPrincipal('commander', 'bench'), origin: { sessionId: null, address: null } };
    const pairs = registry.hospitals.flatMap((h) => registry.systems.map((s) => [h.id, s.id] as const));
    let sent = 0;
    const started = Date.now();
    const pending: Promise<unknown>[] = [];
    // Ten changes every 10 ms.
    while (Date.now() - started < seconds * 1000) {
      for (let i = 0; i < RATE / 100; i++, sent++) {
        const [hospitalId, systemId] = pairs[sent % pairs.length]!;
        pending.push(
          server.app.log.submit(
            'system:set-status',
            { idempotencyKey: `wall-${sent}-key`, hospitalId, systemId, status: statuses[sent % 5] },
            request,
          ),
        );
      }
      await new Promise((r) => setTimeout(r, Math.max(0, started + (sent / RATE) * 1000 - Date.now())));
    }
    await Promise.all(pending);
    await new Promise((r) => setTimeout(r, 2000)); // the last broadcasts land
    const { latencies, longTasks } = await page.evaluate(() => {
      const w = window as unknown as { __vigieLatencies: number[]; __longTasks: number[] };
      return { latencies: [...w.__vigieLatencies], longTasks: [...w.__longTasks] };
    });
    const heapAfter = await heap();
    latencies.sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    const over50 = longTasks.filter((d) => d > 50);
    return [
      `changes: ${sent} over ${seconds} s (${Math.round(sent / seconds)}/s); frames rendered with new data: ${latencies.length}`,
      `long tasks > 50 ms: ${over50.length} (${(over50.length / (seconds / 10)).toFixed(1)} per 10 s), > 100 ms: ${longTasks.filter((d) => d > 100).length}, longest ${Math.round(Math.max(0, ...longTasks))} ms`,
      `message-to-paint: p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${p(1).toFixed(1)} ms`,
      `JS heap: before ${(heapBefore / 1e6).toFixed(1)} MB, after ${(heapAfter / 1e6).toFixed(1)} MB (${(((heapAfter - heapBefore) / heapBefore) * 100).toFixed(1)} %)`,
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Pins every process of the benchmark's Chromium (its profile folder names them) to `core`, all threads. */
function pinChromium(core: string): void {
  if (!canPin) return;
  const pids = spawnSync('pgrep', ['-f', 'vigie-chromium-']).stdout.toString().split('\n').filter(Boolean);
  for (const pid of pids) spawnSync('taskset', ['-apc', core, pid]);
}
