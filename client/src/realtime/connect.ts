/**
 * The socket binding, outside React: keeps the audience's copy folded as messages arrive, asks to
 * be brought up to date on any gap, and publishes to the store at most once per frame (nothing
 * piles up in a hidden tab: the copy stays folded, the store catches up when frames resume).
 * When the server ends the session or refuses the handshake, the copy is dropped and wiped. When
 * it sheds the connection (this client fell too far behind reading), it reconnects by itself.
 */
import { io, type Socket } from 'socket.io-client';
import {
  replyDataSchema,
  ReplySchema,
  type Audience,
  type ClientToServerEvents,
  type Reply,
  type RequestData,
  type RequestFn,
  type RequestInput,
  type RequestName,
  type ServerToClientEvents,
} from '@vigie/shared';
import {
  applyPatch,
  applySnapshot,
  emptySync,
  heartbeatConfirms,
  positionOf,
  type SyncState,
} from '../store/syncReducer.ts';
import type { ConnectionSlice, VigieStore } from '../store/vigieStore.ts';
import { wipeOfflineCopy } from './offlineCopy.ts';

export type VigieSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectOptions {
  url?: string;
  /** A copy to start from (the saved offline copy): the server then sends only what it misses. */
  initial?: SyncState;
  audience?: Audience;
  /** Schedules a store update; defaults to the next animation frame. */
  schedule?: (publish: () => void) => void;
  /** Wipes the offline copy (saved state, cached page); replaced in tests. */
  wipe?: () => Promise<void>;
  /** Reloads the page (after a change of rights); replaced in tests. */
  reload?: () => void;
  /** How long to wait before reconnecting after being shed, ms (default: 0.5 to 3 s at random). */
  shedDelayMs?: () => number;
}

const nextFrame = (publish: () => void) =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(publish) : setTimeout(publish, 16);

