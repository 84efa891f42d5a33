/** "Now" on the incident's clock: the scenario's simulated time in the demo, the real time otherwise. */
import { scenarioTime } from '@vigie/shared';
import { selectClock } from '../store/selectors.ts';
import { useNow } from './useNow.ts';
import { useStoreSelector } from './useStoreSelector.ts';

export function useEffectiveNow(intervalMs = 1000): number {
  const clock = useStoreSelector(selectClock);
  const now = useNow(intervalMs);
  return clock ? scenarioTime(clock, new Date(now)).getTime() : now;
}
