/**
 * Growth: what a long incident costs. For logs of 10k, 100k and 1M events, and one whose main
 * courante holds 100k entries, against a log holding only its opening: a restart (process start →
 * the first snapshot a viewer receives), the first chart query after it, the cost of a commit (a
 * burst of single changes, taking a snapshot on the way), the snapshot's size and time, and the
 * longest event-loop stall from the restart to the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import {
  applyEvent,
  initialSituation,
  isInformed,
  operatingModes,
  recoveryProgress,
  streamId,
  type ClientToServerEvents,
  type Registry,
  type Reply,
  type SeriesData,
  type ServerToClientEvents,
  type Situation,
} from '@vigie/shared';
import { defaultRegistry, openSqliteAccessStore, openStoreForTest, seedSession } from '@vigie/server/testing';
import { startServer } from '@vigie/test/server-process';
import { plan } from './burst.ts';
import { startBurstLoad } from './harness/burstLoadProcess.ts';
import { gate, target } from './harness/gates.ts';
import { LOAD_CORE, SERVER_CORE, pin } from './harness/pinned.ts';
import { bySize, type Size } from './harness/size.ts';
import { median } from './harness/stats.ts';
import { diagnostics } from './harness/vigieServer.ts';
import { eventsForEntries, seedLog, type SeedMix } from './seed.ts';

/** What a commit writes: a system status, or a main-courante entry. */
type Change = 'status' | 'entry';

interface Case {
  name: string;
  events: number;
  mix: SeedMix;
  /** The kinds of change whose commit cost is measured on this log. */
  changes: Change[];
}

interface Round {
  rate: number;
  cpuUs: number;
  refused: number;
}

/** Events between two snapshots, as the server takes them. */
const SNAPSHOT_EVERY = 5000;
/** Rounds of changes after each restart: the cost of a commit is the median round's (one disturbed round, either way, does not decide). */
const ROUNDS = 3;
/** Whether the rounds of `commits` changes after a seeded log of `events` reach the server's next snapshot. */
const crossesSnapshot = (c: Pick<Case, 'events' | 'changes'>, commits: number) =>
  c.events + c.changes.length * ROUNDS * commits - Math.floor(c.events / SNAPSHOT_EVERY) * SNAPSHOT_EVERY >=
  SNAPSHOT_EVERY;

/** Points the overview's charts ask for. */
const CHART_POINTS = 1000;
const IN_FLIGHT = 32;

type Viewer = Socket<ServerToClientEvents, ClientToServerEvents>;

const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** The situation a store holds (its latest snapshot and the events after it), read before the server opens it. */
async function storedState(storePath: string, registry: Registry): Promise<Situation> {
  const store = openStoreForTest(storePath, 'live');
  try {
    const meta = (await store.currentLog())!;
    const saved = await store.latestSnapshot(meta.logId);
    let state = saved ? { ...saved.state, logId: streamId(meta) } : initialSituation(registry, meta);
    for (let page = await store.readEvents(meta.logId, state.seq, 10_000); page.length > 0;) {
      for (const e of page) state = applyEvent(state, e);
      page = await store.readEvents(meta.logId, state.seq, 10_000);
    }
    return state;
  } finally {
    await store.close();
  }
}

/** The latest value each series the charts draw should end on, as the screens count them. */
function expectedLast(s: Situation, registry: Registry): Record<string, number | null> {
  const modes = Object.values(s.items['operating-mode']).map((h) => (isInformed(h) ? h.value : 'inconnu'));
  return {
    recovery: recoveryProgress(s, registry).overall.share,
    ...Object.fromEntries(operatingModes.ids.map((m) => [`mode:${m}`, modes.filter((x) => x === m).length])),
  };
}

interface Measured {
  name: string;
  events: number;
  mix: SeedMix;
  changes: Change[];
  seedS: number;
  readyMs: number;
  snapshotMs: number;
  chartMs: number;
  chartAgrees: boolean;
  rounds: Partial<Record<Change, Round[]>>;
  laterChartMs: number;
  snapshot: { ms: number; bytes: number; chunkBytes: number | null } | null;
  loop: { p99: number; max: number };
}

