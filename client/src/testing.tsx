/** Test support for the drill-downs: a store holding the viewer projection of a log, rendered with a request function. */
import { act, render, type RenderResult } from '@testing-library/react';
import {
  applyEvent,
  initialSituation,
  projectSituation,
  type LogEvent,
  type Registry,
  type Reply,
} from '@vigie/shared';
import { buildMeta, buildRegistry } from '@vigie/shared/testing';
import type { ReactNode } from 'react';
import { RealtimeContext, type RequestFn } from './realtime/RealtimeContext.ts';
import { StoreContext } from './store/StoreContext.ts';
import { applySnapshot, emptySync } from './store/syncReducer.ts';
import { createVigieStore, type Lang, type VigieStore } from './store/vigieStore.ts';

/** A store whose copy is the viewer projection of `registry` after `events`. */
export function buildSituationStore(
  events: LogEvent[],
  options: { registry?: Registry; lang?: Lang } = {},
): VigieStore {
  const registry = options.registry ?? buildRegistry();
  const state = events.reduce(applyEvent, initialSituation(registry, buildMeta()));
  const store = createVigieStore({ lang: options.lang ?? 'fr' });
  act(() =>
    store.getState().setSync(
      applySnapshot(emptySync, {
        audience: 'viewer',
        logId: state.logId,
        seq: state.seq,
        state: projectSituation(state, 'viewer'),
        registry,
      }),
    ),
  );
  return store;
}

/** A request as the wire carries it: a test stands in for the server and answers what it likes. */
export type WireRequest = (event: string, input: unknown) => Promise<Reply>;
export const asRequestFn = (request: WireRequest) => request as unknown as RequestFn;

const notConnected: WireRequest = () =>
  Promise.resolve({ ok: false, error: { code: 'internal', message: 'not connected' } });

export function renderWithStore(ui: ReactNode, store: VigieStore, request: WireRequest = notConnected): RenderResult {
  return render(
    <StoreContext value={store}>
      <RealtimeContext value={asRequestFn(request)}>{ui}</RealtimeContext>
    </StoreContext>,
  );
}
