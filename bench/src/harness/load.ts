/**
 * A load generator (its own process, on the load core): many viewers and one commander as real
 * socket.io-client connections, against Vigie or the bare baseline. Send and arrival times are taken
 * in this one process, so they share a clock. Driven by the runner over IPC.
 */
import type { Socket } from 'socket.io-client';
import { openSocket } from './sockets.ts';

export type LoadCommand =
  | {
      type: 'connect';
      mode: 'vigie' | 'baseline';
      url: string;
      viewerCookies: string[];
      /** null: viewers only (the memory scenario). */
      commanderCookie: string | null;
    }
  | { type: 'fanout'; rate: number; seconds: number; payloadBytes: number }
  | { type: 'close' };

export type LoadReply =
  | { type: 'connected'; viewers: number; ms: number }
  | { type: 'fanout'; latencies: number[]; unacknowledged: number; missing: number; patchBytes: number }
  | { type: 'error'; message: string };

interface Viewer {
  socket: Socket;
  /** Vigie: [last seq covered, arrival] per patch; baseline: arrival by change id. */
  arrivals: [number, number][];
}

let mode: 'vigie' | 'baseline' = 'vigie';
let viewers: Viewer[] = [];
let commander: Socket | null = null;
let lastPatchBytes = 0;
const statuses = ['degrade', 'indisponible'] as const;

const reply = (m: LoadReply) => process.send?.(m);
const now = () => performance.now();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function connect(c: Extract<LoadCommand, { type: 'connect' }>) {
  mode = c.mode;
  const started = now();
  viewers = [];
  const ready: Promise<void>[] = [];
  // Open in small waves: a thousand simultaneous handshakes measure the handshake, not the fan-out.
  for (let i = 0; i < c.viewerCookies.length; i++) {
    const socket = openSocket(c.url, c.viewerCookies[i]!);
    const viewer: Viewer = { socket, arrivals: [] };
    viewers.push(viewer);
    ready.push(
      new Promise((resolve, reject) => {
        socket.once(mode === 'vigie' ? 'situation:snapshot' : 'connect', () => resolve());
        socket.once('connect_error', (e) => reject(e));
      }),
    );
    if (mode === 'vigie') {
      socket.on('situation:patched', (m: { to: number }) => {
        viewer.arrivals.push([m.to, now()]);
        if (viewer === viewers[0]) lastPatchBytes = JSON.stringify(m).length;
      });
    } else {
      socket.on('changed', (m: { id: number }) => viewer.arrivals.push([m.id, now()]));
    }
    if (i % 50 === 49) await Promise.all(ready.slice(-50));
  }
  await Promise.all(ready);
  if (c.commanderCookie !== null) {
    commander = openSocket(c.url, c.commanderCookie);
    await new Promise<void>((resolve) =>
      commander!.once(mode === 'vigie' ? 'situation:snapshot' : 'connect', () => resolve()),
    );
  }
  reply({ type: 'connected', viewers: viewers.length, ms: now() - started });
}

/** Sends one change and resolves with the id a viewer will see it under (Vigie: its seq). */
async function sendChange(n: number, payloadBytes: number): Promise<number | null> {
  if (mode === 'vigie') {
    const r = (await commander!.timeout(10_000).emitWithAck('system:set-status', {
      idempotencyKey: `fanout-${process.pid}-${n}-${Date.now()}`,
      hospitalId: 'cochin',
      systemId: 'dpi',
      status: statuses[n % 2],
    })) as { ok: boolean; data?: { seq: number } };
    return r.ok ? r.data!.seq : null;
  }
  await commander!.timeout(10_000).emitWithAck('change', { id: n, payload: 'x'.repeat(payloadBytes) });
  return n;
}

async function fanout(c: Extract<LoadCommand, { type: 'fanout' }>) {
  for (const v of viewers) v.arrivals = [];
  const sent: { at: number; id: Promise<number | null> }[] = [];
  const started = now();
  for (let n = 0; n < c.rate * c.seconds; n++) {
    await wait(Math.max(0, started + (n * 1000) / c.rate - now()));
    sent.push({ at: now(), id: sendChange(n, c.payloadBytes).catch(() => null) });
  }
  const ids = await Promise.all(sent.map((s) => s.id));
  const last = Math.max(...ids.map((id) => id ?? -1));
  // Let the last change reach everyone (or give up after 10 s: those are missing).
  for (const deadline = now() + 10_000; now() < deadline; await wait(20)) {
    if (viewers.every((v) => v.arrivals.some(([id]) => id >= last))) break;
  }
  let missing = 0;
  const latencies = sent.flatMap(({ at }, i) => {
    const id = ids[i];
    if (id === null || id === undefined) return [];
    let latest = 0;
    for (const v of viewers) {
      // Vigie's patches cover every seq up to `to`; the baseline's ids are exact.
      const arrival = v.arrivals.find(([to]) => (mode === 'vigie' ? to >= id : to === id))?.[1];
      if (arrival === undefined) missing++;
      else latest = Math.max(latest, arrival);
    }
    return [latest - at];
  });
  reply({
    type: 'fanout',
    latencies,
    unacknowledged: ids.filter((id) => id === null).length,
    missing,
    patchBytes: lastPatchBytes,
  });
}

process.on('message', (c: LoadCommand) => {
  const run = c.type === 'connect' ? connect(c) : c.type === 'fanout' ? fanout(c) : Promise.resolve(close());
  run.catch((e: unknown) => reply({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
});

function close() {
  for (const v of viewers) v.socket.close();
  commander?.close();
  process.exit(0);
}
