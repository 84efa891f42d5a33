/**
 * The client store, built from slices: connection (state, data age, build), sync (the audience's
 * copy of the situation) and ui (language). A factory, so each test gets a fresh store.
 */
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
}

export interface VigieState {
  connection: ConnectionSlice;
  sync: SyncState;
  lang: Lang;
  /** Publishes the folded copy and connection changes together (one render). */
  publish: (sync: SyncState, connection: Partial<ConnectionSlice>) => void;
  setSync: (sync: SyncState) => void;
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
    },
    sync: emptySync,
    lang: initial.lang ?? 'fr',
    publish: (sync, connection) => set((s) => ({ sync, connection: { ...s.connection, ...connection } })),
    setSync: (sync) => set({ sync }),
    setLang: (lang) => set({ lang }),
  }));
}

/** Subscribes a component to the smallest piece of the store it needs. */
export function useVigie<T>(store: VigieStore, selector: (s: VigieState) => T): T {
  return useStore(store, selector);
}
