/**
 * The burst load generators, forked twice on the load core: one process holds the viewers (real
 * socket.io-client connections folding their stream as the dashboard does, counting what they
 * receive), the other the commanders (a bounded number of changes in flight each), a probe that
 * times a tiny request and a chart reader (the overview's charts asking `history:series`). Apart, the viewers' decoding cannot starve the commanders: the scheduler
 * gives each process its share of the core. Forked on the server core once the server has stopped,
 * the same module times raw SQLite's grouped inserts, or raw PostgreSQL's. Driven by the runner over IPC.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import {
  applySituationPatch,
  hashState,
  type ClientToServerEvents,
  type CommandResult,
  type PatchMessage,
  type Reply,
  type SeriesData,
  type ServerToClientEvents,
  type Situation,
  type Snapshot,
  type SystemStatus,
} from '@vigie/shared';
import { openSocket } from './sockets.ts';

export interface BurstChange {
  hospitalId: string;
  systemId: string;
  status: SystemStatus;
}

export type BurstCommand =
  /** Viewers process: open the viewers and wait for each one's first copy. */
  | { type: 'watch'; url: string; cookies: string[] }
  /** Viewers process: resolve once every viewer holds `seq`. */
  | { type: 'reach'; seq: number }
  /** Viewers process: count patches from now on. */
  | { type: 'count' }
  /** Viewers process: wait until every viewer holds `seq` (at most `timeoutMs`), then for one more heartbeat; stop counting. */
  | { type: 'settle'; seq: number; timeoutMs: number }
  /** Commanders process: open the commanders, the probe and the chart reader. */
  | { type: 'command'; url: string; commanderCookies: string[]; probeCookie: string; chartCookie: string }
  /** Commanders process: one change on its own; the size of its patch. */
  | { type: 'single'; change: BurstChange }
  /** Commanders process: the chart reader asks `history:series` once. */
  | { type: 'chart'; maxPoints: number }
  /**
   * Commanders process: every request, `inFlight` outstanding per commander. A request of one change
   * is a `system:set-status`; of several, an `items:set` without versions, as a tool writes many items
   * (with versions, a set of items could have only one request in flight). With `entries`, each
   * request is a main-courante entry instead. With `chartEveryMs`, the chart reader asks
   * `history:series` that often meanwhile.
   */
  | {
      type: 'burst';
      requests: BurstChange[][];
      inFlight: number;
      serverPid: number | undefined;
      entries?: boolean;
      chartEveryMs?: number;
    }
  | { type: 'sqlite'; dir: string; rows: number; rowBytes: number; perTransaction: number }
  /** The same rows into a table of their own in the PostgreSQL database `url`. */
  | { type: 'postgres'; url: string; rows: number; rowBytes: number; perTransaction: number }
  | { type: 'close' };

/** One heartbeat as viewer 0 saw it: arrival and the server's `serverTime`, both epoch ms. */
export interface SeenHeartbeat {
  at: number;
  serverTime: number;
  intervalMs: number;
}

/** What one viewer received while counting, and where its copy ended. */
export interface ViewerFigures {
  messages: number;
  bytes: number;
  gaps: number;
  seq: number;
  hash: string | null;
  /** Socket.IO's reason each time the connection dropped (the viewer then reconnects, as the dashboard does). */
  drops: string[];
}

export type BurstReply =
  | { type: 'watching'; viewers: number; ms: number }
  | { type: 'reached' }
  | { type: 'counting' }
  | {
      type: 'settled';
      /** Epoch ms when every viewer held the seq, or null after the timeout. */
      settledAt: number | null;
      viewers: ViewerFigures[];
      heartbeats: SeenHeartbeat[];
      /** The viewers process's own event-loop delay p99 (ms) and share of a core used while counting. */
      loopP99Ms: number;
      busy: number;
    }
  | { type: 'commanding' }
  | { type: 'single'; seq: number; patchBytes: number; stringifiedBytes: number }
  | {
      type: 'chart';
      ms: number;
      seq: number;
      /** Points in the reply, and each series' last value. */
      points: number;
      last: Record<string, number | undefined>;
    }
  | {
      type: 'burst';
      /** Epoch ms: first send, last acknowledgement. */
      startedAt: number;
      ackedAt: number;
      /** The seq of every item change acknowledged. */
      okSeqs: number[];
      refused: Record<string, number>;
      probeMs: number[];
      /** How long each chart query took while the burst ran (none without `chartEveryMs`). */
      chartMs: number[];
      /** The commanders process's event-loop delay p99 (ms): a busy process inflates the probe. */
      loopP99Ms: number;
      /** Share of one core used from first send to last acknowledgement (server: null without /proc). */
      busy: { commanders: number; server: number | null };
    }
  | { type: 'sqlite'; ms: number }
  /** `version`: the server's (`SHOW server_version`). */
  | { type: 'postgres'; ms: number; version: string }
  | { type: 'error'; message: string };

