/**
 * On SIGUSR2 the server logs how responsive it has been since the previous signal (event-loop delay
 * percentiles; the first signal starts measuring, so a server nobody asks keeps no timer running)
 * and its memory; with --expose-gc (benchmarks only) it collects garbage first, so the memory
 * figures count live objects.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { getHeapSpaceStatistics } from 'node:v8';
import type { Logger } from './logger.ts';

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

/**
 * Full collections, a little apart: V8 hands the pages a collection frees back to the system from a
 * background thread, and those of one collection only at the next, so resident memory read right
 * after a single collection still counts the garbage it just found.
 */
async function collectGarbage(gc: () => void, times = 3, apartMs = 100): Promise<void> {
  for (let i = 0; i < times; i++) {
    gc();
    await sleep(apartMs);
  }
}

/**
 * Bytes the young generation (V8's new spaces) holds in memory. Empty after a full collection, it
 * stays resident or is handed back according to how fast the process allocated in the last seconds,
 * not to what it holds: a memory figure per connection leaves it out.
 */
function youngGenerationBytes(): number {
  let bytes = 0;
  for (const space of getHeapSpaceStatistics())
    if (space.space_name === 'new_space' || space.space_name === 'new_large_object_space')
      bytes += space.physical_space_size;
  return bytes;
}

export function reportOnSignal(logger: Logger): void {
  let delay: IntervalHistogram | null = null;
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on('SIGUSR2', () => {
    const loop = delay && { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) };
    if (delay) delay.reset();
    else (delay = monitorEventLoopDelay({ resolution: 10 })).enable();
    const report = () => {
      const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
      const youngGeneration = youngGenerationBytes();
      logger.info(
        { loopDelayMs: loop, rss, youngGeneration, heapUsed, external, arrayBuffers, collected: gc !== undefined },
        'diagnostics',
      );
    };
    if (gc) void collectGarbage(gc).then(report);
    else report();
  });
}
