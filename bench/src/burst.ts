/**
 * Scenario 2, burst: 10 commanders submit 10,000 status changes as fast as they can (a bounded
 * number in flight each) while 1,000 viewers watch; then again with a chart open (its series asked
 * every half second), then both as `items:set` of 10 items per request. Prints the durable change
 * rate of each beside the one without a chart, and, for the first, raw SQLite's grouped insert rate
 * on the same core, what each viewer received against sending every event to everyone, the server's
 * responsiveness seen from outside; checks after the clock stops that no acknowledged change was lost
 * and every viewer's copy equals the server's.
 */
import { join } from 'node:path';
import { defaultRegistry, openStoreForTest } from '@vigie/server/testing';
import {
  applyEvent,
  hashState,
  initialSituation,
  projectSituation,
  type LogEvent,
  type Registry,
  type Situation,
} from '@vigie/shared';
import type { BurstChange } from './harness/burstLoad.ts';
import { startBurstLoad } from './harness/burstLoadProcess.ts';
import { gate, target } from './harness/gates.ts';
import { LOAD_CORE, SERVER_CORE } from './harness/pinned.ts';
import { median, quantile } from './harness/stats.ts';
import { monotonicUs, summariseProfile } from './harness/profile.ts';
import { diagnostics, prepareVigie, removeData, startVigie } from './harness/vigieServer.ts';

const IN_FLIGHT = 64;
/** Items per `items:set` in the batched modes. */
const BULK = 10;
/** How often the open chart asks for its series: twenty times as often as the dashboard's charts do. */
const CHART_EVERY_MS = 500;
const ROWS_PER_TRANSACTION = 100;
/** How long the viewers may take to hold the last change once the commanders are done. */
const SETTLE_MS = 120_000;

const pairsOf = (registry: Registry) =>
  registry.hospitals.flatMap((h) => registry.systems.map((s) => ({ hospitalId: h.id, systemId: s.id })));

/** Changes spread over every hospital × system pair, each pair alternating between two statuses. */
export function plan(registry: Registry, count: number): BurstChange[] {
  const pairs = pairsOf(registry);
  return Array.from({ length: count }, (_, n) => ({
    ...pairs[n % pairs.length]!,
    status: Math.floor(n / pairs.length) % 2 === 0 ? 'indisponible' : 'degrade',
  }));
}

/** `count` changes as requests of `bulk` distinct pairs, each set of pairs alternating between two statuses. */
function planBatches(registry: Registry, count: number, bulk: number): BurstChange[][] {
  const pairs = pairsOf(registry);
  const groups = Math.floor(pairs.length / bulk);
  return Array.from({ length: Math.ceil(count / bulk) }, (_, n) => {
    const status = Math.floor(n / groups) % 2 === 0 ? 'degrade' : 'indisponible';
    return pairs.slice((n % groups) * bulk, ((n % groups) + 1) * bulk).map((pair) => ({ ...pair, status }));
  });
}

/** The four ways the burst is sent: one change a request, or ten, without and with a chart open. */
const MODES = [
  { name: 'one item a request', bulk: 1, chart: false },
  { name: 'one item a request, chart open', bulk: 1, chart: true },
  { name: `items:set of ${BULK}`, bulk: BULK, chart: false },
  { name: `items:set of ${BULK}, chart open`, bulk: BULK, chart: true },
] as const;

