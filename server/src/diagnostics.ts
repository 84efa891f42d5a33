/**
 * On SIGUSR2 the server logs how responsive it has been since the previous signal (event-loop delay
 * percentiles; the first signal starts measuring, so a server nobody asks keeps no timer running)
 * and its memory; with --expose-gc (benchmarks only) it collects garbage first, so the memory
 * figures count live objects.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Logger } from './logger.ts';

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

export function reportOnSignal(logger: Logger): void {
  let delay: IntervalHistogram | null = null;
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on('SIGUSR2', () => {
    const loop = delay && { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) };
    if (delay) delay.reset();
    else (delay = monitorEventLoopDelay({ resolution: 10 })).enable();
    gc?.();
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
    logger.info(
      { loopDelayMs: loop, rss, heapUsed, external, arrayBuffers, collected: gc !== undefined },
      'diagnostics',
    );
  });
}