type VigieClient = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Viewer {
  socket: VigieClient;
  copy: { logId: string; seq: number; state: Situation } | null;
  counting: boolean;
  messages: number;
  bytes: number;
  gaps: number;
  /** JSON byte length of the last patch received. */
  lastBytes: number;
  drops: string[];
}

const viewers: Viewer[] = [];
const commanders: VigieClient[] = [];
let probe: Viewer | null = null;
let chartReader: VigieClient | null = null;
const heartbeats: SeenHeartbeat[] = [];
let counting: { loop: ReturnType<typeof monitorEventLoopDelay>; cpu: NodeJS.CpuUsage; at: number } | null = null;

const reply = (m: BurstReply) => process.send?.(m);
/** Epoch milliseconds, sub-millisecond and monotonic within a process, comparable across the two. */
const now = () => performance.timeOrigin + performance.now();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Points the overview's charts ask for (about one per pixel of a wide chart). */
const CHART_POINTS = 1000;

// Engine.IO hands over a patch as `2["situation:patched",{…}]` (the wire adds its `4`): its JSON is
// the frame less this prefix and the closing bracket. Counting the frame avoids re-serialising every message.
const PATCH_FRAME = '2["situation:patched",';
const PATCH_FRAME_BYTES = Buffer.byteLength(PATCH_FRAME) + 1;

/**
 * A viewer folding its stream like the dashboard: a snapshot replaces, a patch applies when it
 * continues the copy; dropped, it reconnects saying where its copy stands (the probe does not).
 */
function watch(url: string, cookie: string, reconnect: boolean): Viewer {
  const socket = openSocket<VigieClient>(url, cookie, {
    reconnection: reconnect,
    reconnectionDelay: 100,
    reconnectionDelayMax: 1000,
    auth: (cb) =>
      cb({ position: viewer.copy ? { logId: viewer.copy.logId, seq: viewer.copy.seq } : { logId: null, seq: 0 } }),
  });
  const viewer: Viewer = {
    socket,
    copy: null,
    counting: false,
    messages: 0,
    bytes: 0,
    gaps: 0,
    lastBytes: 0,
    drops: [],
  };
  // Each (re)connection opens a new Engine.IO socket.
  socket.io.on('open', () =>
    socket.io.engine.on('data', (frame: unknown) => {
      if (typeof frame !== 'string' || !frame.startsWith(PATCH_FRAME)) return;
      viewer.lastBytes = Buffer.byteLength(frame) - PATCH_FRAME_BYTES;
      if (!viewer.counting) return;
      viewer.messages++;
      viewer.bytes += viewer.lastBytes;
    }),
  );
  socket.on('situation:snapshot', (m: Snapshot) => {
    if (m.audience !== 'public') viewer.copy = { logId: m.logId, seq: m.seq, state: m.state };
  });
  socket.on('situation:patched', (m: PatchMessage) => {
    const copy = viewer.copy;
    if (!copy || m.audience === 'public' || m.logId !== copy.logId || m.from > copy.seq + 1) {
      viewer.gaps++;
      return;
    }
    if (m.to <= copy.seq) return;
    viewer.copy = { logId: copy.logId, seq: m.to, state: applySituationPatch(copy.state, m.patch, m.to) };
  });
  socket.on('disconnect', (reason) => {
    viewer.drops.push(reason);
  });
  return viewer;
}

const firstCopy = (socket: VigieClient) =>
  new Promise<void>((resolve, reject) => {
    socket.once('situation:snapshot', () => resolve());
    socket.once('connect_error', (e) => reject(e));
  });