/** The stored log folded from the start, as the server holds it. */
async function readLog(storePath: string, registry: Registry): Promise<{ events: LogEvent[]; state: Situation }> {
  const store = openStoreForTest(storePath, 'live');
  try {
    const meta = await store.currentLog();
    if (!meta) throw new Error('the store holds no log');
    const events: LogEvent[] = [];
    let state = initialSituation(registry, meta);
    for (let page = await store.readEvents(meta.logId, 0, 10_000); page.length > 0;) {
      for (const e of page) {
        events.push(e);
        state = applyEvent(state, e);
      }
      page = await store.readEvents(meta.logId, state.seq, 10_000);
    }
    return { events, state };
  } finally {
    await store.close();
  }
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function burst(quick: boolean): Promise<string[]> {
  const size = quick
    ? { commanders: 2, changes: 1000, viewers: 100 }
    : { commanders: 10, changes: 10_000, viewers: 1000 };
  const registry = defaultRegistry();
  const changes = plan(registry, size.changes);
  const clock = { started: performance.now(), connected: 0, burst: 0, checks: 0 };
  // Two more viewer sessions, for the probe and the chart reader, which are not counted among the viewers.
  const prepared = await prepareVigie({ viewers: size.viewers + 2, commanders: size.commanders });
  try {
    const server = await startVigie(prepared, { requestsPerSecond: 100_000, profile: true });
    // Two processes on the load core: the viewers' decoding would otherwise starve the commanders.
    // The viewers parse gigabytes of patches at full size: a larger young generation spares some GC.
    const watchers = startBurstLoad(LOAD_CORE, ['--max-semi-space-size=64']);
    const commanders = startBurstLoad(LOAD_CORE);
    let run;
    try {
      const url = server.server.url;
      const watching = await watchers.ask(
        { type: 'watch', url, cookies: prepared.viewerCookies.slice(0, size.viewers) },
        'watching',
      );
      await commanders.ask(
        {
          type: 'command',
          url,
          commanderCookies: prepared.commanderCookies,
          probeCookie: prepared.viewerCookies[size.viewers]!,
          chartCookie: prepared.viewerCookies[size.viewers + 1]!,
        },
        'commanding',
      );
      // One change on its own first: the size of a single-change patch, the unit of "every event to everyone".
      const first = await commanders.ask({ type: 'single', change: { ...changes[0]!, status: 'degrade' } }, 'single');
      await watchers.ask({ type: 'reach', seq: first.seq }, 'reached');
      clock.connected = performance.now();
      await diagnostics(server.server); // starts the server's event-loop delay histogram
      const modes = [];
      let lastSeq = first.seq;
      for (const mode of MODES) {
        await watchers.ask({ type: 'count' }, 'counting');
        await diagnostics(server.server); // the histogram from here
        const from = monotonicUs();
        const requests = mode.bulk === 1 ? changes.map((c) => [c]) : planBatches(registry, size.changes, mode.bulk);
        const sent = await commanders.ask(
          {
            type: 'burst',
            requests,
            // As many item changes in flight either way: a tenth of the requests when they carry ten.
            inFlight: Math.ceil(IN_FLIGHT / mode.bulk),
            serverPid: server.server.proc.pid,
            ...(mode.chart ? { chartEveryMs: CHART_EVERY_MS } : {}),
          },
          'burst',
          600_000,
        );
        const window = { from, to: monotonicUs() };
        const loop = (await diagnostics(server.server)).loopDelayMs!;
        lastSeq = Math.max(lastSeq, ...sent.okSeqs);
        const seen = await watchers.ask(
          { type: 'settle', seq: lastSeq, timeoutMs: SETTLE_MS },
          'settled',
          SETTLE_MS + 60_000,
        );
        modes.push({ mode, sent, seen, loop, window });
      }
      clock.burst = performance.now();
      run = { watching, first, modes };
    } finally {
      await Promise.all([watchers.stop(), commanders.stop()]);
      await server.stop();
    }
    const { watching, first, modes } = run;
    const [{ sent, seen, loop }] = modes as [(typeof modes)[number]];
    const last = modes.at(-1)!;

    // After the clock stops: the store as written, and the viewers' copies against it.
    const { events, state } = await readLog(join(prepared.dataDir, 'vigie.sqlite'), registry);
    const changed = events.filter((e) => e.type === 'value.set');
    const stored = new Set(changed.map((e) => e.seq));
    const acknowledged = [first.seq, ...modes.flatMap((m) => m.sent.okSeqs)];
    const lost = acknowledged.filter((seq) => !stored.has(seq)).length;
    const expected = hashState(projectSituation(state, 'viewer'));
    const atEnd = last.seen.viewers.filter((v) => v.seq === state.seq);
    const diverged = atEnd.filter((v) => v.hash !== expected).length;
    const converged = atEnd.length - diverged;
    const gaps = modes.reduce((sum, m) => sum + m.seen.viewers.reduce((n, v) => n + v.gaps, 0), 0);
    const dropCounts = new Map<string, number>();
    for (const reason of modes.flatMap((m) => m.seen.viewers.flatMap((v) => v.drops)))
      dropCounts.set(reason, (dropCounts.get(reason) ?? 0) + 1);
    const dropped = modes.reduce((n, m) => n + m.seen.viewers.filter((v) => v.drops.length > 0).length, 0);
    const drops =
      dropped === 0
        ? 'no viewer connection dropped'
        : `${dropped} viewers' connections dropped (${[...dropCounts].map(([reason, n]) => `${n} ${reason}`).join(', ')}) and reconnected with their position, as the dashboard does; their counts leave out a catch-up snapshot`;

    // recordedAt is the decision time of each change (toISOString: ms resolution), taken before its batch commits.
    const durable = (okSeqs: number[]) => {
      const from = Math.min(...okSeqs);
      const to = Math.max(...okSeqs);
      const inside = changed.filter((e) => e.seq >= from && e.seq <= to);
      const span = inside.length > 1 ? Date.parse(inside.at(-1)!.recordedAt) - Date.parse(inside[0]!.recordedAt) : 0;
      return { rate: span > 0 ? ((inside.length - 1) * 1000) / span : NaN, span, count: inside.length };
    };
    const rates = modes.map((m) => durable(m.sent.okSeqs));
    const burstEvents = changed.filter((e) => e.seq > first.seq && e.seq <= Math.max(...sent.okSeqs));
    const { rate: durableRate, span: serverSpan } = rates[0]!;
    const clientSpan = sent.ackedAt - sent.startedAt;
    const clientRate = (sent.okSeqs.length * 1000) / clientSpan;
    const rowBytes = Math.round(
      burstEvents.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0) / Math.max(1, burstEvents.length),
    );

    // Raw SQLite on the server's core, once the server has stopped.
    const floor = startBurstLoad(SERVER_CORE);
    let rawMs;
    try {
      ({ ms: rawMs } = await floor.ask(
        { type: 'sqlite', dir: prepared.dataDir, rows: size.changes, rowBytes, perTransaction: ROWS_PER_TRANSACTION },
        'sqlite',
      ));
    } finally {
      await floor.stop();
    }
    const rawRate = (size.changes * 1000) / rawMs;
    clock.checks = performance.now();

    const messages = seen.viewers.map((v) => v.messages);
    const bytes = seen.viewers.map((v) => v.bytes);
    const everyEvent = size.changes * first.patchBytes;
    // Heartbeat gaps that overlap the burst (from first send to last acknowledgement).
    const beats = seen.heartbeats;
    const spanning = beats.slice(1).flatMap((hb, i) => {
      const prev = beats[i]!;
      return hb.at >= sent.startedAt && prev.at <= sent.ackedAt
        ? [{ arrival: hb.at - prev.at, server: hb.serverTime - prev.serverTime }]
        : [];
    });
    const interval = beats[0]?.intervalMs ?? NaN;
    const maxGap = (pick: (g: (typeof spanning)[number]) => number) =>
      spanning.length > 0 ? `${int(Math.max(...spanning.map(pick)))} ms` : 'none seen';
    const refused = Object.entries(
      modes.reduce<Record<string, number>>((all, m) => {
        for (const [code, n] of Object.entries(m.sent.refused)) all[code] = (all[code] ?? 0) + n;
        return all;
      }, {}),
    ).map(([code, n]) => `${n} ${code}`);
    const delivered =
      seen.settledAt === null
        ? `not within ${seconds(SETTLE_MS)}`
        : `${int(seen.settledAt - sent.ackedAt)} ms after the last acknowledgement`;
    const busy = (m: (typeof modes)[number]) =>
      m.sent.busy.server === null ? 'unknown (no /proc)' : pct(m.sent.busy.server, 1);

    // Each mode against the one sent the same way without a chart, in this run; also per second of
    // the server's CPU, which holds when the machine's other work takes part of the server's core.
    const reference = (i: number) => MODES.findIndex((m) => m.bulk === MODES[i]!.bulk && !m.chart);
    const perCpu = (i: number) => rates[i]!.rate / (modes[i]!.sent.busy.server ?? NaN);
    const charts = (m: (typeof modes)[number]) =>
      m.sent.chartMs.length === 0
        ? '—'
        : `${m.sent.chartMs.length}, p50 ${quantile(m.sent.chartMs, 0.5).toFixed(1)} / max ${Math.max(...m.sent.chartMs).toFixed(1)} ms`;
    const modeRows = modes.map((m, i) => {
      const { rate, count } = rates[i]!;
      const client = (m.sent.okSeqs.length * 1000) / (m.sent.ackedAt - m.sent.startedAt);
      const ratio = m.mode.chart
        ? `${(rate / rates[reference(i)]!.rate).toFixed(2)}× (per CPU second ${(perCpu(i) / perCpu(reference(i))).toFixed(2)}×)`
        : '1 (reference)';
      return `| ${m.mode.name} | ${int(count)} | ${int(rate)}/s | ${ratio} | ${int(client)}/s | ${busy(m)} | ${int(perCpu(i))}/s | ${m.loop.p99} / ${m.loop.max} ms | ${charts(m)} |`;
    });
    const single = rates[1]!.rate;
    const batched = rates[3]!.rate;
    const worstLoop = Math.max(...modes.map((m) => m.loop.p99));
    // The profile can be read once: for the first mode that missed its rate.
    const missed = modes.findIndex((m, i) => rates[i]!.rate < (m.mode.bulk === 1 ? 6_000 : 10_000));
    const profiles =
      missed === -1
        ? []
        : [`${modes[missed]!.mode.name}:`, ...summariseProfile(server.profileDir!, modes[missed]!.window)];

    return [
      `${size.commanders} commanders × ${IN_FLIGHT} item changes in flight (items:set: ${BULK} distinct pairs a request, without versions, as a tool sends them, ${Math.ceil(IN_FLIGHT / BULK)} requests in flight), ${int(size.changes)} status changes over ${int(Math.min(size.changes, registry.hospitals.length * registry.systems.length))} hospital × system pairs in each of ${MODES.length} modes, ${size.viewers} viewers (connected in ${seconds(watching.ms)}); a chart open = history:series (${int(1000)} points) asked every ${int(CHART_EVERY_MS)} ms; VIGIE_REQUESTS_PER_SECOND=100000; ${refused.length > 0 ? `refused: ${refused.join(', ')}` : 'none refused'}`,
      '| mode | item changes | durable item changes/s (server clock) | against the same without a chart | client clock | server main thread busy | durable item changes per second of server CPU | event-loop delay p99 / max | chart queries during the burst |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...modeRows,
      `durable changes/s, one item a request — server clock (recordedAt: ms resolution, decision time, so the last batch's fsync falls outside; first → last burst change): ${int(durableRate)}/s (${int(burstEvents.length)} changes in ${int(serverSpan)} ms); client clock (first send → last ack): ${int(clientRate)}/s in ${int(clientSpan)} ms`,
      `one core's share used from first send to last ack: server ${busy(modes[0]!)}, commanders' process ${pct(sent.busy.commanders, 1)} (loop delay p99 ${sent.loopP99Ms.toFixed(0)} ms); viewers' process ${pct(seen.busy, 1)} while counting (loop delay p99 ${seen.loopP99Ms.toFixed(0)} ms)`,
      `raw SQLite floor (better-sqlite3, WAL, synchronous=FULL, ${ROWS_PER_TRANSACTION} rows per transaction, ${int(size.changes)} rows of ${int(rowBytes)} bytes = one stored event's JSON, server core): ${int(rawRate)} rows/s; Vigie's durable rate is ${pct(durableRate, rawRate)} of it`,
      `per viewer: ${median(messages)} situation:patched messages (median; max ${Math.max(...messages)}) = ${pct(median(messages), size.changes)} of changes; ${int(median(bytes))} bytes (median; max ${int(Math.max(...bytes))}) = ${pct(median(bytes), everyEvent)} of every event to every viewer (${int(size.changes)} × the ${int(first.patchBytes)}-byte single-change patch; JSON.stringify gives ${int(first.stringifiedBytes)})`,
      `every viewer held the last acknowledged change ${delivered}; ${drops}`,
      `server's event-loop delay from just before the first send to just after the last ack (monitorEventLoopDelay, 10 ms resolution, read on SIGUSR2): p50 ${loop.p50} / p99 ${loop.p99} / max ${loop.max} ms`,
      `seen from outside: sync:request probe (answered without queue or commit, every 50 ms, from the commanders' process) p50 ${quantile(sent.probeMs, 0.5).toFixed(1)} / p99 ${quantile(sent.probeMs, 0.99).toFixed(1)} / max ${Math.max(...sent.probeMs).toFixed(1)} ms (n = ${sent.probeMs.length}); heartbeat gaps spanning the burst, configured ${int(interval)} ms: max ${maxGap((g) => g.server)} on the server clock (serverTime), ${maxGap((g) => g.arrival)} on arrival at viewer 0 (${spanning.length} gap(s))`,
      target(
        batched >= 10_000,
        `${int(batched)} durable item changes/s in items:set of ${BULK} with a chart open`,
        '≥ 10,000/s',
      ),
      target(
        Math.min(durableRate, single) >= 6_000,
        `${int(Math.min(durableRate, single))} durable changes/s one item a request (the lower of without and with a chart)`,
        '≥ 6,000/s',
      ),
      ...profiles,
      target(
        Math.max(...messages) <= 0.02 * size.changes,
        `messages per viewer ${pct(Math.max(...messages), size.changes)} of changes (max)`,
        '≤ 2 %',
      ),
      target(
        Math.max(...bytes) <= 0.25 * everyEvent,
        `bytes per viewer ${pct(Math.max(...bytes), everyEvent)} of every event to every viewer (max)`,
        '≤ 25 %',
      ),
      target(worstLoop <= 50, `server event-loop delay p99 ${worstLoop} ms (the worst mode)`, '≤ 50 ms'),
      gate(
        lost === 0 && changed.length === acknowledged.length,
        `zero acknowledged change lost (${int(acknowledged.length)} item changes acknowledged, ${int(changed.length)} value.set events stored, ${lost} acknowledged seq(s) missing)`,
      ),
      gate(
        diverged === 0,
        `zero divergence (${diverged} viewer(s) at the final seq with another state hash; ${gaps} gap(s) seen)`,
      ),
      gate(
        converged === size.viewers,
        `100 % convergence: ${converged}/${size.viewers} viewers hold the server's viewer projection at seq ${state.seq}`,
      ),
      `time: ${seconds(clock.checks - clock.started)} in all — prepare and connect ${seconds(clock.connected - clock.started)}, the ${MODES.length} bursts and their convergence ${seconds(clock.burst - clock.connected)}, checks and raw SQLite ${seconds(clock.checks - clock.burst)}`,
    ];
  } finally {
    removeData(prepared.dataDir);
  }
}
