/** Where the series stop (epoch ms): the incident's present, or when it closed, if it did. */
import { ms } from '@vigie/shared';
import { useEffectiveNow } from '../hooks/useEffectiveNow.ts';
import { useStoreSelector } from '../hooks/useStoreSelector.ts';
import { selectSync } from '../store/selectors.ts';
import type { VigieState } from '../store/vigieStore.ts';

const selectClosedAt = (s: VigieState) => {
  const sync = selectSync(s);
  return sync.kind === 'situation' ? (sync.state.incident?.closedAt ?? null) : null;
};

export function useSeriesEnd(intervalMs: number): number {
  const present = useEffectiveNow(intervalMs);
  const closedAt = useStoreSelector(selectClosedAt);
  return closedAt === null ? present : Math.min(present, ms(closedAt));
}
