/**
 * Scenario 1, fan-out: 1,000 connected viewers; a commander changes one status ten times per second
 * (p99 of the time until the last viewer has each change), then once per second (p50, max). Vigie
 * and the bare Socket.IO baseline run side by side, each with its 1,000 viewers, and take turns in
 * blocks of a few seconds (Vigie, baseline, baseline, Vigie, …): both live through the same minute of
 * a noisy machine, and only one of them is sent changes at a time. The baseline broadcasts the very
 * patch Vigie sent for such a change (same JSON, same event, parsed the same way by the same
 * clients). Five rounds, each on fresh servers; the target is judged on the median of the rounds'
 * ratios (one stall decides a round's p99).
 */
import { startBaseline } from './harness/baseline.ts';
import { gate, target } from './harness/gates.ts';
import type { PatchSample } from './harness/load.ts';
import { startLoad } from './harness/loadProcess.ts';
import { monotonicUs, summariseProfile, type Window } from './harness/profile.ts';
import { bySize, type Size } from './harness/size.ts';
import { median, quantile, spread } from './harness/stats.ts';
import { prepareVigie, removeData, startVigie } from './harness/vigieServer.ts';

type Mode = 'vigie' | 'baseline';

interface Round {
  fast: number[];
  slow: number[];
  missing: number;
  unacknowledged: number;
}

interface Blocks {
  seconds: number;
  /** Blocks per server at 10 changes/s, then at 1/s. */
  fast: number;
  slow: number;
}

/** Vigie, baseline, baseline, Vigie, …: a drift over the round weighs on both alike. */
const turns = (pairs: number): Mode[] =>
  Array.from({ length: pairs }, (_, i): Mode[] => (i % 2 === 0 ? ['vigie', 'baseline'] : ['baseline', 'vigie'])).flat();

/**
 * One round on running servers: Vigie warms up (its patch is what the baseline will send), then the
 * baseline, then they take turns. Returns each server's round and Vigie's stretches at 10/s on the
 * clock V8's profiles use.
 */
async function measure(
  servers: { vigie: { url: string; viewers: string[]; commander: string }; baseline: { url: string; viewers: number } },
  blocks: Blocks,
  known: PatchSample | null,
): Promise<{ rounds: Record<Mode, Round>; patch: PatchSample; vigieWindows: Window[] }> {
  const load = startLoad();
  let patch = known;
  const run = (mode: Mode, rate: number, seconds: number) =>
    load.ask({ type: 'fanout', mode, rate, seconds, patch }, 'fanout');
  const rounds: Record<Mode, Round> = {
    vigie: { fast: [], slow: [], missing: 0, unacknowledged: 0 },
    baseline: { fast: [], slow: [], missing: 0, unacknowledged: 0 },
  };
  const vigieWindows: Window[] = [];
  try {
    const { vigie, baseline } = servers;
    await load.ask(
      {
        type: 'connect',
        mode: 'vigie',
        url: vigie.url,
        viewerCookies: vigie.viewers,
        commanderCookie: vigie.commander,
      },
      'connected',
    );
    const cookies = Array.from({ length: baseline.viewers }, () => '');
    await load.ask(
      { type: 'connect', mode: 'baseline', url: baseline.url, viewerCookies: cookies, commanderCookie: '' },
      'connected',
    );
    // A short warm-up, not measured, for both: the first changes of a fresh process pay for its JIT.
    for (const mode of ['vigie', 'baseline'] as const) {
      const warm = await run(mode, 10, Math.min(2, blocks.seconds));
      if (mode === 'vigie') patch = warm.patch ?? patch;
      if (!patch) throw new Error('no single-change patch seen from Vigie for the baseline to send');
      rounds[mode].missing += warm.missing;
      rounds[mode].unacknowledged += warm.unacknowledged;
    }
    for (const [phase, rate, pairs] of [
      ['fast', 10, blocks.fast],
      ['slow', 1, blocks.slow],
    ] as const) {
      for (const mode of turns(pairs)) {
        const from = monotonicUs();
        const r = await run(mode, rate, blocks.seconds);
        if (mode === 'vigie' && phase === 'fast') vigieWindows.push({ from, to: monotonicUs() });
        rounds[mode][phase].push(...r.latencies);
        rounds[mode].missing += r.missing;
        rounds[mode].unacknowledged += r.unacknowledged;
      }
    }
    return { rounds, patch: patch!, vigieWindows };
  } finally {
    await load.stop();
  }
}

