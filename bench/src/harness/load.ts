/**
 * A load generator (its own process, on the load core): many viewers and a commander per server, as
 * real socket.io-client connections, against Vigie, the bare baseline, or both side by side (changes
 * sent to one at a time). Send and arrival times are taken in this one process, so they share a clock. Both servers' viewers receive
 * the same message, parsed the same way: Vigie's `situation:patched` for one status change, which the
 * baseline broadcasts as its commander sent it (Vigie's own patch, its range renumbered). Driven by
 * the runner over IPC.
 *
 * A server may be one node of several (`node` names it): changes go to one node's commander and the
 * viewers of every node of that kind are timed, each node apart and the farthest of all. Vigie's
 * viewers may keep their copy (`fold`): the snapshot, then every patch folded in order once a run's
 * arrivals are counted (outside the timed window, so they parse as the baseline's do meanwhile).
 */
import type { Socket } from 'socket.io-client';
import { applySituationPatch, hashState, type PatchMessage, type Situation, type Snapshot } from '@vigie/shared';
import { openSocket } from './sockets.ts';

type Mode = 'vigie' | 'baseline';

export type LoadCommand =
  | {
      type: 'connect';
      mode: Mode;
      url: string;
      viewerCookies: string[];
      /** null: viewers only (the memory scenario, or a node only watched). */
      commanderCookie: string | null;
      /** One node of several: its name (default: the mode). */
      node?: string;
      /** Vigie's viewers keep their copy of the situation (for `copies`). */
      fold?: boolean;
    }
  /** `rate` changes per second to the server of `mode`; `patch`: what the baseline's commander sends for everyone (a patch Vigie sent). */
  | { type: 'fanout'; mode: Mode; rate: number; seconds: number; patch: PatchSample | null }
  /** The same, sent to node `sender`'s commander, timed at the viewers of every node of `mode`. */
  | { type: 'fanout-nodes'; mode: Mode; sender: string; rate: number; seconds: number; patch: PatchSample | null }
  /** Where each folding viewer's copy stands, per node. */
  | { type: 'copies' }
  | { type: 'close' };

/** What one server's viewers saw of a fan-out run. */
export interface FanoutResult {
  /** Per change, ms from its sending to its arrival at the last viewer. */
  latencies: number[];
  unacknowledged: number;
  missing: number;
  /** A patch for one change that viewer 0 received (Vigie's: the baseline then sends the same). */
  patch: PatchSample | null;
}

/** What the viewers of several nodes saw of changes sent to one of them. */
export interface NodesResult {
  /** Per node: its viewers' times (to its last viewer), the changes they missed; `patch` from the sender's viewer 0. */
  nodes: Record<string, FanoutResult>;
  /** Per change, ms from its sending to its arrival at the last viewer of any node (the farthest). */
  farthest: number[];
}

/** A viewer's copy at the end: its seq and state hash (null: none), and patches that did not continue it. */
export interface CopyFigures {
  seq: number;
  hash: string | null;
  gaps: number;
}

export type LoadReply =
  | { type: 'connected'; viewers: number; ms: number }
  | ({ type: 'fanout' } & FanoutResult)
  | ({ type: 'fanout-nodes' } & NodesResult)
  | { type: 'copies'; nodes: Record<string, CopyFigures[]> }
  | { type: 'error'; message: string };

/** A `situation:patched` message: `from`–`to` is the range it covers (the baseline's: the change's number). */
export interface PatchSample {
  from: number;
  to: number;
  [part: string]: unknown;
}

interface Viewer {
  socket: Socket;
  /** [last change covered (Vigie: seq; baseline: change number), arrival] per message. */
  arrivals: [number, number][];
  /** Folding viewers: the copy, and what arrived since it was last brought up to date, in order. */
  copy: { logId: string; seq: number; state: Situation } | null;
  unfolded: ({ snapshot: Snapshot } | { patch: PatchMessage })[];
  gaps: number;
}

interface Server {
  mode: Mode;
  node: string;
  fold: boolean;
  viewers: Viewer[];
  commander: Socket | null;
  lastPatch: PatchSample | null;
}

const servers: Server[] = [];
const statuses = ['degrade', 'indisponible'] as const;