/** Resolves once every viewer holds `seq` (true), or after `timeoutMs` (false). */
async function everyViewerAt(seq: number, timeoutMs: number): Promise<boolean> {
  for (const deadline = now() + timeoutMs; now() < deadline; await wait(5)) {
    if (viewers.every((v) => (v.copy?.seq ?? 0) >= seq)) return true;
  }
  return false;
}

async function openViewers(c: Extract<BurstCommand, { type: 'watch' }>) {
  const started = now();
  const ready: Promise<void>[] = [];
  // Open in small waves: a thousand simultaneous handshakes would measure the handshake.
  for (let i = 0; i < c.cookies.length; i++) {
    const viewer = watch(c.url, c.cookies[i]!, true);
    viewers.push(viewer);
    ready.push(firstCopy(viewer.socket));
    if (i % 50 === 49) await Promise.all(ready.slice(-50));
  }
  await Promise.all(ready);
  viewers[0]?.socket.on('server:heartbeat', (hb) =>
    heartbeats.push({ at: now(), serverTime: Date.parse(hb.serverTime), intervalMs: hb.intervalMs }),
  );
  reply({ type: 'watching', viewers: viewers.length, ms: now() - started });
}

async function reach(seq: number) {
  if (!(await everyViewerAt(seq, 10_000))) throw new Error(`not every viewer reached seq ${seq} within 10 s`);
  reply({ type: 'reached' });
}

async function startCounting() {
  // A heartbeat before the burst, so the gap spanning its start is seen.
  for (const deadline = now() + 10_000; heartbeats.length === 0 && now() < deadline;) await wait(20);
  for (const v of viewers) Object.assign(v, { counting: true, messages: 0, bytes: 0 });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  counting = { loop, cpu: process.cpuUsage(), at: now() };
  reply({ type: 'counting' });
}

async function settle(c: Extract<BurstCommand, { type: 'settle' }>) {
  const settled = await everyViewerAt(c.seq, c.timeoutMs);
  const settledAt = settled ? now() : null;
  // One more heartbeat, so the gap spanning the end of the burst is seen.
  const seen = heartbeats.length;
  for (const deadline = now() + 10_000; heartbeats.length === seen && now() < deadline;) await wait(20);
  for (const v of viewers) v.counting = false;
  const { loop, cpu, at } = counting!;
  loop.disable();
  const used = process.cpuUsage(cpu);
  reply({
    type: 'settled',
    settledAt,
    viewers: viewers.map((v) => ({
      messages: v.messages,
      bytes: v.bytes,
      gaps: v.gaps,
      seq: v.copy?.seq ?? 0,
      hash: v.copy ? hashState(v.copy.state) : null,
      drops: v.drops,
    })),
    heartbeats: heartbeats.filter((h) => h.at >= at - 10_000),
    loopP99Ms: loop.percentile(99) / 1e6,
    busy: (used.user + used.system) / 1000 / (now() - at),
  });
}

async function openCommanders(c: Extract<BurstCommand, { type: 'command' }>) {
  probe = watch(c.url, c.probeCookie, false);
  chartReader = openSocket<VigieClient>(c.url, c.chartCookie);
  commanders.push(...c.commanderCookies.map((cookie) => openSocket<VigieClient>(c.url, cookie)));
  await Promise.all([probe.socket, chartReader, ...commanders].map(firstCopy));
  reply({ type: 'commanding' });
}

/** One `history:series` as the overview asks it (about a point per pixel of a wide chart). */
async function askChart(maxPoints: number) {
  const sent = now();
  const r = (await chartReader!.timeout(60_000).emitWithAck('history:series', { maxPoints })) as Reply<SeriesData>;
  const ms = now() - sent;
  if (!r.ok) throw new Error(`history:series refused: ${r.error.code} – ${r.error.message}`);
  const series = Object.entries(r.data.series);
  return {
    ms,
    seq: r.data.seq,
    points: series.reduce((n, [, s]) => n + s.t.length, 0),
    last: Object.fromEntries(series.map(([name, s]) => [name, s.v.at(-1)])),
  };
}

