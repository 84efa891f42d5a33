/**
 * "Now" on the incident's clock (epoch ms): the scenario's simulated time in the demo, else the
 * server's time (the local clock corrected by the offset heartbeats measure).
 */
import { scenarioTime } from '@vigie/shared';
import { selectClock } from '../store/selectors.ts';
import type { VigieState } from '../store/vigieStore.ts';
import { useNow } from './useNow.ts';
import { useStoreSelector } from './useStoreSelector.ts';

const selectServerOffset = (s: VigieState) => s.connection.serverOffsetMs;

export function useEffectiveNow(intervalMs = 1000): number {
  const clock = useStoreSelector(selectClock);
  const offset = useStoreSelector(selectServerOffset);
  const now = useNow(intervalMs);
  // The scenario clock runs from the server's real time too: a screen whose own clock is off still reads it right.
  return clock ? scenarioTime(clock, new Date(now + offset)).getTime() : now + offset;
}
