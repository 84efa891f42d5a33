/**
 * `wall`: real Chromium showing /mur at 1920×1080 while 1,000 changes per second arrive for 30 s.
 * Reports long tasks (> 50 ms), message-to-paint p95 (arrival → the frame that renders it) and the
 * JS heap before and after (after a forced GC). A short warm-up at the same rate comes first, not
 * measured: the page's bounded lists (journal, log) fill and its code is compiled, so the heap's
 * starting size is the working size. The server and the generator run in this process (the load
 * core); Chromium is pinned to the other core.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CLIENT_DIST, buildPrincipal, defaultRegistry, startTestServer } from '@vigie/server/testing';
import { openBrowser } from '@vigie/test/browser';
import { target } from './harness/gates.ts';
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
    // A production build whoever runs this (a test runner sets NODE_ENV=test, which would give React's development build).
    spawnSync('pnpm', ['--filter', '@vigie/client', 'build'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
  const seconds = bySize(size, { smoke: 2, quick: 5, full: 30 });
  const warmUpSeconds = bySize(size, { smoke: 1, quick: 2, full: 5 });
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
      const w = window as unknown as { __vigieLatencies: number[]; __longTasks: number[]; __longFrames: unknown[] };
      w.__vigieLatencies = [];
      w.__longTasks = [];
      w.__longFrames = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({
        type: 'longtask',
        buffered: true,
      });
      // Chromium's attribution of slow frames (scripts by what invoked them, style and layout).
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longFrames.push(e.toJSON()))).observe({
        type: 'long-animation-frame',
      });
    });
    await page.goto(`${server.url}/mur`);
    await page.locator('.wall[data-seq] [data-panel="headline"]').waitFor();

    const request = { principal: buildPrincipal('commander', 'bench'), origin: { sessionId: null, address: null } };
    const pairs = registry.hospitals.flatMap((h) => registry.systems.map((s) => [h.id, s.id] as const));
    let sent = 0;
    /** RATE changes per second for `seconds`, ten every 10 ms, each pair in turn; resolves once all are recorded. */
    const changes = async (seconds: number) => {
      const started = Date.now();
      const first = sent;
      const pending: Promise<unknown>[] = [];
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
        await new Promise((r) => setTimeout(r, Math.max(0, started + ((sent - first) / RATE) * 1000 - Date.now())));
      }
      await Promise.all(pending);
      await new Promise((r) => setTimeout(r, 2000)); // the last broadcasts land
      return sent - first;
    };
    await changes(warmUpSeconds);
    const heap = () =>
      page.evaluate(() => {
        (window as unknown as { gc: () => void }).gc();
        return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
      });
    const heapBefore = await heap();
    await page.evaluate(() => {
      const w = window as unknown as { __vigieLatencies: number[]; __longTasks: number[]; __longFrames: unknown[] };
      w.__vigieLatencies.length = 0;
      w.__longTasks.length = 0;
      w.__longFrames.length = 0;
    });

    const measured = await changes(seconds);
    const { latencies, longTasks, longFrames } = await page.evaluate(() => {
      const w = window as unknown as { __vigieLatencies: number[]; __longTasks: number[]; __longFrames: LongFrame[] };
      return { latencies: [...w.__vigieLatencies], longTasks: [...w.__longTasks], longFrames: [...w.__longFrames] };
    });
    const heapAfter = await heap();
    latencies.sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    const over50 = longTasks.filter((d) => d > 50).length;
    const over100 = longTasks.filter((d) => d > 100).length;
    const per10s = over50 / (seconds / 10);
    const growth = (heapAfter - heapBefore) / heapBefore;
    return [
      `changes: ${measured} over ${seconds} s (${Math.round(measured / seconds)}/s) after a ${warmUpSeconds} s warm-up; frames rendered with new data: ${latencies.length}`,
      `long tasks > 50 ms: ${over50} (${per10s.toFixed(1)} per 10 s), > 100 ms: ${over100}, longest ${Math.round(Math.max(0, ...longTasks))} ms`,
      `message-to-paint: p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${p(1).toFixed(1)} ms`,
      `JS heap: before ${(heapBefore / 1e6).toFixed(1)} MB, after ${(heapAfter / 1e6).toFixed(1)} MB (${(growth * 100).toFixed(1)} %)`,
      target(
        per10s <= 1 && over100 === 0,
        `${per10s.toFixed(1)} long tasks over 50 ms per 10 s, ${over100} over 100 ms`,
        '≤ 1 per 10 s, none over 100 ms',
      ),
      ...(per10s <= 1 && over100 === 0 ? [] : [whereFramesWent(longFrames)]),
      target(p(0.95) <= 33, `message-to-paint p95 ${p(0.95).toFixed(1)} ms`, '≤ 33 ms'),
      target(Math.abs(growth) <= 0.1, `heap ${(growth * 100).toFixed(1)} % after the run`, 'within 10 %'),
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}

/** A long animation frame as Chromium reports it (the fields used here). */
interface LongFrame {
  startTime: number;
  duration: number;
  renderStart: number;
  styleAndLayoutStart: number;
  scripts: { invoker: string; duration: number; forcedStyleAndLayoutDuration: number }[];
}

/** Where the time of the frames over 50 ms went, by Chromium's attribution. */
function whereFramesWent(frames: LongFrame[]): string {
  const long = frames.filter((f) => f.duration > 50);
  if (long.length === 0) return "where the time went: Chromium's long animation frames name none over 50 ms";
  const total = long.reduce((sum, f) => sum + f.duration, 0);
  const invokers = new Map<string, number>();
  let scripts = 0;
  let render = 0;
  for (const f of long) {
    for (const s of f.scripts) {
      scripts += s.duration;
      invokers.set(s.invoker, (invokers.get(s.invoker) ?? 0) + s.duration);
    }
    if (f.styleAndLayoutStart > 0) render += f.startTime + f.duration - f.styleAndLayoutStart;
  }
  const share = (ms: number) => `${((100 * ms) / total).toFixed(0)} %`;
  const top = [...invokers]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([invoker, ms]) => `${invoker} ${share(ms)}`)
    .join('; ');
  return `where the time went (Chromium's long animation frames over 50 ms: ${long.length}, ${Math.round(total)} ms): scripts ${share(scripts)} (${top || 'none'}), style, layout and paint ${share(render)}, the rest ${share(Math.max(0, total - scripts - render))}`;
}

/** Pins every process of the benchmark's Chromium (its profile folder names them) to `core`, all threads. */
function pinChromium(core: string): void {
  if (!canPin) return;
  const pids = spawnSync('pgrep', ['-f', 'vigie-chromium-']).stdout.toString().split('\n').filter(Boolean);
  for (const pid of pids) spawnSync('taskset', ['-apc', core, pid]);
}
