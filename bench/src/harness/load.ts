/**
 * A load generator (its own process, on the load core): many viewers and a commander per server, as
 * real socket.io-client connections, against Vigie, the bare baseline, or both side by side (changes
 * sent to one at a time). Send and arrival times are taken in this one process, so they share a clock. Both servers' viewers receive
 * the same message, parsed the same way: Vigie's `situation:patched` for one status change, which the
 * baseline broadcasts as its commander sent it (Vigie's own patch, its range renumbered). Driven by
 * the runner over IPC.
 */
import type { Socket } from 'socket.io-client';
import { openSocket } from './sockets.ts';

type Mode = 'vigie' | 'baseline';

export type LoadCommand =
  | {
      type: 'connect';
      mode: Mode;
      url: string;
      viewerCookies: string[];
      /** null: viewers only (the memory scenario). */
      commanderCookie: string | null;
    }
  /** `rate` changes per second to the server of `mode`; `patch`: what the baseline's commander sends for everyone (a patch Vigie sent). */
  | { type: 'fanout'; mode: Mode; rate: number; seconds: number; patch: PatchSample | null }
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

export type LoadReply =
  | { type: 'connected'; viewers: number; ms: number }
  | ({ type: 'fanout' } & FanoutResult)
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
}

interface Server {
  mode: Mode;
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
  const server: Server = { mode: c.mode, viewers: [], commander: null, lastPatch: null };
  const ready: Promise<void>[] = [];
  const first = c.mode === 'vigie' ? 'situation:snapshot' : 'connect';
  // Open in small waves: a thousand simultaneous handshakes measure the handshake, not the fan-out.
  for (let i = 0; i < c.viewerCookies.length; i++) {
    const socket = openSocket(c.url, c.viewerCookies[i]!);
    const viewer: Viewer = { socket, arrivals: [] };
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
    });
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

/** What one server's viewers saw of the changes sent to it. */
async function collect(server: Server, sent: { at: number; id: Promise<number | null> }[]): Promise<FanoutResult> {
  const ids = await Promise.all(sent.map((s) => s.id));
  const last = Math.max(...ids.map((id) => id ?? -1));
  // Let the last change reach everyone (or give up after 10 s: those are missing).
  for (const deadline = now() + 10_000; now() < deadline; await wait(20)) {
    if (server.viewers.every((v) => v.arrivals.some(([id]) => id >= last))) break;
  }
  let missing = 0;
  const latencies = sent.flatMap(({ at }, i) => {
    const id = ids[i];
    if (id === null || id === undefined) return [];
    let latest = 0;
    for (const v of server.viewers) {
      // A message covers every change up to `to` (Vigie's patches a range of seqs, the baseline's one change).
      const arrival = v.arrivals.find(([to]) => to >= id)?.[1];
      if (arrival === undefined) missing++;
      else latest = Math.max(latest, arrival);
    }
    return [latest - at];
  });
  return { latencies, unacknowledged: ids.filter((id) => id === null).length, missing, patch: server.lastPatch };
}

async function fanout(c: Extract<LoadCommand, { type: 'fanout' }>) {
  const server = servers.find((s) => s.mode === c.mode && s.commander !== null);
  if (!server) throw new Error(`no ${c.mode} server with a commander connected`);
  for (const v of server.viewers) v.arrivals = [];
  const sent: { at: number; id: Promise<number | null> }[] = [];
  const started = now();
  for (let n = 0; n < c.rate * c.seconds; n++) {
    await wait(Math.max(0, started + (n * 1000) / c.rate - now()));
    sent.push({ at: now(), id: sendChange(server, n, c.patch).catch(() => null) });
  }
  reply({ type: 'fanout', ...(await collect(server, sent)) });
}

process.on('message', (c: LoadCommand) => {
  const run = c.type === 'connect' ? connect(c) : c.type === 'fanout' ? fanout(c) : Promise.resolve(close());
  run.catch((e: unknown) => reply({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
});

function close() {
  for (const s of servers) {
    for (const v of s.viewers) v.socket.close();
    s.commander?.close();
  }
  process.exit(0);
}
