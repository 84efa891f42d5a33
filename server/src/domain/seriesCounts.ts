/**
 * The counts the chart series are drawn from: recovery (hospital × system pairs affected, restored,
 * unknown; overall and per stage), hospitals per fonctionnement, emergency departments open. Counted
 * once from a situation, then kept by the delta of each write (the item before and after it), so a
 * write costs the same whatever the length of the log.
 */
import {
  applyEvent,
  applyEventInFold,
  isEmergencyOpen,
  isInformed,
  isSystemUp,
  operatingModes,
  own,
  pairKey,
  recoveryStages,
  type EmergencyValue,
  type FoldScope,
  type ItemKind,
  type LogEvent,
  type OperatingMode,
  type RecoveryStage,
  type Registry,
  type SeriesName,
  type Situation,
  type SystemStatus,
  type Tracked,
} from '@vigie/shared';

/** Pairs ever affected during the incident, and among them those restored and those unknown. */
export interface Tally {
  affected: number;
  restored: number;
  unknown: number;
}

export interface SeriesCounts {
  recovery: Tally;
  stages: Record<RecoveryStage, Tally>;
  modes: Record<OperatingMode, number>;
  emergenciesOpen: number;
}

/**
 * A write that took effect, or a release, as the counts see it: the item before and after, and whether
 * its pair was affected. (A release leaves the value and only follows a person's write, so in a log the
 * commands wrote it moves nothing; it is counted all the same, so the counts equal a recount whatever the log.)
 */
export interface CountedWrite {
  kind: ItemKind;
  id: string;
  before: Tracked<unknown>;
  after: Tracked<unknown>;
  wasAffected: boolean;
  isAffected: boolean;
}

/** Values of some series; null where a share has nothing to count yet. */
export type SeriesValues = Partial<Record<SeriesName, number | null>>;

/** The recovery stage of each pair the registry counts (a pair outside it counts nowhere). */
const stagesOf = new WeakMap<Registry, ReadonlyMap<string, RecoveryStage>>();

export function pairStages(registry: Registry): ReadonlyMap<string, RecoveryStage> {
  let stages = stagesOf.get(registry);
  if (!stages) {
    stages = new Map(registry.hospitals.flatMap((h) => registry.systems.map((s) => [pairKey(h.id, s.id), s.stage])));
    stagesOf.set(registry, stages);
  }
  return stages;
}

type PairClass = 'restored' | 'unknown' | 'down' | null;

/** How an affected pair counts (null when it is not affected, or has no status). */
function pairClass(status: SystemStatus | undefined, affected: boolean): PairClass {
  if (!affected) return null;
  if (status === 'inconnu') return 'unknown';
  return status !== undefined && isSystemUp(status) ? 'restored' : 'down';
}

// A registry default is nobody's word: a hospital nobody reported on counts as inconnu, never as normal.
const modeOf = (t: Tracked<unknown>): OperatingMode => (isInformed(t) ? (t.value as OperatingMode) : 'inconnu');

// Open as reported: a department's default status is not an opening.
const isOpen = (t: Tracked<unknown>): boolean => isInformed(t) && isEmergencyOpen((t.value as EmergencyValue).status);

const emptyTally = (): Tally => ({ affected: 0, restored: 0, unknown: 0 });

function addPair(tally: Tally, c: PairClass, sign: 1 | -1): void {
  if (c === null) return;
  tally.affected += sign;
  if (c === 'restored') tally.restored += sign;
  else if (c === 'unknown') tally.unknown += sign;
}

/** The counts of a situation, from scratch (every pair, hospital and department once). */
export function countSituation(s: Situation, registry: Registry): SeriesCounts {
  const counts: SeriesCounts = {
    recovery: emptyTally(),
    stages: Object.fromEntries(recoveryStages.ids.map((id) => [id, emptyTally()])) as Record<RecoveryStage, Tally>,
    modes: Object.fromEntries(operatingModes.ids.map((id) => [id, 0])) as Record<OperatingMode, number>,
    emergenciesOpen: 0,
  };
  for (const [key, stage] of pairStages(registry)) {
    const c = pairClass(own(s.items.system, key)?.value, own(s.affected, key) === true);
    addPair(counts.recovery, c, 1);
    addPair(counts.stages[stage], c, 1);
  }
  for (const t of Object.values(s.items['operating-mode'])) counts.modes[modeOf(t)] += 1;
  for (const t of Object.values(s.items.emergency)) if (isOpen(t)) counts.emergenciesOpen += 1;
  return counts;
}

