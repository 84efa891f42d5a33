/**
 * The catch-up load generator (its own process, on the load core). Against Vigie, the viewers fold
 * their stream with the client's own reducer, are cut off, and reconnect all at once from where
 * they stood, while a commander makes changes in between. Against the bare baseline, clients
 * reconnect and ask for a payload of a given size. Driven by the runner over IPC.
 */
import type { Socket } from 'socket.io-client';
import { applyPatch, applySnapshot, emptySync, positionOf, type SyncState } from '@vigie/client/sync';
import { openSocket } from './sockets.ts';
import { hashState, systemStatuses, type PatchMessage, type Reply, type Snapshot } from '@vigie/shared';

export type CatchupCommand =
  | { type: 'connect'; mode: 'vigie' | 'baseline'; url: string; viewerCookies: string[]; commanderCookie: string }
  | { type: 'cut' }
  /** `system:set-status` over the given hospital × system pairs, at most `inFlight` awaiting their reply. */
  | { type: 'change'; count: number; pairs: [string, string][]; inFlight: number }
  /** Vigie: caught up once a copy reaches `seq`; baseline: once `caught-up` (of `catchUpBytes`) arrives. */
  | { type: 'reconnect'; seq: number; catchUpBytes: number; timeoutMs: number }
  | { type: 'close' };

export type CatchupReply =
  | { type: 'connected'; viewers: number; ms: number }
  | { type: 'cut'; ms: number }
  | { type: 'changed'; acknowledged: number; unacknowledged: number; seq: number; ms: number }
  | {
      type: 'reconnected';
      /** Per viewer: ms from the reconnect order until caught up, null if it never was. */
      times: (number | null)[];
      /** Per viewer: bytes received on the new connection until caught up. */
      bytes: number[];
      /** Per viewer (Vigie): the hash of its copy once caught up, null without one. */
      hashes: (string | null)[];
      /** How the viewers were brought up to date (Vigie), and the seqs of the snapshots they got. */
      snapshots: number;
      patches: number;
      snapshotSeqs: number[];
      gaps: number;
      connectErrors: number;
    }
  | { type: 'error'; message: string };

interface Viewer {
  socket: Socket;
  sync: SyncState;
  gaps: number;
  /** Counting the bytes of the current connection (from the reconnect order until caught up). */
  counting: boolean;
  bytes: number;
  caughtUpAt: number | null;
  servedBy: 'snapshot' | 'patch' | null;
  snapshotSeq: number | null;
  /** The baseline's payload, held as a copy. */
  copy?: unknown;
}

let mode: 'vigie' | 'baseline' = 'vigie';
let viewers: Viewer[] = [];
let commander: Socket | null = null;
/** Called whenever a viewer is caught up, while a reconnect is being measured. */
let onCaughtUp: () => void = () => undefined;
let reconnectOrder = 0;
let target = 0;

const reply = (m: CatchupReply) => process.send?.(m);
const now = () => performance.now();
const byteLength = (data: unknown) =>
  typeof data === 'string' ? Buffer.byteLength(data) : data instanceof ArrayBuffer ? data.byteLength : 0;

function caughtUp(viewer: Viewer): void {
  viewer.caughtUpAt = now() - reconnectOrder;
  viewer.counting = false;
  onCaughtUp();
}

function addViewer(url: string, cookie: string): Viewer {
  const viewer: Viewer = {
    socket: null as unknown as Socket,
    sync: emptySync,
    gaps: 0,
    counting: false,
    bytes: 0,
    caughtUpAt: null,
    servedBy: null,
    snapshotSeq: null,
  };
  // Vigie: the handshake says where the copy stands, as the real client does on every (re)connection.
  viewer.socket = openSocket(url, cookie, {
    auth: mode === 'vigie' ? (cb) => cb({ position: positionOf(viewer.sync) }) : {},
  });
  // A new engine per connection: count what each one receives while it is being measured.
  viewer.socket.io.on('open', () =>
    viewer.socket.io.engine.on('data', (data) => {
      if (viewer.counting) viewer.bytes += byteLength(data);
    }),
  );
  const vigieCaughtUp = () => {
    if (viewer.counting && viewer.sync.kind !== 'empty' && viewer.sync.seq >= target) caughtUp(viewer);
  };
  if (mode === 'vigie') {
    viewer.socket.on('situation:snapshot', (m: Snapshot) => {
      viewer.sync = applySnapshot(viewer.sync, m);
      if (viewer.counting) {
        viewer.servedBy ??= 'snapshot';
        viewer.snapshotSeq = m.seq;
      }
      vigieCaughtUp();
    });
    viewer.socket.on('situation:patched', (m: PatchMessage) => {
      const result = applyPatch(viewer.sync, m);
      if (result.gap) viewer.gaps += 1;
      viewer.sync = result.sync;
      if (viewer.counting) viewer.servedBy ??= 'patch';
      vigieCaughtUp();
    });
  } else {
    // Kept as the viewer's copy, as a Vigie viewer keeps its state: both load sides then hold 1,000 copies.
    viewer.socket.on('caught-up', (payload: unknown) => {
      viewer.copy = payload;
      if (viewer.counting) caughtUp(viewer);
    });
  }
  return viewer;
}

