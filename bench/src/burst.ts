/**
 * Scenario 2, burst: 10 commanders submit 10,000 status changes as fast as they can (a bounded
 * number in flight each) while 1,000 viewers watch; then again with a chart open (its series asked
 * every half second), then both as `items:set` of 10 items per request. Prints the durable change
 * rate of each beside the one without a chart, and, for the first, raw SQLite's grouped insert rate
 * on the same core, what each viewer received against sending every event to everyone, the server's
 * responsiveness seen from outside; checks after the clock stops that no acknowledged change was lost
 * and every viewer's copy equals the server's. Then the same bursts against a Vigie node on a
 * PostgreSQL database (VIGIE_DATABASE_URL), printed beside SQLite's from this run, as information
 * (the targets are SQLite's), with the same hard gates, and raw PostgreSQL's grouped insert rate.
 */
import { rmSync } from 'node:fs';
import { createTestDatabase, defaultRegistry } from '@vigie/server/testing';
import { hashState, projectSituation, type LogEvent, type Registry } from '@vigie/shared';
import type { BurstChange, BurstCommand } from './harness/burstLoad.ts';
import { startBurstLoad } from './harness/burstLoadProcess.ts';
import { gate, target } from './harness/gates.ts';
import { LOAD_CORE, SERVER_CORE } from './harness/pinned.ts';
import { bySize, type Size } from './harness/size.ts';
import { median, quantile } from './harness/stats.ts';
import { monotonicUs, summariseProfile } from './harness/profile.ts';
import { readStoredLog } from './harness/storedLog.ts';
import { diagnostics, prepareVigie, removeData, startVigie, type PreparedVigie } from './harness/vigieServer.ts';

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

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

type Mode = (typeof MODES)[number];

interface BurstSize {
  commanders: number;
  changes: number;
  viewers: number;
  /** The server's heartbeat interval, when not its default. */
  heartbeatMs?: number;
}

/**
 * Starts a server on `prepared`, connects the viewers and commanders, sends one change on its own,
 * then each mode's burst, each followed by the viewers' convergence; the server is stopped after.
 */
async function runModes(
  prepared: PreparedVigie,
  size: BurstSize,
  registry: Registry,
  changes: BurstChange[],
  modes: readonly Mode[],
) {
  const server = await startVigie(prepared, {
    requestsPerSecond: 100_000,
    profile: true,
    // The smoke run waits a heartbeat before and after each mode: sooner ones make it quicker.
    ...(size.heartbeatMs ? { env: { VIGIE_HEARTBEAT_MS: String(size.heartbeatMs) } } : {}),
  });
  // Two processes on the load core: the viewers' decoding would otherwise starve the commanders.
  // The viewers parse gigabytes of patches at full size: a larger young generation spares some GC.
  const watchers = startBurstLoad(LOAD_CORE, ['--max-semi-space-size=64']);
  const commanders = startBurstLoad(LOAD_CORE);
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
    const connectedAt = performance.now();
    await diagnostics(server.server); // starts the server's event-loop delay histogram
    const results = [];
    let lastSeq = first.seq;
    for (const mode of modes) {
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
      results.push({ mode, sent, seen, loop, window });
    }
    return { server, watching, first, modes: results, connectedAt, burstAt: performance.now() };
  } finally {
    await Promise.all([watchers.stop(), commanders.stop()]);
    await server.stop();
  }
}

type Run = Awaited<ReturnType<typeof runModes>>;

/** After the clock stops: the store as written, and the viewers' copies against it. */
async function checkRun(prepared: PreparedVigie, registry: Registry, run: Run, viewers: number) {
  const { first, modes } = run;
  const last = modes.at(-1)!;
  const { events, state } = await readStoredLog(prepared, registry);
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
  const rates = modes.map((m) => durable(changed, m.sent.okSeqs));
  const gates = (where: string) => [
    gate(
      lost === 0 && changed.length === acknowledged.length,
      `${where}zero acknowledged change lost (${int(acknowledged.length)} item changes acknowledged, ${int(changed.length)} value.set events stored, ${lost} acknowledged seq(s) missing)`,
    ),
    gate(
      diverged === 0,
      `${where}zero divergence (${diverged} viewer(s) at the final seq with another state hash; ${gaps} gap(s) seen)`,
    ),
    gate(
      converged === viewers,
      `${where}100 % convergence: ${converged}/${viewers} viewers hold the server's viewer projection at seq ${state.seq}`,
    ),
  ];
  return { changed, rates, drops, gates };
}

/**
 * Durable item changes per second over the acknowledged seqs: recordedAt is the decision time of each
 * change (toISOString: ms resolution), taken before its batch commits.
 */
function durable(changed: LogEvent[], okSeqs: number[]) {
  const from = Math.min(...okSeqs);
  const to = Math.max(...okSeqs);
  const inside = changed.filter((e) => e.seq >= from && e.seq <= to);
  const span = inside.length > 1 ? Date.parse(inside.at(-1)!.recordedAt) - Date.parse(inside[0]!.recordedAt) : 0;
  return { rate: span > 0 ? ((inside.length - 1) * 1000) / span : NaN, span, count: inside.length };
}

