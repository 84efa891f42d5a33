/** The loaded viewer/staff copy (situation and registry), or null while waiting. */
import type { Registry, Situation } from '@vigie/shared';
import { selectSync } from '../store/selectors.ts';
import { useStoreSelector } from './useStoreSelector.ts';

export function useSituation(): { state: Situation; registry: Registry } | null {
  const sync = useStoreSelector(selectSync);
  return sync.kind === 'situation' ? { state: sync.state, registry: sync.registry } : null;
}