async function connect(c: Extract<CatchupCommand, { type: 'connect' }>) {
  mode = c.mode;
  const started = now();
  viewers = [];
  const ready: Promise<void>[] = [];
  // Open in small waves: this is the set-up, not the measure.
  for (let i = 0; i < c.viewerCookies.length; i++) {
    const viewer = addViewer(c.url, c.viewerCookies[i]!);
    viewers.push(viewer);
    ready.push(
      new Promise((resolve, reject) => {
        viewer.socket.once(mode === 'vigie' ? 'situation:snapshot' : 'connect', () => resolve());
        viewer.socket.once('connect_error', (e) => reject(e));
      }),
    );
    if (i % 50 === 49) await Promise.all(ready.slice(-50));
  }
  await Promise.all(ready);
  if (mode === 'vigie') {
    commander = openSocket(c.url, c.commanderCookie);
    await new Promise<void>((resolve) => commander!.once('situation:snapshot', () => resolve()));
  }
  reply({ type: 'connected', viewers: viewers.length, ms: now() - started });
}

async function cut() {
  const started = now();
  const closed = viewers.map((v) => new Promise((resolve) => v.socket.once('disconnect', resolve)));
  for (const v of viewers) v.socket.disconnect();
  await Promise.all(closed);
  reply({ type: 'cut', ms: now() - started });
}

async function change(c: Extract<CatchupCommand, { type: 'change' }>) {
  const started = now();
  let next = 0;
  let acknowledged = 0;
  let seq = 0;
  const send = async (n: number) => {
    const [hospitalId, systemId] = c.pairs[n % c.pairs.length]!;
    const r = (await commander!.timeout(30_000).emitWithAck('system:set-status', {
      idempotencyKey: `catchup-${process.pid}-${n}-${Date.now()}`,
      hospitalId,
      systemId,
      status: systemStatuses.ids[n % systemStatuses.ids.length],
    })) as Reply<{ seq: number }>;
    if (!r.ok) return;
    acknowledged++;
    seq = Math.max(seq, r.data.seq);
  };
  // A fixed number of senders, each awaiting its reply before the next: bounded in flight.
  const sender = async () => {
    while (next < c.count) await send(next++).catch(() => undefined);
  };
  await Promise.all(Array.from({ length: c.inFlight }, sender));
  reply({ type: 'changed', acknowledged, unacknowledged: c.count - acknowledged, seq, ms: now() - started });
}

async function reconnect(c: Extract<CatchupCommand, { type: 'reconnect' }>) {
  target = c.seq;
  let connectErrors = 0;
  for (const v of viewers) {
    Object.assign(v, { counting: true, bytes: 0, caughtUpAt: null, servedBy: null, snapshotSeq: null });
    v.socket.once('connect_error', () => connectErrors++);
    if (mode === 'baseline') v.socket.auth = { catchUpBytes: c.catchUpBytes };
  }
  let done: () => void = () => undefined;
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  let pending = viewers.length;
  onCaughtUp = () => {
    if (--pending === 0) done();
  };
  const timer = setTimeout(done, c.timeoutMs);
  reconnectOrder = now();
  // All at once, as after a network cut: each from where its copy stood.
  for (const v of viewers) v.socket.connect();
  await all;
  clearTimeout(timer);
  onCaughtUp = () => undefined;
  for (const v of viewers) v.counting = false;
  reply({
    type: 'reconnected',
    times: viewers.map((v) => v.caughtUpAt),
    bytes: viewers.map((v) => v.bytes),
    // Hashed after the measure: the copies no longer change once they hold the last seq.
    hashes: viewers.map((v) => (v.sync.kind === 'situation' ? hashState(v.sync.state) : null)),
    snapshots: viewers.filter((v) => v.servedBy === 'snapshot').length,
    patches: viewers.filter((v) => v.servedBy === 'patch').length,
    snapshotSeqs: [...new Set(viewers.flatMap((v) => (v.snapshotSeq === null ? [] : [v.snapshotSeq])))],
    gaps: viewers.reduce((sum, v) => sum + v.gaps, 0),
    connectErrors,
  });
}

process.on('message', (c: CatchupCommand) => {
  const run =
    c.type === 'connect'
      ? connect(c)
      : c.type === 'cut'
        ? cut()
        : c.type === 'change'
          ? change(c)
          : c.type === 'reconnect'
            ? reconnect(c)
            : Promise.resolve(close());
  run.catch((e: unknown) => reply({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
});

function close() {
  for (const v of viewers) v.socket.close();
  commander?.close();
  process.exit(0);
}