let keys = 0;
async function send(commander: VigieClient, change: BurstChange): Promise<Reply<CommandResult>> {
  const payload = { idempotencyKey: `burst-${process.pid}-${++keys}`, ...change };
  try {
    return (await commander.timeout(60_000).emitWithAck('system:set-status', payload)) as Reply<CommandResult>;
  } catch {
    return { ok: false, error: { code: 'internal', message: 'no reply within 60 s' } };
  }
}

/** A main-courante entry. */
async function sendEntry(commander: VigieClient): Promise<Reply<CommandResult>> {
  const payload = {
    idempotencyKey: `burst-${process.pid}-${++keys}`,
    type: 'information' as const,
    text: `Entrée ${keys}`,
  };
  try {
    return (await commander.timeout(60_000).emitWithAck('log:add-entry', payload)) as Reply<CommandResult>;
  } catch {
    return { ok: false, error: { code: 'internal', message: 'no reply within 60 s' } };
  }
}

/** Several changes in one `items:set`, without versions (the last write wins). */
async function sendMany(commander: VigieClient, changes: BurstChange[]): Promise<Reply<CommandResult>> {
  const items = changes.map((c) => ({
    item: { kind: 'system' as const, id: `${c.hospitalId}:${c.systemId}`, value: c.status },
  }));
  const payload = { idempotencyKey: `burst-${process.pid}-${++keys}`, changes: items };
  try {
    return (await commander.timeout(60_000).emitWithAck('items:set', payload)) as Reply<CommandResult>;
  } catch {
    return { ok: false, error: { code: 'internal', message: 'no reply within 60 s' } };
  }
}

async function single(change: BurstChange) {
  const r = await send(commanders[0]!, change);
  if (!r.ok) throw new Error(`the first change was refused: ${r.error.code}`);
  const p = probe!;
  for (const deadline = now() + 10_000; (p.copy?.seq ?? 0) < r.data.seq; await wait(5)) {
    if (now() > deadline) throw new Error('the first change did not reach the probe');
  }
  const patchBytes = p.lastBytes;
  // Check the frame arithmetic once against the patch as re-serialised (asked for again: the same range).
  const stringifiedBytes = await new Promise<number>((resolve) => {
    p.socket.once('situation:patched', (m) => resolve(Buffer.byteLength(JSON.stringify(m))));
    void p.socket.timeout(10_000).emitWithAck('sync:request', { logId: p.copy!.logId, seq: r.data.seq - 1 });
  });
  reply({ type: 'single', seq: r.data.seq, patchBytes, stringifiedBytes });
}

async function burst(c: Extract<BurstCommand, { type: 'burst' }>) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const okSeqs: number[] = [];
  const refused: Record<string, number> = {};
  const answered = (r: Reply<CommandResult>) => {
    if (!r.ok) refused[r.error.code] = (refused[r.error.code] ?? 0) + 1;
    else if (r.data.written) okSeqs.push(...r.data.written.map((w) => w.version));
    else okSeqs.push(r.data.seq);
  };
  let next = 0;
  let running = true;
  const startedAt = now();
  const cpuAtStart = { commanders: process.cpuUsage(), server: cpuSeconds(c.serverPid) };
  // The probe: a tiny request the server answers at once (no queue, no commit), every 50 ms.
  const probeMs: number[] = [];
  const probing = (async () => {
    while (running) {
      const copy = probe!.copy!;
      const sent = now();
      await probe!.socket.timeout(30_000).emitWithAck('sync:request', { logId: copy.logId, seq: copy.seq });
      probeMs.push(now() - sent);
      await wait(50);
    }
  })();
  // The chart reader: an open chart asking again and again while the burst runs.
  const chartMs: number[] = [];
  const charting = (async () => {
    while (running && c.chartEveryMs !== undefined) {
      chartMs.push((await askChart(CHART_POINTS)).ms);
      await wait(c.chartEveryMs);
    }
  })();
  // Each lane keeps one request outstanding, taking the next as soon as it is answered.
  const lane = async (commander: VigieClient) => {
    while (next < c.requests.length) {
      const request = c.requests[next++]!;
      const sending =
        c.entries === true
          ? sendEntry(commander)
          : request.length === 1
            ? send(commander, request[0]!)
            : sendMany(commander, request);
      answered(await sending);
    }
  };
  await Promise.all(commanders.flatMap((s) => Array.from({ length: c.inFlight }, () => lane(s))));
  const ackedAt = now();
  const used = process.cpuUsage(cpuAtStart.commanders);
  const serverCpu = cpuSeconds(c.serverPid);
  running = false;
  await Promise.all([probing, charting]);
  loop.disable();
  reply({
    type: 'burst',
    startedAt,
    ackedAt,
    okSeqs,
    refused,
    probeMs,
    chartMs,
    loopP99Ms: loop.percentile(99) / 1e6,
    busy: {
      commanders: (used.user + used.system) / 1000 / (ackedAt - startedAt),
      server:
        serverCpu === null || cpuAtStart.server === null
          ? null
          : ((serverCpu - cpuAtStart.server) * 1000) / (ackedAt - startedAt),
    },
  });
}

