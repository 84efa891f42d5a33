import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildEvents, openedData } from '@vigie/shared/testing';
import { applyEvent } from '@vigie/shared';
import type { ReactNode } from 'react';
import { RealtimeContext } from '../realtime/RealtimeContext.ts';
import { StoreContext } from '../store/StoreContext.ts';
import { asRequestFn } from '../testing.tsx';
import type { VigieStore } from '../store/vigieStore.ts';
import { buildChartStore, fakeRequest } from './testSupport.tsx';
import { useSeries } from './useSeries.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Moves the store's copy one event on (a log entry), as a patch would. */
function advance(store: VigieStore) {
  const sync = store.getState().sync;
  if (sync.kind !== 'situation') throw new Error('expected a situation');
  const [event] = buildEvents([{ type: 'incident.updated', data: { phase: 'endiguement' } }], {
    firstSeq: sync.seq + 1,
  });
  act(() => store.getState().setSync({ ...sync, seq: event!.seq, state: applyEvent(sync.state, event!) }));
}

function setup() {
  const store = buildChartStore(buildEvents([{ type: 'incident.opened', data: openedData }]));
  const request = fakeRequest(() => ({ ok: true, data: { logId: 'log-1.1', seq: 1, series: {} } }));
  const wrapper = ({ children }: { children: ReactNode }) => (
    <StoreContext value={store}>
      <RealtimeContext value={asRequestFn(request)}>{children}</RealtimeContext>
    </StoreContext>
  );
  const hook = renderHook(({ width }: { width: number }) => useSeries(width), {
    wrapper,
    initialProps: { width: 600 },
  });
  return { store, request, hook };
}

const flush = () => act(() => vi.advanceTimersByTimeAsync(0));

describe('useSeries', () => {
  it('asks once at first and exposes the parsed reply', async () => {
    const { request, hook } = setup();

    await flush();

    expect(request).toHaveBeenCalledTimes(1);
    expect(hook.result.current).toEqual({
      data: { logId: 'log-1.1', seq: 1, series: {} },
      error: null,
      loading: false,
    });
  });

  it('asks again when the situation moves, at most once every 10 s', async () => {
    const { store, request } = setup();
    await flush();

    advance(store);
    advance(store);
    await act(() => vi.advanceTimersByTimeAsync(9_000));
    expect(request).toHaveBeenCalledTimes(1);

    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(request).toHaveBeenCalledTimes(2);

    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('asks again at once when the width changes by more than 10 %, with about one point per pixel', async () => {
    const { request, hook } = setup();
    await flush();

    hook.rerender({ width: 640 });
    await flush();
    expect(request).toHaveBeenCalledTimes(1);

    hook.rerender({ width: 900 });
    await flush();
    expect(request).toHaveBeenCalledTimes(2);
    expect(request).toHaveBeenLastCalledWith('history:series', { maxPoints: 900 });
  });
});