export function connect(
  store: VigieStore,
  options: ConnectOptions = {},
): { socket: VigieSocket; request: RequestFn; close: () => void } {
  let sync: SyncState = options.initial ?? emptySync;
  let connection: Partial<ConnectionSlice> = {};
  let scheduled = false;
  const schedule = options.schedule ?? nextFrame;
  // One store update per frame, however many messages arrived since the last one.
  // The wall benchmark sets `__vigieLatencies` to measure message arrival → the frame that renders it.
  const latencies = (globalThis as { __vigieLatencies?: number[] }).__vigieLatencies;
  let firstArrival: number | null = null;
  const publish = () => {
    scheduled = false;
    store.getState().publish(sync, connection);
    connection = {};
    if (latencies && firstArrival !== null) latencies.push(performance.now() - firstArrival);
    firstArrival = null;
  };
  const update = (next: { sync?: SyncState; connection?: Partial<ConnectionSlice> }) => {
    if (latencies) firstArrival ??= performance.now();
    if (next.sync) sync = next.sync;
    if (next.connection) connection = { ...connection, ...next.connection };
    if (!scheduled) {
      scheduled = true;
      schedule(publish);
    }
  };

  // The auth callback runs on every (re)connection, so the server sees where this copy stands.
  const socket: VigieSocket = io(options.url ?? '/', {
    auth: (cb) => cb({ position: positionOf(sync), ...(options.audience ? { audience: options.audience } : {}) }),
    transports: ['websocket', 'polling'],
  });
  const resync = () => {
    socket.emit('sync:request', positionOf(sync), () => undefined);
  };

  // Once the session is over, nothing more of the situation is folded or shown. The public summary
  // needs no account and shows nothing private: it keeps its copy (marked frozen once heartbeats stop).
  let over = false;
  // Closed on purpose (by the page, or because the session ended): never reconnected by this binding.
  let closed = false;
  const wipe = () => (options.wipe ?? wipeOfflineCopy)().catch(() => undefined);
  const reload = options.reload ?? (() => window.location.reload());
  const dropCopy = () => {
    over = true;
    sync = emptySync;
    // A publish still pending must not bring back the age of data no longer shown.
    const { confirmedAt: _confirmed, offlineCopyAt: _offline, ...pending } = connection;
    connection = pending;
  };
  socket.on('session:info', (info) => store.getState().setSessionInfo(info));
  socket.on('session:ended', ({ reason }) => {
    if (options.audience !== 'public') {
      dropCopy();
      store.getState().endSession(reason);
    }
    closed = true;
    socket.close();
    const wiped = wipe();
    // The session stays with new rights: a fresh page reconnects and gets the projection they allow.
    if (reason === 'roles-changed' && options.audience !== 'public') void wiped.then(reload);
  });
  socket.on('connect_error', (err) => {
    if (err.message !== 'unauthorized' && err.message !== 'forbidden') return; // unreachable: keep the copy
    if (options.audience !== 'public') {
      dropCopy();
      store.getState().refuseSession(err.message);
      update({ connection: { status: 'disconnected' } });
    }
    void wipe();
  });

  let restarting = false;
  socket.on('connect', () => {
    restarting = false;
    update({ connection: { status: 'connected' } });
  });
  socket.on('server:restarting', () => {
    restarting = true;
    update({ connection: { status: 'restarting' } });
  });
  // A shed connection comes back by itself (Socket.IO would not after a server-side disconnect); a
  // building's screens shed together come back spread out. An ended session never comes back.
  let shed = false;
  socket.on('connection:shed', () => {
    shed = true;
  });
  const shedDelay = options.shedDelayMs ?? (() => 500 + Math.random() * 2500);
  // An announced restart keeps saying so until the server is back.
  socket.on('disconnect', (reason) => {
    update({ connection: { status: restarting ? 'restarting' : 'disconnected' } });
    const comeBack = reason === 'io server disconnect' && shed && !closed;
    // Only this disconnection was announced (one that closed otherwise is Socket.IO's to retry).
    shed = false;
    if (!comeBack) return;
    setTimeout(() => {
      if (closed || socket.active) return;
      update({ connection: { status: 'connecting' } });
      socket.connect();
    }, shedDelay());
  });
  socket.io.on('reconnect_attempt', () => update({ connection: { status: restarting ? 'restarting' : 'connecting' } }));
  const live = () => ({ confirmedAt: Date.now(), offlineCopyAt: null });
  socket.on('situation:snapshot', (m) => {
    if (!over) update({ sync: applySnapshot(sync, m), connection: live() });
  });
  socket.on('situation:patched', (m) => {
    if (over) return;
    const { sync: next, gap } = applyPatch(sync, m);
    if (gap) return resync();
    update({ sync: next, connection: live() });
  });
  socket.on('server:heartbeat', (hb) => {
    if (over) return;
    const seen = {
      serverOffsetMs: Date.parse(hb.serverTime) - Date.now(),
      buildId: hb.buildId,
      lastHeartbeatAt: Date.now(),
      heartbeatMs: hb.intervalMs,
      writable: hb.writable,
    };
    if (heartbeatConfirms(sync, hb)) return update({ connection: { ...seen, ...live() } });
    update({ connection: seen });
    resync();
  });

  /**
   * Sends a request and resolves with its reply, its data checked against the reply's schema (or
   * `internal` if no reply comes within 15 s, or one this client cannot read).
   */
  const request: RequestFn = <N extends RequestName>(event: N, input: RequestInput<N>) =>
    new Promise<Reply<RequestData<N>>>((resolve) => {
      (socket.timeout(15_000).emit as (e: string, i: unknown, ack: (err: Error | null, r: Reply) => void) => void)(
        event,
        input,
        (err, sent) => {
          if (err) return resolve({ ok: false, error: { code: 'internal', message: 'no reply from the server' } });
          const reply = ReplySchema.safeParse(sent);
          const data = reply.success && reply.data.ok ? replyDataSchema(event).safeParse(reply.data.data) : null;
          if (!reply.success || data?.success === false) {
            return resolve({ ok: false, error: { code: 'internal', message: 'a reply this page cannot read' } });
          }
          resolve(reply.data.ok ? { ok: true, data: data!.data as RequestData<N> } : reply.data);
        },
      );
    });

  return {
    socket,
    request,
    close: () => {
      closed = true;
      socket.close();
    },
  };
}
