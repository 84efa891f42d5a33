/** Test helper: renders a component over a store holding a situation folded from events. */
import { act, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import {
  applyEvent,
  initialSituation,
  projectSituation,
  type LogEvent,
  type Registry,
  type Situation,
} from '@vigie/shared';
import { buildMeta, buildRegistry } from '@vigie/shared/testing';
import { applySnapshot, emptySync } from '../store/syncReducer.ts';
import { createVigieStore, type Lang, type VigieStore } from '../store/vigieStore.ts';
import { StoreContext } from './StoreContext.ts';

export function renderWithSituation(
  ui: ReactNode,
  events: LogEvent[],
  options: { lang?: Lang; registry?: Registry } = {},
): { container: HTMLElement; store: VigieStore; state: Situation } {
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
  const { container } = render(<StoreContext value={store}>{ui}</StoreContext>);
  return { container, store, state };
}
