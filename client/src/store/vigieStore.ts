/**
 * The client store, built from slices: connection (state, data age, build), sync (the audience's
 * copy of the situation), session (who this connection is, or why it was ended or refused) and ui
 * (language). A factory, so each test gets a fresh store.
 */
import type { SessionEndReason, SessionInfo } from '@vigie/shared';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SyncState } from './syncReducer.ts';
import { emptySync } from './syncReducer.ts';

/** `restarting`: the server said it is about to stop; the copy is kept until it is back. */
export type ConnectionStatus = 'connecting' | 'connected' | 'restarting' | 'disconnected';
export type Lang = 'fr' | 'en';

export interface ConnectionSlice {
  status: ConnectionStatus;
  /** Local time (ms) of the last heartbeat that confirmed the copy is current. */
  confirmedAt: number | null;
  /** Local time (ms) of the last heartbeat, and the interval it announced. */
  lastHeartbeatAt: number | null;
  heartbeatMs: number;
  /** Server time minus local time, from the last heartbeat (ms). */
  serverOffsetMs: number;
  buildId: string | null;
  /** When the copy shown was saved, while it is a saved offline copy rather than live data. */
  offlineCopyAt: number | null;
  /** False while the server says it cannot record changes (its database unreachable, a failover under way). */
  writable: boolean;
}

/** Why the server refused the socket handshake (the `connect_error` message). */
export type SessionRefusal = 'unauthorized' | 'forbidden';

export interface SessionSlice {
  /** Who this connection is (`session:info`, on every connection). */
  info: SessionInfo | null;
  /** The server ended the session (`session:ended`): nothing of the situation is kept. */
  ended: SessionEndReason | null;
  /** The server refused the handshake: no session, or one that was revoked or expired. */
  refused: SessionRefusal | null;
}

export interface VigieState {
  connection: ConnectionSlice;
  sync: SyncState;
  session: SessionSlice;
  lang: Lang;
  /** Publishes the folded copy and connection changes together (one render). */
  publish: (sync: SyncState, connection: Partial<ConnectionSlice>) => void;
  setSync: (sync: SyncState) => void;
  setSessionInfo: (info: SessionInfo) => void;
  /** The session ended: drops the copy (and who we were) so nothing stale stays on screen. */
  endSession: (reason: SessionEndReason) => void;
  /** The handshake was refused: drops the copy likewise (a revoked screen must not keep its old picture). */
  refuseSession: (refused: SessionRefusal) => void;
  setLang: (lang: Lang) => void;
}

export type VigieStore = StoreApi<VigieState>;

export function createVigieStore(initial: { lang?: Lang } = {}): VigieStore {
  return createStore<VigieState>()((set) => ({
    connection: {
      status: 'connecting',
      confirmedAt: null,
      lastHeartbeatAt: null,
      heartbeatMs: 2000,
      serverOffsetMs: 0,
      buildId: null,
      offlineCopyAt: null,
      writable: true,
    },
    sync: emptySync,
    session: { info: null, ended: null, refused: null },
    lang: initial.lang ?? 'fr',
    publish: (sync, connection) => set((s) => ({ sync, connection: { ...s.connection, ...connection } })),
    setSync: (sync) => set({ sync }),
    setSessionInfo: (info) => set({ session: { info, ended: null, refused: null } }),
    endSession: (ended) =>
      set((s) => ({
        sync: emptySync,
        session: { info: null, ended, refused: null },
        connection: { ...s.connection, confirmedAt: null, offlineCopyAt: null },
      })),
    refuseSession: (refused) =>
      set((s) => ({
        sync: emptySync,
        session: { info: null, ended: null, refused },
        connection: { ...s.connection, confirmedAt: null, offlineCopyAt: null },
      })),
    setLang: (lang) => set({ lang }),
  }));
}

/** Subscribes a component to the smallest piece of the store it needs. */
export function useVigie<T>(store: VigieStore, selector: (s: VigieState) => T): T {
  return useStore(store, selector);
}