const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/**
 * CPU time (seconds) a process has used so far, from Linux's /proc: its main thread's to the
 * nanosecond (schedstat), where the server does its work, else the whole process's in clock ticks;
 * null elsewhere. Ticks (10 ms) are too coarse for the cost of a commit over a round of a second.
 */
function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e9;
  } catch {
    // No schedstat (a kernel built without it): the process's user and system ticks.
  }
  try {
    // After the command name (which may hold spaces) come state, …, utime and stime (the 12th and 13th).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** The floor: rows of the given size inserted in transactions of `perTransaction`, WAL, synchronous=FULL. */
function rawSqlite(c: Extract<BurstCommand, { type: 'sqlite' }>) {
  const db = new Database(join(c.dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE rows (seq INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT');
  const insert = db.prepare('INSERT INTO rows (seq, body) VALUES (?, ?)');
  const body = 'x'.repeat(c.rowBytes);
  const started = now();
  for (let seq = 1; seq <= c.rows;) {
    const end = Math.min(c.rows, seq + c.perTransaction - 1);
    db.exec('BEGIN');
    for (; seq <= end; seq++) insert.run(seq, body);
    db.exec('COMMIT');
  }
  const ms = now() - started;
  db.close();
  reply({ type: 'sqlite', ms });
}

/**
 * The PostgreSQL floor: rows of the given size in transactions of `perTransaction`, each one
 * `INSERT … SELECT FROM unnest` (as the event store appends a batch), synchronous_commit=on.
 */
async function rawPostgres(c: Extract<BurstCommand, { type: 'postgres' }>) {
  const client = new pg.Client({ connectionString: c.url, options: '-c synchronous_commit=on' });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    await client.query('CREATE TABLE raw_rows (seq integer PRIMARY KEY, body text NOT NULL)');
    const body = 'x'.repeat(c.rowBytes);
    const started = now();
    for (let seq = 1; seq <= c.rows;) {
      const seqs: number[] = [];
      for (const end = Math.min(c.rows, seq + c.perTransaction - 1); seq <= end; seq++) seqs.push(seq);
      await client.query('BEGIN');
      await client.query('INSERT INTO raw_rows (seq, body) SELECT * FROM unnest($1::int[], $2::text[])', [
        seqs,
        seqs.map(() => body),
      ]);
      await client.query('COMMIT');
    }
    const ms = now() - started;
    await client.query('DROP TABLE raw_rows');
    reply({ type: 'postgres', ms, version: rows[0]?.server_version.split(' ')[0] ?? 'unknown' });
  } finally {
    await client.end();
  }
}

function handle(c: BurstCommand): Promise<void> | void {
  switch (c.type) {
    case 'watch':
      return openViewers(c);
    case 'reach':
      return reach(c.seq);
    case 'count':
      return startCounting();
    case 'settle':
      return settle(c);
    case 'command':
      return openCommanders(c);
    case 'single':
      return single(c.change);
    case 'chart':
      return askChart(c.maxPoints).then((figures) => {
        reply({ type: 'chart', ...figures });
      });
    case 'burst':
      return burst(c);
    case 'sqlite':
      return rawSqlite(c);
    case 'postgres':
      return rawPostgres(c);
    case 'close':
      return close();
  }
}

process.on('message', (c: BurstCommand) => {
  Promise.resolve()
    .then(() => handle(c))
    .catch((e: unknown) => reply({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
});

function close() {
  for (const v of viewers) v.socket.close();
  probe?.socket.close();
  chartReader?.close();
  for (const s of commanders) s.close();
  process.exit(0);
}