const reply = (m: LoadReply) => process.send?.(m);
const now = () => performance.now();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function connect(c: Extract<LoadCommand, { type: 'connect' }>) {
  const started = now();
  const fold = c.mode === 'vigie' && c.fold === true;
  const server: Server = { mode: c.mode, node: c.node ?? c.mode, fold, viewers: [], commander: null, lastPatch: null };
  const ready: Promise<void>[] = [];
  const first = c.mode === 'vigie' ? 'situation:snapshot' : 'connect';
  // Open in small waves: a thousand simultaneous handshakes measure the handshake, not the fan-out.
  for (let i = 0; i < c.viewerCookies.length; i++) {
    const socket = openSocket(c.url, c.viewerCookies[i]!);
    const viewer: Viewer = { socket, arrivals: [], copy: null, unfolded: [], gaps: 0 };
    server.viewers.push(viewer);
    ready.push(
      new Promise((resolve, reject) => {
        socket.once(first, () => resolve());
        socket.once('connect_error', (e) => reject(e));
      }),
    );
    socket.on('situation:patched', (m: PatchSample) => {
      viewer.arrivals.push([m.to, now()]);
      if (i === 0 && m.from === m.to) server.lastPatch = m;
      if (fold) viewer.unfolded.push({ patch: m as unknown as PatchMessage });
    });
    if (fold) socket.on('situation:snapshot', (m: Snapshot) => viewer.unfolded.push({ snapshot: m }));
    if (i % 50 === 49) await Promise.all(ready.slice(-50));
  }
  await Promise.all(ready);
  if (c.commanderCookie !== null) {
    const commander = openSocket(c.url, c.commanderCookie);
    await new Promise<void>((resolve) => commander.once(first, () => resolve()));
    server.commander = commander;
  }
  servers.push(server);
  reply({ type: 'connected', viewers: server.viewers.length, ms: now() - started });
}

/** Sends one change and resolves with the number a viewer will see it under (Vigie: its seq). */
async function sendChange(server: Server, n: number, patch: PatchSample | null): Promise<number | null> {
  const commander = server.commander!.timeout(10_000);
  if (server.mode === 'vigie') {
    const r = (await commander.emitWithAck('system:set-status', {
      idempotencyKey: `fanout-${process.pid}-${n}-${Date.now()}`,
      hospitalId: 'cochin',
      systemId: 'dpi',
      status: statuses[n % 2],
    })) as { ok: boolean; data?: { seq: number } };
    return r.ok ? r.data!.seq : null;
  }
  if (!patch) throw new Error('the baseline needs a patch of Vigie to send');
  await commander.emitWithAck('change', { ...patch, from: n, to: n });
  return n;
}

/** Resolves once every viewer of these servers holds the last change acknowledged, or after 10 s (the others are missing). */
async function arrivalsOf(servers: Server[], ids: (number | null)[]) {
  const last = Math.max(...ids.map((id) => id ?? -1));
  const viewers = servers.flatMap((s) => s.viewers);
  for (const deadline = now() + 10_000; now() < deadline; await wait(20)) {
    if (viewers.every((v) => v.arrivals.some(([id]) => id >= last))) break;
  }
}

/** What one server's viewers saw of the changes sent (at `at`, known by `ids`), counted once they arrived. */
function timesAt(server: Server, sent: { at: number }[], ids: (number | null)[]) {
  let missing = 0;
  /** Per change sent and acknowledged: ms to this server's last viewer (null: not acknowledged). */
  const latest = sent.map(({ at }, i) => {
    const id = ids[i];
    if (id === null || id === undefined) return null;
    let arrived = 0;
    for (const v of server.viewers) {
      // A message covers every change up to `to` (Vigie's patches a range of seqs, the baseline's one change).
      const arrival = v.arrivals.find(([to]) => to >= id)?.[1];
      if (arrival === undefined) missing++;
      else arrived = Math.max(arrived, arrival);
    }
    return arrived - at;
  });
  return { latest, missing };
}

/** What one server's viewers saw of the changes sent to it. */
async function collect(server: Server, sent: { at: number; id: Promise<number | null> }[]): Promise<FanoutResult> {
  const ids = await Promise.all(sent.map((s) => s.id));
  await arrivalsOf([server], ids);
  const { latest, missing } = timesAt(server, sent, ids);
  foldCopies(server);
  return {
    latencies: latest.filter((l) => l !== null),
    unacknowledged: ids.filter((id) => id === null).length,
    missing,
    patch: server.lastPatch,
  };
}

