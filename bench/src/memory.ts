/**
 * Scenario 4, memory per idle connection: the server's resident memory after a full collection with
 * 0, 1,000 and 3,000 connected viewers, (RSS_N − RSS_0) / N, for the bare baseline and Vigie,
 * alternating three times.
 */
import type { ServerProcess } from '@vigie/test/server-process';
import { startBaseline, type Memory } from './harness/baseline.ts';
import { target } from './harness/gates.ts';
import { startLoad } from './harness/loadProcess.ts';
import { bySize, type Size } from './harness/size.ts';
import { median, spread } from './harness/stats.ts';
import { diagnostics, prepareVigie, removeData, startVigie } from './harness/vigieServer.ts';

const KiB = 1024;
const settle = () => new Promise((r) => setTimeout(r, 1500));

/** Vigie's RSS after a collection: SIGUSR2 makes a server started with --expose-gc collect and log it. */
async function vigieMemory(server: ServerProcess): Promise<Memory> {
  const m = await diagnostics(server);
  return { rss: m.rss, heap: m.heapUsed + m.external };
}

/** Per-connection bytes at each count, on a fresh server: `rss()` after `connect(n)` more viewers. */
async function perConnection(
  counts: readonly number[],
  sample: () => Promise<Memory>,
  connect: (from: number, n: number) => Promise<() => Promise<void>>,
): Promise<Memory[]> {
  await settle();
  const base = await sample();
  const closers: (() => Promise<void>)[] = [];
  const figures: Memory[] = [];
  let connected = 0;
  for (const count of counts) {
    closers.push(await connect(connected, count - connected));
    connected = count;
    await settle();
    const now = await sample();
    figures.push({ rss: (now.rss - base.rss) / count, heap: (now.heap - base.heap) / count });
  }
  for (const close of closers) await close();
  return figures;
}

export async function memory(size: Size): Promise<string[]> {
  const counts = bySize(size, { smoke: [10, 30], quick: [100, 300], full: [1000, 3000] });
  const rounds = size === 'full' ? 3 : 1;
  const prepared = await prepareVigie({ viewers: counts.at(-1)!, commanders: 0 });
  const vigie: Memory[][] = [];
  const bare: Memory[][] = [];
  // Each load process holds one slice of the viewers (a fresh process per slice, on the load core).
  const loadFor = (mode: 'vigie' | 'baseline', url: string, cookies: string[]) => async (from: number, n: number) => {
    const load = startLoad();
    await load.ask(
      { type: 'connect', mode, url, viewerCookies: cookies.slice(from, from + n), commanderCookie: null },
      'connected',
    );
    return () => load.stop();
  };
  try {
    for (let round = 0; round < rounds; round++) {
      const baseline = await startBaseline();
      try {
        const blank = prepared.viewerCookies.map(() => '');
        bare.push(await perConnection(counts, baseline.memory, loadFor('baseline', baseline.url, blank)));
      } finally {
        await baseline.stop();
      }
      const server = await startVigie(prepared, { nodeArgs: ['--expose-gc'] });
      try {
        vigie.push(
          await perConnection(
            counts,
            () => vigieMemory(server.server),
            loadFor('vigie', server.server.url, prepared.viewerCookies),
          ),
        );
      } finally {
        await server.stop();
      }
    }
  } finally {
    removeData(prepared.dataDir);
  }
  const lines = [
    `resident memory per idle connection after GC, (RSS_N − RSS_0) / N, ${rounds} round(s) alternating`,
    '| viewers | baseline KiB/conn | Vigie KiB/conn | ratio | JS heap + external KiB/conn, baseline / Vigie |',
    '|---:|---:|---:|---:|---:|',
  ];
  const ratios: number[] = [];
  counts.forEach((count, i) => {
    const b = bare.map((r) => r[i]!.rss / KiB);
    const v = vigie.map((r) => r[i]!.rss / KiB);
    const heap = (runs: Memory[][]) => median(runs.map((r) => r[i]!.heap / KiB)).toFixed(1);
    const ratio = median(v) / median(b);
    ratios.push(ratio);
    lines.push(
      `| ${count.toLocaleString('en')} | ${spread(b)} | ${spread(v)} | ${ratio.toFixed(2)} | ${heap(bare)} / ${heap(vigie)} |`,
    );
  });
  lines.push(
    target(Math.max(...ratios) <= 1.2, `worst ratio ${Math.max(...ratios).toFixed(2)}×`, '≤ 1.2× the baseline'),
  );
  return lines;
}
