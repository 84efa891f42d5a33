/**
 * The socket binding, outside React: keeps the audience's copy folded as messages arrive, asks to
 * be brought up to date on any gap, and publishes to the store at most once per frame (nothing
 * piles up in a hidden tab: the copy stays folded, the store catches up when frames resume).
 */
import { io, type Socket } from 'socket.io-client';
import type { Audience, ClientToServerEvents, ServerToClientEvents } from '@vigie/shared';
import {
  applyPatch,
  applySnapshot,
  emptySync,
  heartbeatConfirms,
  positionOf,
  type SyncState,
} from '../store/syncReducer.ts';
import type { VigieStore } from '../store/vigieStore.ts';

export type VigieSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectOptions {
  url?: string;
  audience?: Audience;
  /** Schedules a store update; defaults to the next animation frame. */
  schedule?: (publish: () => void) => void;
}

const nextFrame = (publish: () => void) =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(publish) : setTimeout(publish, 16);

export function connect(store: VigieStore, options: ConnectOptions = {}): { socket: VigieSocket; close: () => void } {
  let sync: SyncState = emptySync;
  let scheduled = false;
  const schedule = options.schedule ?? nextFrame;
  const publish = () => {
    scheduled = false;
    store.getState().setSync(sync);
  };
  const update = (next: SyncState) => {
    sync = next;
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

  socket.on('connect', () => store.getState().setConnection({ status: 'connected' }));
  socket.on('disconnect', () => store.getState().setConnection({ status: 'disconnected' }));
  socket.io.on('reconnect_attempt', () => store.getState().setConnection({ status: 'connecting' }));
  socket.on('situation:snapshot', (m) => {
    update(applySnapshot(sync, m));
    store.getState().setConnection({ confirmedAt: Date.now() });
  });
  socket.on('situation:patched', (m) => {
    const { sync: next, gap } = applyPatch(sync, m);
    if (gap) return resync();
    update(next);
    store.getState().setConnection({ confirmedAt: Date.now() });
  });
  socket.on('server:heartbeat', (hb) => {
    const serverOffsetMs = Date.parse(hb.serverTime) - Date.now();
    if (heartbeatConfirms(sync, hb)) {
      store.getState().setConnection({ confirmedAt: Date.now(), serverOffsetMs, buildId: hb.buildId });
    } else {
      store.getState().setConnection({ serverOffsetMs, buildId: hb.buildId });
      resync();
    }
  });

  return { socket, close: () => socket.close() };
}