/** Brings each folding viewer's copy up to date, as the dashboard folds its stream (a gap is counted, not mended). */
function foldCopies(server: Server) {
  if (!server.fold) return;
  for (const v of server.viewers) {
    for (const m of v.unfolded) {
      if ('snapshot' in m) {
        if (m.snapshot.audience !== 'public')
          v.copy = { logId: m.snapshot.logId, seq: m.snapshot.seq, state: m.snapshot.state };
        continue;
      }
      const { patch } = m;
      const copy = v.copy;
      if (!copy || patch.audience === 'public' || patch.logId !== copy.logId || patch.from > copy.seq + 1) {
        v.gaps++;
        continue;
      }
      if (patch.to > copy.seq)
        v.copy = { ...copy, seq: patch.to, state: applySituationPatch(copy.state, patch.patch, patch.to) };
    }
    v.unfolded = [];
  }
}

async function send(server: Server, c: { rate: number; seconds: number; patch: PatchSample | null }) {
  const sent: { at: number; id: Promise<number | null> }[] = [];
  const started = now();
  for (let n = 0; n < c.rate * c.seconds; n++) {
    await wait(Math.max(0, started + (n * 1000) / c.rate - now()));
    sent.push({ at: now(), id: sendChange(server, n, c.patch).catch(() => null) });
  }
  return sent;
}

async function fanout(c: Extract<LoadCommand, { type: 'fanout' }>) {
  const server = servers.find((s) => s.mode === c.mode && s.commander !== null);
  if (!server) throw new Error(`no ${c.mode} server with a commander connected`);
  for (const v of server.viewers) v.arrivals = [];
  reply({ type: 'fanout', ...(await collect(server, await send(server, c))) });
}

async function fanoutNodes(c: Extract<LoadCommand, { type: 'fanout-nodes' }>) {
  const sender = servers.find((s) => s.node === c.sender && s.commander !== null);
  if (!sender) throw new Error(`no node ${c.sender} with a commander connected`);
  const nodes = servers.filter((s) => s.mode === c.mode);
  for (const v of nodes.flatMap((s) => s.viewers)) v.arrivals = [];
  const sent = await send(sender, c);
  const ids = await Promise.all(sent.map((s) => s.id));
  await arrivalsOf(nodes, ids);
  const times = nodes.map((s) => timesAt(s, sent, ids));
  nodes.forEach(foldCopies);
  const unacknowledged = ids.filter((id) => id === null).length;
  reply({
    type: 'fanout-nodes',
    nodes: Object.fromEntries(
      nodes.map((s, i) => [
        s.node,
        {
          latencies: times[i]!.latest.filter((l) => l !== null),
          unacknowledged,
          missing: times[i]!.missing,
          patch: sender.lastPatch,
        },
      ]),
    ),
    farthest: sent.flatMap((_, n) => (ids[n] === null ? [] : [Math.max(...times.map((t) => t.latest[n]!))])),
  });
}

function copies() {
  const folding = servers.filter((s) => s.fold);
  folding.forEach(foldCopies);
  reply({
    type: 'copies',
    nodes: Object.fromEntries(
      folding.map((s) => [
        s.node,
        s.viewers.map((v) => ({ seq: v.copy?.seq ?? 0, hash: v.copy ? hashState(v.copy.state) : null, gaps: v.gaps })),
      ]),
    ),
  });
}

function handle(c: LoadCommand): Promise<void> {
  switch (c.type) {
    case 'connect':
      return connect(c);
    case 'fanout':
      return fanout(c);
    case 'fanout-nodes':
      return fanoutNodes(c);
    case 'copies':
      return Promise.resolve(copies());
    case 'close':
      return Promise.resolve(close());
  }
}

process.on('message', (c: LoadCommand) => {
  const run = Promise.resolve().then(() => handle(c));
  run.catch((e: unknown) => reply({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
});

function close() {
  for (const s of servers) {
    for (const v of s.viewers) v.socket.close();
    s.commander?.close();
  }
  process.exit(0);
}