export async function fanout(size: Size): Promise<string[]> {
  const viewers = bySize(size, { smoke: 20, quick: 100, full: 1000 });
  const blocks = bySize<Blocks>(size, {
    smoke: { seconds: 1, fast: 1, slow: 1 },
    quick: { seconds: 2, fast: 2, slow: 1 },
    full: { seconds: 5, fast: 4, slow: 2 },
  });
  const rounds = bySize(size, { smoke: 1, quick: 1, full: 5 });
  const prepared = await prepareVigie({ viewers, commanders: 1 });
  const servers = (vigieUrl: string, baselineUrl: string) => ({
    vigie: { url: vigieUrl, viewers: prepared.viewerCookies, commander: prepared.commanderCookies[0]! },
    baseline: { url: baselineUrl, viewers },
  });
  // The baseline broadcasts the patch Vigie sent for one status change.
  let patch: PatchSample | null = null;
  const vigie: Round[] = [];
  const bare: Round[] = [];
  let profile: string[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const server = await startVigie(prepared, { profile: true });
      let windows: Window[] = [];
      try {
        const baseline = await startBaseline({ profile: true });
        try {
          const r = await measure(servers(server.server.url, baseline.url), blocks, patch);
          patch = r.patch;
          vigie.push(r.rounds.vigie);
          bare.push(r.rounds.baseline);
          windows = r.vigieWindows;
        } finally {
          await baseline.stop();
        }
      } finally {
        await server.stop();
        profile = summariseProfile(server.profileDir!, windows);
      }
    }
  } finally {
    removeData(prepared.dataDir);
  }
  const p99 = (r: Round) => quantile(r.fast, 0.99);
  const ratios = vigie.map((r, i) => p99(r) / p99(bare[i]!));
  const met = median(ratios) <= 1.3;
  const s = blocks.seconds;
  const lines = [
    `${viewers} viewers each; ${blocks.fast * s} s at 10 changes/s then ${blocks.slow * s} s at 1/s per server and round, in blocks of ${s} s taking turns (Vigie and the baseline side by side, one sent changes at a time); ${rounds} round(s), fresh servers each; the baseline broadcasts Vigie's patch for one status change (${JSON.stringify(patch).length} bytes of JSON, the same message and event, its range renumbered)`,
    '| round | baseline p99 @10/s | Vigie p99 @10/s | ratio | baseline p50 / max @1/s | Vigie p50 / max @1/s |',
    '|---:|---:|---:|---:|---:|---:|',
    ...vigie.map((r, i) => {
      const b = bare[i]!;
      return `| ${i + 1} | ${p99(b).toFixed(1)} ms | ${p99(r).toFixed(1)} ms | ${ratios[i]!.toFixed(2)} | ${median(b.slow).toFixed(1)} / ${Math.max(...b.slow).toFixed(1)} ms | ${median(r.slow).toFixed(1)} / ${Math.max(...r.slow).toFixed(1)} ms |`;
    }),
    `time to the last viewer, 10/s, p99, median (min–max) of ${rounds} rounds — baseline ${spread(bare.map(p99))} ms, Vigie ${spread(vigie.map(p99))} ms; ratio ${spread(ratios, 2)}`,
    `1/s — Vigie p50 ${spread(vigie.map((r) => median(r.slow)))} ms, max ${spread(vigie.map((r) => Math.max(...r.slow)))} ms`,
    target(met, `p99 ratio ${median(ratios).toFixed(2)}× (median of ${rounds} rounds)`, '≤ 1.3× the baseline'),
    ...(met ? [] : profile),
    gate(
      vigie.every((r) => r.unacknowledged === 0),
      'every change acknowledged',
    ),
    gate(
      [...vigie, ...bare].every((r) => r.missing === 0),
      'every viewer received every change',
    ),
  ];
  return lines;
}
