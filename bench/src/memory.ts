/**
 * Scenario 4, memory per idle connection: the server's resident memory after full collections as
 * 1,000 and then 3,000 more viewers connect, per connection, for the bare baseline and Vigie,
 * alternating three times. Both servers first take the same warm-up, 500 viewers that stay connected,
 * and the base is read then: what a process grows once and keeps whatever its connections (compiled
 * code, the allocator's high-water mark of transient buffers, Vigie's SQLite page cache) is paid by
 * then, in both, and what the next connections add is what each holds. The young generation is held
 * small and fixed in both and left out of every reading: empty after a collection, V8 otherwise keeps
 * its tens of MB resident or hands them back by how fast the process allocated in the last seconds,
 * not by what is connected. What the warm-up cost and the young generation's size are printed apart.
 */
import type { ServerProcess } from '@vigie/test/server-process';
import { startBaseline, type Memory } from './harness/baseline.ts';
import { target } from './harness/gates.ts';
import { startLoad } from './harness/loadProcess.ts';
import { bySize, type Size } from './harness/size.ts';
import { median, spread } from './harness/stats.ts';
import { diagnostics, prepareVigie, removeData, startVigie } from './harness/vigieServer.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Resident memory outside the young generation. */
const held = (m: Memory) => m.rss - m.young;

/** Both servers' Node flags: collections on demand, and the young generation at its smallest, fixed. */
const NODE_ARGS = ['--expose-gc', '--min-semi-space-size=1', '--max-semi-space-size=1'];

/** Vigie's memory after collections: SIGUSR2 makes a server started with --expose-gc collect and log it. */
async function vigieMemory(server: ServerProcess): Promise<Memory> {
  const m = await diagnostics(server);
  return { rss: m.rss, young: m.youngGeneration, heap: m.heapUsed + m.external };
}

/**
 * Memory once the server is idle again (the last catch-ups written and their buffers let go): read
 * until two readings a second apart agree.
 */
async function steady(sample: () => Promise<Memory>): Promise<Memory> {
  let last = await sample();
  for (let i = 0; i < 5; i++) {
    await wait(1000);
    const now = await sample();
    const agree = Math.abs(held(now) - held(last)) < MiB / 2 && Math.abs(now.heap - last.heap) < MiB / 4;
    last = now;
    if (agree) break;
  }
  return last;
}

interface Measured {
  /** What the warm-up's viewers added, per connection, in bytes. */
  warmup: Memory;
  /** Per connection at each count, from the base read after the warm-up, in bytes. */
  perConnection: Memory[];
  /** The young generation's resident bytes at every reading (left out of the figures). */
  young: number[];
}

/** Connects `n` more viewers (from the `from`-th). */
type Connect = (from: number, n: number) => Promise<void>;

const perConnection = (from: Memory, to: Memory, count: number): Memory => {
  const per = (f: (m: Memory) => number) => (f(to) - f(from)) / count;
  return { rss: per(held), young: per((m) => m.young), heap: per((m) => m.heap) };
};

/** Warm-up viewers, base, then per-connection bytes at each count of viewers more, on a fresh server. */
async function measure(
  warmup: number,
  counts: readonly number[],
  sample: () => Promise<Memory>,
  connect: Connect,
): Promise<Measured> {
  // One reading: the fresh server's figure only says what the warm-up cost.
  const fresh = await sample();
  await connect(0, warmup);
  const base = await steady(sample);
  const young = [fresh.young, base.young];
  const figures: Memory[] = [];
  let connected = 0;
  for (const count of counts) {
    await connect(warmup + connected, count - connected);
    connected = count;
    const now = await steady(sample);
    young.push(now.young);
    figures.push(perConnection(base, now, count));
  }
  return { warmup: perConnection(fresh, base, warmup), perConnection: figures, young };
}

