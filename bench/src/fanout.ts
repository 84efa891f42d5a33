/**
 * Scenario 1, fan-out: 1,000 connected viewers; a commander changes one status ten times per second
 * for 30 s (p99 of the time until the last viewer has each change), then once per second (p50, max).
 * Alternates the bare Socket.IO baseline and Vigie three times and prints medians, spread and ratios.
 */
import { startBaseline } from './harness/baseline.ts';
import { gate, target } from './harness/gates.ts';
import { startLoad } from './harness/loadProcess.ts';
import { monotonicUs, summariseProfile, type Window } from './harness/profile.ts';
import { bySize, type Size } from './harness/size.ts';
import { median, quantile, spread } from './harness/stats.ts';
import { prepareVigie, removeData, startVigie } from './harness/vigieServer.ts';

interface Round {
  fast: number[];
  slow: number[];
  missing: number;
  unacknowledged: number;
}

async function measure(
  url: string,
  mode: 'vigie' | 'baseline',
  cookies: { viewers: string[]; commander: string },
  size: { seconds: number; payloadBytes: number },
): Promise<Round & { patchBytes: number; fastWindow: Window }> {
  const load = startLoad();
  const run = (rate: number, seconds: number) =>
    load.ask({ type: 'fanout', rate, seconds, payloadBytes: size.payloadBytes }, 'fanout');
  try {
    await load.ask(
      { type: 'connect', mode, url, viewerCookies: cookies.viewers, commanderCookie: cookies.commander },
      'connected',
    );
    // A short warm-up, not measured, for both: the first changes of a fresh process pay for its JIT.
    const warmup = await run(10, Math.min(2, size.seconds));
    const from = monotonicUs();
    const fast = await run(10, size.seconds);
    const fastWindow = { from, to: monotonicUs() };
    const slow = await run(1, size.seconds);
    return {
      fast: fast.latencies,
      slow: slow.latencies,
      missing: warmup.missing + fast.missing + slow.missing,
      unacknowledged: warmup.unacknowledged + fast.unacknowledged + slow.unacknowledged,
      patchBytes: warmup.patchBytes,
      fastWindow,
    };
  } finally {
    await load.stop();
  }
}

export async function fanout(size: Size): Promise<string[]> {
  const viewers = bySize(size, { smoke: 20, quick: 100, full: 1000 });
  const seconds = bySize(size, { smoke: 1, quick: 3, full: 30 });
  const rounds = size === 'full' ? 3 : 1;
  const prepared = await prepareVigie({ viewers, commanders: 1 });
  const cookies = { viewers: prepared.viewerCookies, commander: prepared.commanderCookies[0]! };
  const baselineCookies = { viewers: prepared.viewerCookies.map(() => ''), commander: '' };
  // The baseline broadcasts a payload the size of Vigie's patch for one status change.
  let payloadBytes = 0;
  const vigie: Round[] = [];
  const bare: Round[] = [];
  let profile: string[] = [];
  try {
    // Vigie first: the baseline then broadcasts a payload of the size Vigie's patches measured.
    for (let round = 0; round < rounds; round++) {
      const server = await startVigie(prepared, { profile: true });
      let window: Window = { from: 0, to: 0 };
      try {
        const r = await measure(server.server.url, 'vigie', cookies, { seconds, payloadBytes });
        if (r.patchBytes > 0) payloadBytes = r.patchBytes;
        vigie.push(r);
        window = r.fastWindow;
      } finally {
        await server.stop();
        profile = summariseProfile(server.profileDir!, window);
      }
      const baseline = await startBaseline({ profile: true });
      try {
        bare.push(await measure(baseline.url, 'baseline', baselineCookies, { seconds, payloadBytes }));
      } finally {
        await baseline.stop();
      }
    }
  } finally {
    removeData(prepared.dataDir);
  }
  const p99 = (r: Round) => quantile(r.fast, 0.99);
  const ratios = vigie.map((r, i) => p99(r) / p99(bare[i]!));
  const met = median(ratios) <= 1.3;
  const lines = [
    `${viewers} viewers, ${seconds} s at 10 changes/s then ${seconds} s at 1/s, ${rounds} round(s) alternating; baseline payload ${payloadBytes} bytes (the size of Vigie's patch)`,
    '| round | baseline p99 @10/s | Vigie p99 @10/s | ratio | baseline p50 / max @1/s | Vigie p50 / max @1/s |',
    '|---:|---:|---:|---:|---:|---:|',
    ...vigie.map((r, i) => {
      const b = bare[i]!;
      return `| ${i + 1} | ${p99(b).toFixed(1)} ms | ${p99(r).toFixed(1)} ms | ${ratios[i]!.toFixed(2)} | ${median(b.slow).toFixed(1)} / ${Math.max(...b.slow).toFixed(1)} ms | ${median(r.slow).toFixed(1)} / ${Math.max(...r.slow).toFixed(1)} ms |`;
    }),
    `time to the last viewer, 10/s, p99 — baseline ${spread(bare.map(p99))} ms, Vigie ${spread(vigie.map(p99))} ms; ratio ${spread(ratios, 2)}`,
    `1/s — Vigie p50 ${spread(vigie.map((r) => median(r.slow)))} ms, max ${spread(vigie.map((r) => Math.max(...r.slow)))} ms`,
    target(met, `p99 ratio ${median(ratios).toFixed(2)}×`, '≤ 1.3× the baseline'),
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
