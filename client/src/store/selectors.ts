/** Named selectors over the store. */
import { operatingModes, type Hospital, type OperatingMode } from '@vigie/shared';
import type { SyncState } from './syncReducer.ts';
import type { VigieState } from './vigieStore.ts';

export const selectConnection = (s: VigieState) => s.connection;
export const selectLang = (s: VigieState) => s.lang;
export const selectSync = (s: VigieState) => s.sync;
export const selectDemo = (s: VigieState) => (s.sync.kind === 'empty' ? false : s.sync.state.demo);
export const selectClock = (s: VigieState) => (s.sync.kind === 'empty' ? null : s.sync.state.clock);

/** Hospitals grouped (derive with useMemo: it builds new arrays) by fonctionnement, in the scale's order, each with the time it left normal. */
export function groupHospitalsByMode(
  sync: SyncState,
): { mode: OperatingMode; hospitals: { hospital: Hospital; leftNormalAt: string | null }[] }[] {
  if (sync.kind !== 'situation') return [];
  const { state, registry } = sync;
  return operatingModes.ids
    .map((mode) => ({
      mode,
      hospitals: registry.hospitals
        .filter((h) => (state.items['operating-mode'][h.id]?.value ?? 'inconnu') === mode)
        .map((hospital) => ({ hospital, leftNormalAt: state.hospitals[hospital.id]?.leftNormalAt ?? null })),
    }))
    .filter((g) => g.hospitals.length > 0);
}