export async function memory(size: Size): Promise<string[]> {
  const counts = bySize(size, { smoke: [10, 30], quick: [100, 300], full: [1000, 3000] });
  const warmup = bySize(size, { smoke: 5, quick: 50, full: 500 });
  const rounds = size === 'full' ? 3 : 1;
  const prepared = await prepareVigie({ viewers: warmup + counts.at(-1)!, commanders: 0 });
  const vigie: Measured[] = [];
  const bare: Measured[] = [];
  // One load process per server (on the load core) holds its viewers, connected slice by slice.
  const measured = async (
    mode: 'vigie' | 'baseline',
    url: string,
    cookies: string[],
    sample: () => Promise<Memory>,
  ) => {
    const load = startLoad();
    try {
      return await measure(warmup, counts, sample, async (from, n) => {
        const viewerCookies = cookies.slice(from, from + n);
        await load.ask({ type: 'connect', mode, url, viewerCookies, commanderCookie: null }, 'connected');
      });
    } finally {
      await load.stop();
    }
  };
  try {
    for (let round = 0; round < rounds; round++) {
      const baseline = await startBaseline({ nodeArgs: NODE_ARGS });
      try {
        const blank = prepared.viewerCookies.map(() => '');
        bare.push(await measured('baseline', baseline.url, blank, baseline.memory));
      } finally {
        await baseline.stop();
      }
      const server = await startVigie(prepared, { nodeArgs: NODE_ARGS });
      try {
        const sample = () => vigieMemory(server.server);
        vigie.push(await measured('vigie', server.server.url, prepared.viewerCookies, sample));
      } finally {
        await server.stop();
      }
    }
  } finally {
    removeData(prepared.dataDir);
  }
  const lines = [
    `resident memory per idle connection after full collections, young generation left out, (RSS_base+N − RSS_base) / N, ${rounds} round(s) alternating; both servers with ${NODE_ARGS.slice(1).join(' ')}, the base read once the same warm-up is connected (${warmup} viewers, staying)`,
    '| viewers | baseline KiB/conn | Vigie KiB/conn | ratio | of which JS heap + external, baseline / Vigie | the rest (native, pages), baseline / Vigie |',
    '|---:|---:|---:|---:|---:|---:|',
  ];
  const ratios: number[] = [];
  counts.forEach((count, i) => {
    const at = (runs: Measured[], f: (m: Memory) => number) => runs.map((r) => f(r.perConnection[i]!) / KiB);
    const b = at(bare, (m) => m.rss);
    const v = at(vigie, (m) => m.rss);
    const heap = (runs: Measured[]) => median(at(runs, (m) => m.heap)).toFixed(1);
    const rest = (runs: Measured[]) => median(at(runs, (m) => m.rss - m.heap)).toFixed(1);
    const ratio = median(v) / median(b);
    ratios.push(ratio);
    lines.push(
      `| ${count.toLocaleString('en')} | ${spread(b)} | ${spread(v)} | ${ratio.toFixed(2)} | ${heap(bare)} / ${heap(vigie)} | ${rest(bare)} / ${rest(vigie)} |`,
    );
  });
  const first = (runs: Measured[]) =>
    `${spread(runs.map((r) => r.warmup.rss / KiB))} KiB/conn resident, of which JS heap + external ${spread(runs.map((r) => r.warmup.heap / KiB))}`;
  const young = (runs: Measured[]) => {
    const all = runs.flatMap((r) => r.young.map((y) => y / MiB));
    return `${Math.min(...all).toFixed(1)}–${Math.max(...all).toFixed(1)} MiB`;
  };
  lines.push(
    `the warm-up's ${warmup} viewers, from the fresh server (one-off growth included) — baseline ${first(bare)}; Vigie ${first(vigie)}`,
    `young generation resident at the readings (left out) — baseline ${young(bare)}, Vigie ${young(vigie)}`,
    target(Math.max(...ratios) <= 1.2, `worst ratio ${Math.max(...ratios).toFixed(2)}×`, '≤ 1.2× the baseline'),
  );
  return lines;
}