/** Moves `counts` by what one write changed (in place: the counts are their owner's alone). */
export function countWrite(counts: SeriesCounts, registry: Registry, w: CountedWrite): void {
  switch (w.kind) {
    case 'system': {
      const stage = pairStages(registry).get(w.id);
      if (!stage) return;
      const before = pairClass(w.before.value as SystemStatus, w.wasAffected);
      const after = pairClass(w.after.value as SystemStatus, w.isAffected);
      if (before === after) return;
      for (const tally of [counts.recovery, counts.stages[stage]]) {
        addPair(tally, before, -1);
        addPair(tally, after, 1);
      }
      return;
    }
    case 'operating-mode':
      counts.modes[modeOf(w.before)] -= 1;
      counts.modes[modeOf(w.after)] += 1;
      return;
    case 'emergency':
      counts.emergenciesOpen += Number(isOpen(w.after)) - Number(isOpen(w.before));
      return;
    case 'response-level':
    case 'samu':
    case 'stage':
      return;
  }
}

/** `restored / (affected − unknown)`, null when nothing counts. */
export const share = (t: Tally): number | null => {
  const known = t.affected - t.unknown;
  return known > 0 ? t.restored / known : null;
};

/** Every series' value. */
export function seriesValues(counts: SeriesCounts): SeriesValues {
  const values: SeriesValues = { recovery: share(counts.recovery) };
  for (const stage of recoveryStages.ids) values[`recovery:${stage}`] = share(counts.stages[stage]);
  for (const mode of operatingModes.ids) values[`mode:${mode}`] = counts.modes[mode];
  values['emergencies-open'] = counts.emergenciesOpen;
  return values;
}

/** The series a write may have moved, with their values after it. */
export function valuesAfterWrite(counts: SeriesCounts, registry: Registry, w: CountedWrite): SeriesValues {
  switch (w.kind) {
    case 'system': {
      const stage = pairStages(registry).get(w.id);
      if (!stage) return {};
      return { recovery: share(counts.recovery), [`recovery:${stage}`]: share(counts.stages[stage]) };
    }
    case 'operating-mode': {
      const from = modeOf(w.before);
      const to = modeOf(w.after);
      return { [`mode:${from}`]: counts.modes[from], [`mode:${to}`]: counts.modes[to] };
    }
    case 'emergency':
      return { 'emergencies-open': counts.emergenciesOpen };
    case 'response-level':
    case 'samu':
    case 'stage':
      return {};
  }
}

/**
 * Folds one event (within `scope` when given, see FoldScope) and says what it wrote, when it was a
 * write that took effect (or a release): read around the fold, so no one has to fold it again to know.
 */
export function foldCounting(
  s: Situation,
  e: LogEvent,
  scope?: FoldScope,
): { state: Situation; write: CountedWrite | null } {
  const fold = (state: Situation) => (scope ? applyEventInFold(state, e, scope) : applyEvent(state, e));
  if (e.type !== 'value.set' && e.type !== 'value.released') return { state: fold(s), write: null };
  const { kind, id } = e.data.item;
  // Read before folding: a fold scope writes into the records it copied, never into a tracked value itself.
  const before = own<Tracked<unknown>>(s.items[kind], id);
  const wasAffected = own(s.affected, id) === true;
  const state = fold(s);
  const after = own<Tracked<unknown>>(state.items[kind], id);
  // A backdated write that a later one supersedes is history only: it changes no count.
  if (!before || after?.version !== e.seq) return { state, write: null };
  return { state, write: { kind, id, before, after, wasAffected, isAffected: own(state.affected, id) === true } };
}
