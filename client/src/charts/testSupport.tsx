/** Test support for the charts: the drill-downs' store fixture, and a fake request function answering `history:series`. */
import { vi } from 'vitest';
import type { LogEvent, Reply, SeriesData } from '@vigie/shared';
import type { ReactNode } from 'react';
import type { WireRequest } from '../testing.tsx';
import { buildSituationStore, renderWithStore } from '../testing.tsx';
import type { Lang, VigieStore } from '../store/vigieStore.ts';

/** A store whose copy is the viewer projection of a log after `events`. */
export const buildChartStore = (events: LogEvent[], lang: Lang = 'fr'): VigieStore =>
  buildSituationStore(events, { lang });

/** A request function that answers every `history:series` with `reply(input)`. */
export function fakeRequest(reply: (input: unknown) => Reply<SeriesData>) {
  return vi.fn<WireRequest>((event, input) =>
    Promise.resolve(
      event === 'history:series' ? reply(input) : { ok: false, error: { code: 'not_found', message: event } },
    ),
  );
}

export function renderChart(store: VigieStore, request: WireRequest, chart: ReactNode): void {
  renderWithStore(chart, store, request);
}
