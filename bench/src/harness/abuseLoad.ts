/**
 * The attacker of `pnpm bench abuse` (its own process, on the load core): one abuse at a time against
 * a running Vigie, for a given time, then a report of what the server answered. Driven by the runner
 * over IPC, like the other load generators.
 */
import type { Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import { openSocket } from './sockets.ts';

export type Attack =
  /** Opens `count` viewer connections at once (no waves) and holds them. */
  | { kind: 'connections'; cookies: string[] }
  /** One viewer socket sends `perSecond` requests (unknown events, malformed and valid queries). */
  | { kind: 'event-flood'; cookie: string; perSecond: number }
  /** One commander account from many sockets: main-courante entries and status changes, as fast as answered. */
  | { kind: 'account-flood'; cookie: string; sockets: number }
  /** Sockets of one viewer cookie that stop reading while asking for snapshots. */
  | { kind: 'slow-readers'; cookie: string; sockets: number; perSecond: number }
  /** Parallel wrong-password sign-ins for one login. */
  | { kind: 'sign-ins'; login: string; parallel: number };

export type AbuseCommand = { type: 'attack'; url: string; attack: Attack; seconds: number } | { type: 'close' };

export type AbuseReply =
  | { type: 'attacked'; replies: Record<string, number>; disconnected: Record<string, number>; note: string }
  | { type: 'error'; message: string };

const now = () => performance.now();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const reply = (m: AbuseReply) => process.send?.(m);

/** Counts replies by their code ("ok" for accepted) and disconnections by reason. */
class Tally {
  replies: Record<string, number> = {};
  disconnected: Record<string, number> = {};
  reply(r: unknown) {
    const answer = r as { ok?: boolean; error?: { code?: string } } | undefined;
    const code = answer?.ok ? 'ok' : (answer?.error?.code ?? 'no reply');
    this.replies[code] = (this.replies[code] ?? 0) + 1;
  }
  watch(socket: Socket) {
    socket.on('disconnect', (reason, description) => {
      const why = (description as { context?: { reason?: string } } | undefined)?.context?.reason || reason;
      this.disconnected[why] = (this.disconnected[why] ?? 0) + 1;
    });
  }
}

const connected = (socket: Socket) =>
  new Promise<boolean>((resolve) => {
    socket.once('situation:snapshot', () => resolve(true));
    socket.once('connect_error', () => resolve(false));
  });

/**
 * Opens a raw Socket.IO connection (engine.io over a WebSocket) that reads what it is sent without
 * decoding it, as an attacker would: the runner's honest clients share this core, and two thousand
 * snapshots parsed here would measure this process, not the server. Resolves true once its snapshot
 * arrived.
 */
function rawConnection(url: string, cookie: string, tally: Tally): { opened: Promise<boolean>; close: () => void } {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    headers: { cookie },
  });
  const opened = new Promise<boolean>((resolve) => {
    ws.on('message', (data: Buffer) => {
      const head = data.subarray(0, 24).toString();
      if (head.startsWith('0{'))
        ws.send('40'); // engine.io open: connect to the main namespace
      else if (head === '2')
        ws.send('3'); // ping: pong
      else if (head.startsWith('42["situation:snapshot"')) resolve(true);
    });
    ws.on('error', () => resolve(false));
    ws.on('close', (code) => {
      tally.disconnected[String(code)] = (tally.disconnected[String(code)] ?? 0) + 1;
      resolve(false);
    });
  });
  return { opened, close: () => ws.terminate() };
}

async function connections(url: string, cookies: string[], seconds: number, tally: Tally): Promise<string> {
  const started = now();
  const sockets = cookies.map((cookie) => rawConnection(url, cookie, tally));
  const results = await Promise.race([
    Promise.all(sockets.map((s) => s.opened)),
    wait(seconds * 1000).then(() => null),
  ]);
  const took = now() - started;
  const ok = results?.filter(Boolean).length ?? 0;
  await wait(Math.max(0, seconds * 1000 - took));
  for (const s of sockets) s.close();
  return results
    ? `${ok} of ${cookies.length} connected with their snapshot in ${Math.round(took)} ms`
    : `not all ${cookies.length} connected within ${seconds} s`;
}