const busyOf = (m: Run['modes'][number]) =>
  m.sent.busy.server === null ? 'unknown (no /proc)' : pct(m.sent.busy.server, 1);
const chartsOf = (m: Run['modes'][number]) =>
  m.sent.chartMs.length === 0
    ? '—'
    : `${m.sent.chartMs.length}, p50 ${quantile(m.sent.chartMs, 0.5).toFixed(1)} / max ${Math.max(...m.sent.chartMs).toFixed(1)} ms`;

/** How long after a burst's last acknowledgement every viewer held its last change. */
const caughtUpAfter = (m: Run['modes'][number]) =>
  m.seen.settledAt === null ? `not within ${seconds(SETTLE_MS)}` : `${int(m.seen.settledAt - m.sent.ackedAt)} ms`;

/** A floor measured from the server core once the server has stopped: how long the rows took. */
async function floor(command: Extract<BurstCommand, { type: 'sqlite' | 'postgres' }>) {
  const load = startBurstLoad(SERVER_CORE);
  try {
    return command.type === 'sqlite'
      ? { ...(await load.ask(command, 'sqlite')), version: null }
      : await load.ask(command, 'postgres');
  } finally {
    await load.stop();
  }
}

export async function burst(sized: Size): Promise<string[]> {
  const size = bySize<BurstSize>(sized, {
    smoke: { commanders: 2, changes: 1000, viewers: 100, heartbeatMs: 500 },
    quick: { commanders: 2, changes: 1000, viewers: 100 },
    full: { commanders: 10, changes: 10_000, viewers: 1000 },
  });
  const registry = defaultRegistry();
  const changes = plan(registry, size.changes);
  const clock = { started: performance.now(), connected: 0, burst: 0, checks: 0 };
  // Two more viewer sessions, for the probe and the chart reader, which are not counted among the viewers.
  const prepared = await prepareVigie({ viewers: size.viewers + 2, commanders: size.commanders });
  try {
    const run = await runModes(prepared, size, registry, changes, MODES);
    clock.connected = run.connectedAt;
    clock.burst = run.burstAt;
    const { server, watching, first, modes } = run;
    const [{ sent, seen, loop }] = modes as [(typeof modes)[number]];
    const { changed, rates, drops, gates } = await checkRun(prepared, registry, run, size.viewers);

    const burstEvents = changed.filter((e) => e.seq > first.seq && e.seq <= Math.max(...sent.okSeqs));
    const { rate: durableRate, span: serverSpan } = rates[0]!;
    const clientSpan = sent.ackedAt - sent.startedAt;
    const clientRate = (sent.okSeqs.length * 1000) / clientSpan;
    const rowBytes = Math.round(
      burstEvents.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0) / Math.max(1, burstEvents.length),
    );

    // Raw SQLite on the server's core, once the server has stopped.
    const { ms: rawMs } = await floor({
      type: 'sqlite',
      dir: prepared.dataDir,
      rows: size.changes,
      rowBytes,
      perTransaction: ROWS_PER_TRANSACTION,
    });
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
    const busy = busyOf;

    // Each mode against the one sent the same way without a chart, in this run; also per second of
    // the server's CPU, which holds when the machine's other work takes part of the server's core.
    const reference = (i: number) => MODES.findIndex((m) => m.bulk === MODES[i]!.bulk && !m.chart);
    const perCpu = (i: number) => rates[i]!.rate / (modes[i]!.sent.busy.server ?? NaN);
    const charts = chartsOf;
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
    if (missed === -1) rmSync(server.profileDir!, { recursive: true, force: true });

    const onPostgres = await burstOnPostgres(sized, size, registry, changes, { rates, modes });
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
      ...gates(''),
      `time: ${seconds(clock.checks - clock.started)} in all — prepare and connect ${seconds(clock.connected - clock.started)}, the ${MODES.length} bursts and their convergence ${seconds(clock.burst - clock.connected)}, checks and raw SQLite ${seconds(clock.checks - clock.burst)}`,
      ...onPostgres,
    ];
  } finally {
    removeData(prepared.dataDir);
  }
}

/**
 * The same bursts against one Vigie node on a PostgreSQL database of its own (the machine's server),
 * beside SQLite's rates from this run: information, with the same hard gates. At smoke size, only the
 * modes without a chart.
 */