async function measure(c: Case, registry: Registry, commits: number): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-growth-'));
  try {
    const storePath = join(dir, 'vigie.sqlite');
    const seedStart = performance.now();
    await seedLog(storePath, registry, c.events, c.mix);
    const seedS = (performance.now() - seedStart) / 1000;
    const expected = expectedLast(await storedState(storePath, registry), registry);
    const access = openSqliteAccessStore(join(dir, 'vigie-access.sqlite'));
    const session = async (name: string, role: 'viewer' | 'commander') =>
      (await seedSession(access, { name, roles: [role] })).cookie;
    const cookies = {
      viewer: await session('Mesure', 'viewer'),
      probe: await session('Sonde', 'viewer'),
      chart: await session('Graphique', 'viewer'),
      commanders: [await session('Commandant 1', 'commander'), await session('Commandant 2', 'commander')],
    };
    await access.close();

    // The restart: from spawning the process to the first snapshot, then the first chart at once, on the
    // whole machine as `startup` measures it (the store's check runs in a thread beside the rebuild).
    // The server is then held to its core, and the load started on the other, for the commits.
    const started = performance.now();
    const server = await startServer(dir, { LOG_LEVEL: 'info' });
    let load: ReturnType<typeof startBurstLoad> | null = null;
    try {
      const viewer: Viewer = io(server.url, {
        transports: ['websocket'],
        reconnection: false,
        extraHeaders: { cookie: cookies.viewer },
      });
      await new Promise((resolve) => viewer.once('situation:snapshot', resolve));
      const snapshotMs = performance.now() - started;
      await diagnostics(server); // the event-loop delay from here on
      const asked = performance.now();
      const chart = (await viewer
        .timeout(60_000)
        .emitWithAck('history:series', { maxPoints: CHART_POINTS })) as Reply<SeriesData>;
      const chartMs = performance.now() - asked;
      viewer.close();
      const last = chart.ok
        ? Object.fromEntries(Object.entries(chart.data.series).map(([n, s]) => [n, s.v.at(-1)]))
        : {};
      const chartAgrees = Object.entries(expected).every(([name, value]) => value === null || last[name] === value);
      const readyMs = Number(/ready (\d+) ms/.exec(server.lines.join('\n'))?.[1]);
      pin(server.proc.pid!, SERVER_CORE);
      load = startBurstLoad(LOAD_CORE);

      // Commits: rounds of single changes (crossing a snapshot), server CPU per change.
      await load.ask(
        {
          type: 'command',
          url: server.url,
          commanderCookies: cookies.commanders,
          probeCookie: cookies.probe,
          chartCookie: cookies.chart,
        },
        'commanding',
      );
      const rounds: Measured['rounds'] = {};
      for (const change of c.changes) {
        for (let round = 0; round < ROUNDS; round++) {
          const sent = await load.ask(
            {
              type: 'burst',
              requests: plan(registry, commits).map((ch) => [ch]),
              inFlight: IN_FLIGHT,
              serverPid: server.proc.pid,
              entries: change === 'entry',
            },
            'burst',
          );
          const ms = sent.ackedAt - sent.startedAt;
          (rounds[change] ??= []).push({
            rate: (sent.okSeqs.length * 1000) / ms,
            cpuUs: sent.busy.server === null ? NaN : (sent.busy.server * ms * 1000) / sent.okSeqs.length,
            refused: Object.values(sent.refused).reduce((a, b) => a + b, 0),
          });
        }
      }
      const later = await load.ask({ type: 'chart', maxPoints: CHART_POINTS }, 'chart');
      const loop = (await diagnostics(server)).loopDelayMs!;
      await load.stop();
      load = null;
      server.proc.kill('SIGTERM');
      await server.exited;
      const saved = server.lines
        .map((l) => JSON.parse(l) as { msg?: string; ms?: number })
        .filter((l) => l.msg === 'snapshot saved');
      return {
        name: c.name,
        events: c.events,
        mix: c.mix,
        changes: c.changes,
        seedS,
        readyMs,
        snapshotMs,
        chartMs,
        chartAgrees: chart.ok && chartAgrees,
        rounds,
        laterChartMs: later.ms,
        snapshot:
          saved.length > 0 ? { ms: Math.max(...saved.map((l) => l.ms ?? NaN)), ...snapshotBytes(storePath) } : null,
        loop,
      };
    } finally {
      await load?.stop();
      if (server.proc.exitCode === null) {
        server.proc.kill('SIGTERM');
        await server.exited;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The latest snapshot's situation and chart chunk (null when it saved none), in bytes as stored. */
function snapshotBytes(storePath: string): { bytes: number; chunkBytes: number | null } {
  const store = openStoreForTest(storePath, 'live');
  try {
    const row = store.db
      .prepare<[], { bytes: number; chunk: number | null }>(
        `SELECT length(s.state) AS bytes, (SELECT length(points) FROM series_chunks c WHERE c.log_id = s.log_id AND c.to_seq = s.seq) AS chunk
         FROM snapshots s ORDER BY s.seq DESC LIMIT 1`,
      )
      .get();
    return { bytes: row?.bytes ?? NaN, chunkBytes: row?.chunk ?? null };
  } finally {
    void store.close();
  }
}

export async function growth(size: Size): Promise<string[]> {
  const registry = defaultRegistry();
  const empty: Case = { name: 'its opening only', events: 1, mix: 'statuses', changes: ['status', 'entry'] };
  const events = (n: number): Case => ({ name: `${int(n)} events`, events: n, mix: 'statuses', changes: ['status'] });
  // A log book that long takes more entries: their commits are what it must not slow down.
  const entries = (n: number): Case => ({
    name: `${int(n)} main-courante entries`,
    events: eventsForEntries(n),
    mix: 'main-courante',
    changes: ['entry'],
  });
  const cases = bySize(size, {
    smoke: [empty, entries(1_000)],
    quick: [empty, events(10_000), events(100_000), entries(20_000)],
    full: [empty, events(10_000), events(100_000), events(1_000_000), entries(100_000)],
  });
  // Enough changes to cross a snapshot (one every 5,000 events) in every log.
  const commits = bySize(size, { smoke: 200, quick: 2_000, full: 2_000 });
  const measured: Measured[] = [];
  for (const c of cases) measured.push(await measure(c, registry, commits));

  const base = measured[0]!;
  const cost = (m: Measured, change: Change) => median((m.rounds[change] ?? []).map((r) => r.cpuUs));
  const ratio = (m: Measured, change: Change) => cost(m, change) / cost(base, change);
  const rows = measured.map((m) => {
    const rates = m.changes.map((ch) => `${ch}: ${m.rounds[ch]!.map((r) => int(r.rate)).join(' / ')}`).join('; ');
    const cpu = m.changes
      .map(
        (ch) =>
          `${ch}: ${m.rounds[ch]!.map((r) => r.cpuUs.toFixed(0)).join(' / ')} µs (median ${ratio(m, ch).toFixed(2)}×)`,
      )
      .join('; ');
    const snap = m.snapshot
      ? `${int(m.snapshot.bytes / 1024)} KiB + ${m.snapshot.chunkBytes === null ? 'no chart' : `${int(m.snapshot.chunkBytes / 1024)} KiB chart`}, ${m.snapshot.ms} ms`
      : 'none';
    return `| ${m.name} | ${int(m.events)} | ${m.seedS.toFixed(1)} | ${int(m.readyMs)} / ${int(m.snapshotMs)} | ${int(m.chartMs)} / ${int(m.laterChartMs)} | ${rates} | ${cpu} | ${snap} | ${m.loop.p99} / ${m.loop.max} |`;
  });
  const longest = (mix: SeedMix) => measured.filter((m) => m.mix === mix).sort((a, b) => b.events - a.events)[0]!;
  const largest = longest('statuses');
  const mainCourante = longest('main-courante');
  const worstLoop = Math.max(...measured.map((m) => m.loop.max));
  const refused = measured.flatMap((m) => Object.values(m.rounds).flat()).reduce((n, r) => n + r.refused, 0);
  return [
    `each log restarted on the whole machine, as startup measures it (process start → ready / → the first snapshot a viewer receives), then its first chart query (history:series, ${int(CHART_POINTS)} points) at once, then, the server held to one core, ${ROUNDS} rounds of ${int(commits)} changes of each kind measured on it (status: system:set-status; entry: log:add-entry; ${IN_FLIGHT} in flight from 2 commanders, crossing a snapshot), the chart asked again; the event-loop delay from the first snapshot to the end (monitorEventLoopDelay, 10 ms resolution)`,
    '| log | events | seed (s) | restart: ready / first snapshot (ms) | chart query: first / after the changes (ms) | changes/s (client clock, each round) | server CPU per change, each round (median × the same change on the opening-only log) | latest snapshot: situation + chart chunk, longest write | event-loop delay p99 / max (ms) |',
    '|---|---:|---:|---:|---:|---:|---:|---|---:|',
    ...rows,
    target(
      ratio(largest, 'status') <= 1.2,
      `commit cost at ${largest.name} ${ratio(largest, 'status').toFixed(2)}× the opening-only log's`,
      '≤ 1.2×',
    ),
    ...[...new Set([largest, mainCourante])].flatMap((m) => [
      target(m.snapshotMs <= 2000, `restart with ${m.name}: ${int(m.snapshotMs)} ms to the first snapshot`, '≤ 2 s'),
      target(m.chartMs <= 300, `first chart query after the restart with ${m.name}: ${int(m.chartMs)} ms`, '≤ 300 ms'),
    ]),
    target(worstLoop <= 50, `longest event-loop stall ${worstLoop} ms (any log)`, '≤ 50 ms'),
    gate(refused === 0, `every change acknowledged (${refused} refused)`),
    gate(
      measured.every((m) => m.chartAgrees),
      `the first chart after each restart ends where the stored situation stands (recovery share, hospitals per fonctionnement)`,
    ),
    gate(
      measured.every((m) => !crossesSnapshot(m, commits) || (m.snapshot !== null && m.snapshot.chunkBytes !== null)),
      `every log whose changes reached its next snapshot took it with its chart points (${measured.filter((m) => crossesSnapshot(m, commits)).length} of ${measured.length})`,
    ),
  ];
}
