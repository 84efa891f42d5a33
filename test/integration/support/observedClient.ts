/**
 * A real socket.io-client that folds its audience stream with the client's own reducer and checks
 * every payload it receives against the shared schemas (the contract test).
 */
import { io, type Socket } from 'socket.io-client';
import { applyPatch, applySnapshot, emptySync, positionOf, type SyncState } from '@vigie/client/sync';
import {
  serverEventSchemas,
  type ClientToServerEvents,
  type Handshake,
  type Heartbeat,
  type PatchMessage,
  type Reply,
  type ServerToClientEvents,
  type SessionInfo,
  type Snapshot,
} from '@vigie/shared';

/** Every contract violation seen by any observed client in this process. */
export const contractViolations: string[] = [];

export interface ObservedClient {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  sync: () => SyncState;
  snapshots: Snapshot[];
  patches: PatchMessage[];
  heartbeats: Heartbeat[];
  restarts: number;
  gaps: number;
  /** Who the server said this client is (`session:info`), and why it ended the session (`session:ended`). */
  sessions: SessionInfo[];
  ended: string[];
  /** Why the server dropped this connection (`connection:shed`), each time it did. */
  shed: string[];
  /** Sends a request and resolves with its reply. */
  send: (event: string, payload: unknown) => Promise<Reply>;
  /** Resolves once `predicate` holds (checked after every message), or rejects after `timeoutMs`. */
  until: (predicate: () => boolean, timeoutMs?: number) => Promise<void>;
  close: () => void;
}

/** The handshake a test client sends, and the session cookie it carries (from `server.as(role)`). */
export type Identity = Omit<Handshake, 'position'> & { cookie?: string };

export function observe(
  url: string,
  identity: Identity = {},
  options: { connect?: boolean; reconnect?: boolean } = {},
): ObservedClient {
  const { audience, cookie } = identity;
  let sync: SyncState = emptySync;
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    auth: (cb) => cb({ ...(audience ? { audience } : {}), position: positionOf(sync) }),
    ...(cookie ? { extraHeaders: { cookie } } : {}),
    transports: ['websocket'],
    reconnection: options.reconnect ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    autoConnect: options.connect ?? true,
  });
  const client: ObservedClient = {
    socket,
    sync: () => sync,
    snapshots: [],
    patches: [],
    heartbeats: [],
    restarts: 0,
    gaps: 0,
    sessions: [],
    ended: [],
    shed: [],
    send: (event, payload) =>
      new Promise((resolve) => {
        (socket.emit as (e: string, p: unknown, ack: (r: Reply) => void) => void)(event, payload, resolve);
      }),
    until: (predicate, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        if (predicate()) return resolve();
        const check = () => {
          if (!predicate()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('condition not met in time'));
        }, timeoutMs);
        waiters.add(check);
      }),
    close: () => socket.close(),
  };
  socket.onAny((event: string, payload: unknown) => {
    const schema = serverEventSchemas[event as keyof typeof serverEventSchemas];
    const parsed = schema?.safeParse(payload);
    if (!parsed?.success) contractViolations.push(`${event}: ${parsed ? parsed.error.message : 'unknown event'}`);
  });
  socket.on('situation:snapshot', (m) => {
    client.snapshots.push(m);
    sync = applySnapshot(sync, m);
    notify();
  });
  socket.on('situation:patched', (m) => {
    client.patches.push(m);
    const result = applyPatch(sync, m);
    if (result.gap) client.gaps += 1;
    sync = result.sync;
    notify();
  });
  socket.on('server:heartbeat', (hb) => {
    client.heartbeats.push(hb);
    notify();
  });
  socket.on('server:restarting', () => {
    client.restarts += 1;
    notify();
  });
  socket.on('session:info', (info) => {
    client.sessions.push(info);
    notify();
  });
  socket.on('session:ended', ({ reason }) => {
    client.ended.push(reason);
    notify();
  });
  socket.on('connection:shed', ({ reason }) => {
    client.shed.push(reason);
    notify();
  });
  socket.on('connect', notify);
  socket.on('disconnect', notify);
  socket.on('connect_error', notify);
  return client;
}

/** Resolves once the client holds its first copy. */
export async function observed(url: string, identity: Identity = {}): Promise<ObservedClient> {
  const client = observe(url, identity);
  await client.until(() => client.sync().kind !== 'empty');
  return client;
}

let counter = 0;
/** A fresh idempotency key. */
export const key = () => `it-${process.pid}-${++counter}-${Date.now()}`;
