/** The headline figures, computed from the situation (pure, tested without React). */
import {
  isEmergencyOpen,
  isInformed,
  recoveryProgress,
  responseLevels,
  type Hospital,
  type OperatingMode,
  type Registry,
  type ResponseLevel,
  type Situation,
} from '@vigie/shared';
import { NOT_INFORMED, type NotInformed } from './shownStatus.ts';

/** What a hospital's fonctionnement reads as: its mode, or not informed when nobody gave one. */
export type ShownMode = OperatingMode | NotInformed;

/** Exceptions first: the worst fonctionnement at the top, the unconfirmed next, normal last. */
export const modesWorstFirst: readonly ShownMode[] = [
  'critique',
  'procedures-degradees',
  'ralenti-maitrise',
  'inconnu',
  NOT_INFORMED,
  'normal',
];

export interface ModeGroup {
  mode: ShownMode;
  /** Each hospital with when it entered this mode (null: not informed, or not known). */
  hospitals: { hospital: Hospital; since: string | null }[];
  /** When every hospital of the group entered it at the same time, that time; else null (each says its own). */
  since: string | null;
}

export interface HeadlineFacts {
  /** Hospitals per response level, in the scale's order; plan blanc hospitals named. Not informed apart. */
  levels: { level: ResponseLevel; hospitals: Hospital[] }[];
  levelsNotInformed: number;
  /** Hospitals per fonctionnement, worst first; empty groups left out. */
  modes: ModeGroup[];
  /**
   * Every emergency department of the registry: open, in délestage, closed, and not informed (nobody
   * gave a status, it is "inconnu", or the department itself is unverified and nobody spoke of it).
   */
  emergencies: { open: number; diverted: number; closed: number; notInformed: number; total: number };
  /** Hospital × system pairs back, among those affected during the incident. */
  systems: { restored: number; affected: number };
}

export function modeGroups(s: Situation, registry: Registry): ModeGroup[] {
  const groups = new Map<ShownMode, ModeGroup['hospitals']>(modesWorstFirst.map((m) => [m, []]));
  for (const hospital of registry.hospitals) {
    const tracked = s.items['operating-mode'][hospital.id];
    const informed = tracked !== undefined && isInformed(tracked);
    const since = informed ? (s.hospitals[hospital.id]?.modeSince ?? null) : null;
    groups.get(informed ? tracked.value : NOT_INFORMED)!.push({ hospital, since });
  }
  return modesWorstFirst.flatMap((mode) => {
    const hospitals = groups.get(mode)!;
    if (hospitals.length === 0) return [];
    const times = new Set(hospitals.map((h) => h.since));
    return [{ mode, hospitals, since: times.size === 1 ? hospitals[0]!.since : null }];
  });
}

export function headlineFacts(s: Situation, registry: Registry): HeadlineFacts {
  const levelOf = (h: Hospital) => {
    const tracked = s.items['response-level'][h.id];
    return tracked && isInformed(tracked) ? tracked.value : null;
  };
  const levels = responseLevels.ids.map((level) => ({
    level,
    hospitals: registry.hospitals.filter((h) => levelOf(h) === level),
  }));
  const emergencies = { open: 0, diverted: 0, closed: 0, notInformed: 0, total: registry.emergencyDepartments.length };
  for (const d of registry.emergencyDepartments) {
    const tracked = s.items.emergency[d.id];
    const status = tracked && isInformed(tracked) ? tracked.value.status : 'inconnu';
    if (isEmergencyOpen(status)) emergencies.open += 1;
    else if (status === 'delestage') emergencies.diverted += 1;
    else if (status === 'fermees') emergencies.closed += 1;
    else emergencies.notInformed += 1;
  }
  const { overall } = recoveryProgress(s, registry);
  return {
    levels,
    levelsNotInformed: registry.hospitals.filter((h) => levelOf(h) === null).length,
    modes: modeGroups(s, registry),
    emergencies,
    systems: { restored: overall.restored, affected: overall.affected },
  };
}