async function eventFlood(url: string, cookie: string, perSecond: number, seconds: number, tally: Tally) {
  const socket = openSocket(url, cookie);
  tally.watch(socket);
  await connected(socket);
  const requests: [string, unknown][] = [
    ['no:such-event', {}],
    ['items:set', { idempotencyKey: 'x', items: 'not a list' }],
    ['history:item', { item: { kind: 'system', id: 'cochin/dpi' }, limit: 5 }],
    ['system:set-status', { idempotencyKey: 'flood-0001', hospitalId: 'cochin', systemId: 'dpi', status: 'normal' }],
  ];
  const started = now();
  let sent = 0;
  // Ten bursts a second, each a tenth of the rate: what a tight loop in a page's console sends.
  for (let tick = 0; now() - started < seconds * 1000; tick++) {
    await wait(Math.max(0, started + tick * 100 - now()));
    for (let i = 0; i < perSecond / 10; i++, sent++) {
      const [event, payload] = requests[sent % requests.length]!;
      socket.timeout(5_000).emit(event, payload, (err: unknown, r: unknown) => tally.reply(err ? undefined : r));
    }
  }
  await wait(1000);
  socket.close();
  return `${sent} requests sent in ${seconds} s from one socket`;
}

async function accountFlood(url: string, cookie: string, count: number, seconds: number, tally: Tally) {
  const sockets = Array.from({ length: count }, () => openSocket(url, cookie));
  sockets.forEach((s) => tally.watch(s));
  await Promise.all(sockets.map(connected));
  const until = now() + seconds * 1000;
  let sent = 0;
  // Each socket keeps a few requests in flight: as fast as the server answers.
  const loop = async (socket: Socket, lane: number) => {
    for (let n = 0; now() < until && socket.connected; n++) {
      sent++;
      const key = `flood-${process.pid}-${lane}-${n}`;
      const request =
        n % 2 === 0
          ? socket.timeout(5_000).emitWithAck('log:add-entry', { idempotencyKey: key, type: 'information', text: key })
          : socket.timeout(5_000).emitWithAck('system:set-status', {
              idempotencyKey: key,
              hospitalId: 'hegp',
              systemId: 'dpi',
              status: n % 4 === 1 ? 'degrade' : 'indisponible',
            });
      tally.reply(await request.catch(() => undefined));
    }
  };
  await Promise.all(sockets.flatMap((s, i) => [0, 1, 2, 3].map((lane) => loop(s, i * 4 + lane))));
  for (const s of sockets) s.close();
  return `${sent} requests from one account over ${count} sockets`;
}

async function slowReaders(
  url: string,
  cookie: string,
  count: number,
  perSecond: number,
  seconds: number,
  tally: Tally,
) {
  const sockets = Array.from({ length: count }, () => openSocket(url, cookie));
  sockets.forEach((s) => tally.watch(s));
  await Promise.all(sockets.map(connected));
  // Stop reading: the TCP socket under the WebSocket is paused, so the server's writes pile up.
  for (const s of sockets) {
    const transport = s.io.engine.transport as unknown as { ws?: { _socket?: { pause(): void } } };
    transport.ws?._socket?.pause();
  }
  const started = now();
  let sent = 0;
  // Each socket asks for a snapshot `perSecond` times a second.
  for (let tick = 0; now() - started < seconds * 1000; tick++) {
    await wait(Math.max(0, started + (tick * 1000) / perSecond - now()));
    for (const s of sockets) s.emit('sync:request', { logId: null, seq: 0 }, () => undefined);
    sent += sockets.length;
  }
  const still = sockets.filter((s) => s.connected).length;
  for (const s of sockets) s.close();
  return `${sent} snapshot requests from ${count} sockets that stopped reading; ${still} still connected at the end (as the client saw it)`;
}

async function signIns(url: string, login: string, parallel: number, tally: Tally) {
  const started = now();
  const attempts = Array.from({ length: parallel }, (_, i) =>
    fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ login, password: `mauvais-mot-de-passe-${i}` }),
    }).then(
      (r) => tally.reply({ ok: false, error: { code: `HTTP ${r.status}` } }),
      () => tally.reply(undefined),
    ),
  );
  await Promise.all(attempts);
  return `${parallel} parallel wrong-password sign-ins answered in ${Math.round(now() - started)} ms`;
}

async function attack(c: Extract<AbuseCommand, { type: 'attack' }>) {
  const tally = new Tally();
  const a = c.attack;
  const note =
    a.kind === 'connections'
      ? await connections(c.url, a.cookies, c.seconds, tally)
      : a.kind === 'event-flood'
        ? await eventFlood(c.url, a.cookie, a.perSecond, c.seconds, tally)
        : a.kind === 'account-flood'
          ? await accountFlood(c.url, a.cookie, a.sockets, c.seconds, tally)
          : a.kind === 'slow-readers'
            ? await slowReaders(c.url, a.cookie, a.sockets, a.perSecond, c.seconds, tally)
            : await signIns(c.url, a.login, a.parallel, tally);
  reply({ type: 'attacked', replies: tally.replies, disconnected: tally.disconnected, note });
}

process.on('message', (c: AbuseCommand) => {
  if (c.type === 'close') process.exit(0);
  attack(c).catch((e: unknown) => reply({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
});
