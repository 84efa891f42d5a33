import { cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEvent } from '@vigie/shared';
import { buildEvents, openedData } from '@vigie/shared/testing';
import { buildSituationStore, renderWithStore } from '../testing.tsx';
import { ItemProvenance } from './ItemProvenance.tsx';

afterEach(cleanup);

type Body = Pick<LogEvent, 'type' | 'data'>;
/** Took effect at 10:55 Paris, entered at 11:01 (the factory's clock): backdated. */
const backdated: Body = {
  type: 'value.set',
  data: {
    item: { kind: 'samu', id: 'samu-75', value: 'degrade' },
    effectiveAt: '2024-08-03T08:55:00.000Z',
    hold: false,
  },
};

function render(clock: (typeof openedData)['clock'] | { simStart: string; realStart: string; speed: number }) {
  const store = buildSituationStore(
    buildEvents([{ type: 'incident.opened', data: { ...openedData, clock } }, backdated]),
  );
  const state = store.getState().sync;
  if (state.kind !== 'situation') throw new Error('no situation');
  return renderWithStore(<ItemProvenance tracked={state.state.items.samu['samu-75']!} />, store).container;
}

describe('ItemProvenance', () => {
  it('says when a backdated value took effect and when it was entered, in a real incident', () => {
    expect(render(null).textContent).toBe('mis à jour sam. 10:55 par Alice Martin (console), saisi sam. 11:01');
  });

  it('shows one clock in the demo: the scenario time the value took effect, never the real time it was recorded', () => {
    const clock = { simStart: '2024-08-03T09:00:00.000Z', realStart: '2026-12-07T06:00:00.000Z', speed: 60 };
    expect(render(clock).textContent).toBe('mis à jour sam. 10:55 par Alice Martin (console)');
  });
});

describe('ItemProvenance of a value nobody confirmed for long', () => {
  it('says how long it has gone unconfirmed while the incident runs (here: since 2024)', () => {
    const store = buildSituationStore(buildEvents([{ type: 'incident.opened', data: openedData }, backdated]));
    const sync = store.getState().sync;
    if (sync.kind !== 'situation') throw new Error('no situation');
    const tracked = sync.state.items.samu['samu-75']!;
    const { container } = renderWithStore(<ItemProvenance tracked={tracked} kind="samu" />, store);
    expect(container.querySelector('[data-unconfirmed]')?.textContent).toMatch(/⌛ non confirmé depuis \d+ h/);
  });
});