async function burstOnPostgres(
  sized: Size,
  size: BurstSize,
  registry: Registry,
  changes: BurstChange[],
  onSqlite: { rates: ReturnType<typeof durable>[]; modes: Run['modes'] },
): Promise<string[]> {
  const sqlite = onSqlite.rates;
  const started = performance.now();
  const modes = sized === 'smoke' ? MODES.filter((m) => !m.chart) : MODES;
  const db = await createTestDatabase();
  let prepared: PreparedVigie | null = null;
  try {
    prepared = await prepareVigie({ viewers: size.viewers + 2, commanders: size.commanders }, 1, {
      databaseUrl: db.url,
    });
    const seeded = performance.now();
    const run = await runModes(prepared, size, registry, changes, modes);
    rmSync(run.server.profileDir!, { recursive: true, force: true });
    const { changed, rates, drops, gates } = await checkRun(prepared, registry, run, size.viewers);
    const firstBurst = changed.filter((e) => e.seq > run.first.seq && e.seq <= Math.max(...run.modes[0]!.sent.okSeqs));
    const rowBytes = Math.round(
      firstBurst.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0) / Math.max(1, firstBurst.length),
    );
    const raw = await floor({
      type: 'postgres',
      url: db.url,
      rows: size.changes,
      rowBytes,
      perTransaction: ROWS_PER_TRANSACTION,
    });
    const rawRate = (size.changes * 1000) / raw.ms;
    const rows = run.modes.map((m, i) => {
      const { rate, count } = rates[i]!;
      const sqliteRate = sqlite[MODES.indexOf(m.mode)]!.rate;
      const client = (m.sent.okSeqs.length * 1000) / (m.sent.ackedAt - m.sent.startedAt);
      const perCpu = rate / (m.sent.busy.server ?? NaN);
      const caughtUp = `${caughtUpAfter(onSqlite.modes[MODES.indexOf(m.mode)]!)} / ${caughtUpAfter(m)}`;
      return `| ${m.mode.name} | ${int(count)} | ${int(sqliteRate)}/s | ${int(rate)}/s | ${(rate / sqliteRate).toFixed(2)}× | ${int(client)}/s | ${busyOf(m)} | ${int(perCpu)}/s | ${m.loop.p99} / ${m.loop.max} ms | ${caughtUp} | ${chartsOf(m)} |`;
    });
    const rateOf = (bulk: number, chart: boolean, of: ReturnType<typeof durable>[], ran: readonly Mode[]) => {
      const i = ran.findIndex((m) => m.bulk === bulk && m.chart === chart);
      return i === -1 ? null : of[i]!.rate;
    };
    const lowest = (bulk: number, of: ReturnType<typeof durable>[], ran: readonly Mode[]) =>
      Math.min(...[false, true].flatMap((chart) => rateOf(bulk, chart, of, ran) ?? []));
    const both = (bulk: number) =>
      `SQLite ${int(lowest(bulk, sqlite, MODES))}/s, PostgreSQL ${int(lowest(bulk, rates, modes))}/s (${(lowest(bulk, rates, modes) / lowest(bulk, sqlite, MODES)).toFixed(2)}×)`;
    const refused = Object.entries(
      run.modes.reduce<Record<string, number>>((all, m) => {
        for (const [code, n] of Object.entries(m.sent.refused)) all[code] = (all[code] ?? 0) + n;
        return all;
      }, {}),
    ).map(([code, n]) => `${n} ${code}`);
    return [
      `on PostgreSQL ${raw.version ?? 'unknown'} (information, no target: the targets above are SQLite's) — the same ${modes.length === MODES.length ? 'bursts' : `bursts in ${modes.length} modes (without a chart)`} against one Vigie node with VIGIE_DATABASE_URL on a database of its own (synchronous_commit=on; PostgreSQL's own processes unpinned, on either core), the same viewers and commanders; ${refused.length > 0 ? `refused: ${refused.join(', ')}` : 'none refused'}`,
      '| mode | item changes | SQLite: durable item changes/s (above) | PostgreSQL: durable item changes/s (server clock) | PostgreSQL / SQLite | client clock | server main thread busy | durable item changes per second of server CPU | event-loop delay p99 / max | every viewer holds the last change, after the last ack: SQLite / PostgreSQL | chart queries during the burst |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows,
      `durable item changes/s on PostgreSQL beside SQLite, the lower of without and with a chart${modes.length === MODES.length ? '' : ' (without only on PostgreSQL)'} — one item a request: ${both(1)}; items:set of ${BULK}: ${both(BULK)}`,
      `raw PostgreSQL floor (pg, one connection, ${ROWS_PER_TRANSACTION} rows per transaction as one INSERT … SELECT FROM unnest, synchronous_commit=on, ${int(size.changes)} rows of ${int(rowBytes)} bytes, client on the server core): ${int(rawRate)} rows/s; Vigie's durable rate one item a request is ${pct(rates[0]!.rate, rawRate)} of it`,
      `viewers: ${drops}`,
      ...gates('PostgreSQL: '),
      `time on PostgreSQL: ${seconds(performance.now() - started)} — the database and its sessions ${seconds(seeded - started)}, start and connect ${seconds(run.connectedAt - seeded)}, the ${modes.length} bursts and their convergence ${seconds(run.burstAt - run.connectedAt)}, checks and raw PostgreSQL ${seconds(performance.now() - run.burstAt)}`,
    ];
  } finally {
    if (prepared) removeData(prepared.dataDir);
    await db.drop();
  }
}
