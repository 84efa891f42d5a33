/**
 * Scenario 2, burst: 10 commanders submit 10,000 status changes as fast as they can (a bounded
 * number in flight each) while 1,000 viewers watch. Prints the durable change rate beside raw
 * SQLite's grouped insert rate on the same core, what each viewer received against sending every
 * event to everyone, the server's responsiveness seen from outside, and checks after the clock
 * stops that no acknowledged change was lost and every viewer's copy equals the server's.
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
const ROWS_PER_TRANSACTION = 100;
/** How long the viewers may take to hold the last change once the commanders are done. */
const SETTLE_MS = 120_000;

/** Changes spread over every hospital × system pair, each pair alternating between two statuses. */
function plan(registry: Registry, count: number): BurstChange[] {
  const pairs = registry.hospitals.flatMap((h) => registry.systems.map((s) => ({ hospitalId: h.id, systemId: s.id })));
  return Array.from({ length: count }, (_, n) => ({
    ...pairs[n % pairs.length]!,
    status: Math.floor(n / pairs.length) % 2 === 0 ? 'indisponible' : 'degrade',
  }));
}

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
  // One more viewer session for the probe, which is not counted among the viewers.
  const prepared = await prepareVigie({ viewers: size.viewers + 1, commanders: size.commanders });
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
        },
        'commanding',
      );
      // One change on its own first: the size of a single-change patch, the unit of "every event to everyone".
      const first = await commanders.ask({ type: 'single', change: { ...changes[0]!, status: 'degrade' } }, 'single');
      await watchers.ask({ type: 'reach', seq: first.seq }, 'reached');
      await watchers.ask({ type: 'count' }, 'counting');
      clock.connected = performance.now();
      await diagnostics(server.server); // starts the server's event-loop delay histogram
      const from = monotonicUs();
      const sent = await commanders.ask(
        { type: 'burst', changes, inFlight: IN_FLIGHT, serverPid: server.server.proc.pid },
        'burst',
        600_000,
      );
      const window = { from, to: monotonicUs() };
      const loop = (await diagnostics(server.server)).loopDelayMs!;
      const seen = await watchers.ask(
        { type: 'settle', seq: Math.max(first.seq, ...sent.okSeqs), timeoutMs: SETTLE_MS },
        'settled',
        SETTLE_MS + 60_000,
      );
      clock.burst = performance.now();
      run = { watching, first, sent, seen, loop, window };
    } finally {
      await Promise.all([watchers.stop(), commanders.stop()]);
      await server.stop();
    }
    const { watching, first, sent, seen, loop, window } = run;

    // After the clock stops: the store as written, and the viewers' copies against it.
    const { events, state } = await readLog(join(prepared.dataDir, 'vigie.sqlite'), registry);
    const changed = events.filter((e) => e.type === 'value.set');
    const burstEvents = changed.filter((e) => e.seq > first.seq);
    const stored = new Set(changed.map((e) => e.seq));
    const acknowledged = [first.seq, ...sent.okSeqs];
    const lost = acknowledged.filter((seq) => !stored.has(seq)).length;
    const expected = hashState(projectSituation(state, 'viewer'));
    const atEnd = seen.viewers.filter((v) => v.seq === state.seq);
    const diverged = atEnd.filter((v) => v.hash !== expected).length;
    const converged = atEnd.length - diverged;
    const gaps = seen.viewers.reduce((sum, v) => sum + v.gaps, 0);
    const dropCounts = new Map<string, number>();
    for (const reason of seen.viewers.flatMap((v) => v.drops))
      dropCounts.set(reason, (dropCounts.get(reason) ?? 0) + 1);
    const dropped = seen.viewers.filter((v) => v.drops.length > 0).length;
    const drops =
      dropped === 0
        ? 'no viewer connection dropped'
        : `${dropped} viewers' connections dropped (${[...dropCounts].map(([reason, n]) => `${n} ${reason}`).join(', ')}) and reconnected with their position, as the dashboard does; their counts leave out a catch-up snapshot`;

    // recordedAt is the decision time of each change (toISOString: ms resolution), taken before its batch commits.
    const serverSpan =
      burstEvents.length > 1 ? Date.parse(burstEvents.at(-1)!.recordedAt) - Date.parse(burstEvents[0]!.recordedAt) : 0;
    const durableRate = serverSpan > 0 ? ((burstEvents.length - 1) * 1000) / serverSpan : NaN;
    const clientSpan = sent.ackedAt - sent.startedAt;
    const profile = summariseProfile(server.profileDir!, window);
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
    const refused = Object.entries(sent.refused).map(([code, n]) => `${n} ${code}`);
    const delivered =
      seen.settledAt === null
        ? `not within ${seconds(SETTLE_MS)}`
        : `${int(seen.settledAt - sent.ackedAt)} ms after the last acknowledgement`;
    const busy = sent.busy.server === null ? 'unknown (no /proc)' : pct(sent.busy.server, 1);

    return [
      `${size.commanders} commanders × ${IN_FLIGHT} in flight, ${int(size.changes)} system:set-status changes over ${int(Math.min(size.changes, registry.hospitals.length * registry.systems.length))} hospital × system pairs, ${size.viewers} viewers (connected in ${seconds(watching.ms)}); VIGIE_REQUESTS_PER_SECOND=100000; ${refused.length > 0 ? `refused: ${refused.join(', ')}` : 'none refused'}`,
      `durable changes/s — server clock (recordedAt: ms resolution, decision time, so the last batch's fsync falls outside; first → last burst change): ${int(durableRate)}/s (${int(burstEvents.length)} changes in ${int(serverSpan)} ms); client clock (first send → last ack): ${int(clientRate)}/s in ${int(clientSpan)} ms`,
      `one core's share used from first send to last ack: server ${busy}, commanders' process ${pct(sent.busy.commanders, 1)} (loop delay p99 ${sent.loopP99Ms.toFixed(0)} ms); viewers' process ${pct(seen.busy, 1)} while counting (loop delay p99 ${seen.loopP99Ms.toFixed(0)} ms)`,
      `raw SQLite floor (better-sqlite3, WAL, synchronous=FULL, ${ROWS_PER_TRANSACTION} rows per transaction, ${int(size.changes)} rows of ${int(rowBytes)} bytes = one stored event's JSON, server core): ${int(rawRate)} rows/s; Vigie's durable rate is ${pct(durableRate, rawRate)} of it`,
      `per viewer: ${median(messages)} situation:patched messages (median; max ${Math.max(...messages)}) = ${pct(median(messages), size.changes)} of changes; ${int(median(bytes))} bytes (median; max ${int(Math.max(...bytes))}) = ${pct(median(bytes), everyEvent)} of every event to every viewer (${int(size.changes)} × the ${int(first.patchBytes)}-byte single-change patch; JSON.stringify gives ${int(first.stringifiedBytes)})`,
      `every viewer held the last acknowledged change ${delivered}; ${drops}`,
      `server's event-loop delay from just before the first send to just after the last ack (monitorEventLoopDelay, 10 ms resolution, read on SIGUSR2): p50 ${loop.p50} / p99 ${loop.p99} / max ${loop.max} ms`,
      `seen from outside: sync:request probe (answered without queue or commit, every 50 ms, from the commanders' process) p50 ${quantile(sent.probeMs, 0.5).toFixed(1)} / p99 ${quantile(sent.probeMs, 0.99).toFixed(1)} / max ${Math.max(...sent.probeMs).toFixed(1)} ms (n = ${sent.probeMs.length}); heartbeat gaps spanning the burst, configured ${int(interval)} ms: max ${maxGap((g) => g.server)} on the server clock (serverTime), ${maxGap((g) => g.arrival)} on arrival at viewer 0 (${spanning.length} gap(s))`,
      target(durableRate >= 10_000, `${int(durableRate)} durable changes/s`, '≥ 10,000/s'),
      ...(durableRate >= 10_000 ? [] : profile),
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
      target(loop.p99 <= 100, `server event-loop delay p99 ${loop.p99} ms`, '≤ 100 ms'),
      gate(
        lost === 0 && changed.length === acknowledged.length,
        `zero acknowledged change lost (${int(acknowledged.length)} ok replies, ${int(changed.length)} value.set events stored, ${lost} acknowledged seq(s) missing)`,
      ),
      gate(
        diverged === 0,
        `zero divergence (${diverged} viewer(s) at the final seq with another state hash; ${gaps} gap(s) seen)`,
      ),
      gate(
        converged === size.viewers,
        `100 % convergence: ${converged}/${size.viewers} viewers hold the server's viewer projection at seq ${state.seq}`,
      ),
      `time: ${seconds(clock.checks - clock.started)} in all — prepare and connect ${seconds(clock.connected - clock.started)}, burst and convergence ${seconds(clock.burst - clock.connected)}, checks and raw SQLite ${seconds(clock.checks - clock.burst)}`,
    ];
  } finally {
    removeData(prepared.dataDir);
  }
}
