/** The headline figures, computed from the situation (pure, tested without React). */
import {
  isDegradedMode,
  isEmergencyOpen,
  operatingModes,
  recoveryProgress,
  responseLevels,
  type Hospital,
  type OperatingMode,
  type Registry,
  type ResponseLevel,
  type Situation,
} from '@vigie/shared';

export interface HeadlineFacts {
  /** Hospitals per response level, in the scale's order; plan blanc hospitals named. */
  levels: { level: ResponseLevel; hospitals: Hospital[] }[];
  /** Hospitals per fonctionnement, with when each left normal; `since`: the earliest, for degraded modes. */
  modes: {
    mode: OperatingMode;
    hospitals: { hospital: Hospital; leftNormalAt: string | null }[];
    since: string | null;
  }[];
  /** Confirmed emergency departments: open ones among those whose status is known. */
  emergencies: { open: number; known: number };
  /** Hospital × system pairs back, among those affected during the incident. */
  systems: { restored: number; affected: number };
}

export function headlineFacts(s: Situation, registry: Registry): HeadlineFacts {
  const levels = responseLevels.ids.map((level) => ({
    level,
    hospitals: registry.hospitals.filter((h) => s.items['response-level'][h.id]?.value === level),
  }));
  const modes = operatingModes.ids.map((mode) => {
    const hospitals = registry.hospitals
      .filter((h) => (s.items['operating-mode'][h.id]?.value ?? 'inconnu') === mode)
      .map((hospital) => ({ hospital, leftNormalAt: s.hospitals[hospital.id]?.leftNormalAt ?? null }));
    const left = hospitals.map((h) => h.leftNormalAt).filter((x): x is string => x !== null);
    return { mode, hospitals, since: isDegradedMode(mode) ? (left.sort()[0] ?? null) : null };
  });
  let open = 0;
  let known = 0;
  for (const d of registry.emergencyDepartments) {
    const status = s.items.emergency[d.id]?.value.status;
    if (d.confirmation !== 'confirme' || status === undefined || status === 'inconnu') continue;
    known += 1;
    if (isEmergencyOpen(status)) open += 1;
  }
  const { overall } = recoveryProgress(s, registry);
  return {
    levels,
    modes,
    emergencies: { open, known },
    systems: { restored: overall.restored, affected: overall.affected },
  };
}
