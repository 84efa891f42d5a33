/** Test support for the charts: a store holding a situation, and a fake request function answering `history:series`. */
import { act, render } from '@testing-library/react';
import { vi } from 'vitest';
import {
  applyEvent,
  initialSituation,
  projectSituation,
  type LogEvent,
  type Reply,
  type SeriesData,
} from '@vigie/shared';
import { buildMeta, buildRegistry } from '@vigie/shared/testing';
import type { ReactNode } from 'react';
import { RealtimeContext, type RequestFn } from '../app/RealtimeContext.ts';
import { StoreContext } from '../app/StoreContext.ts';
import { applySnapshot, emptySync } from '../store/syncReducer.ts';
import { createVigieStore, type Lang, type VigieStore } from '../store/vigieStore.ts';

/** A store whose copy is the viewer projection of a log after `events`. */
export function buildChartStore(events: LogEvent[], lang: Lang = 'fr'): VigieStore {
  const registry = buildRegistry();
  const state = events.reduce(applyEvent, initialSituation(registry, buildMeta()));
  const store = createVigieStore({ lang });
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

/** A request function that answers every `history:series` with `reply(input)`. */
export function fakeRequest(reply: (input: unknown) => Reply<SeriesData>) {
  return vi.fn<RequestFn>((event, input) =>
    Promise.resolve(
      event === 'history:series' ? reply(input) : { ok: false, error: { code: 'not_found', message: event } },
    ),
  );
}

export function renderChart(store: VigieStore, request: RequestFn, chart: ReactNode): void {
  render(
    <StoreContext value={store}>
      <RealtimeContext value={request}>{chart}</RealtimeContext>
    </StoreContext>,
  );
}
