/**
 * The domain's rules about what a write may say, as pure predicates: the server enforces them (and is
 * the only judge); screens may call them to offer only what the server would accept.
 */
import type { Registry } from './registry.ts';
import { recoveryStages, type RecoveryStage, type ResponseLevel, type StageState } from './scales.ts';

/**
 * Why a délestage may not divert to `targetSiteId`, or null when it may: it goes to a known, open
 * site other than the department's own (another hospital, or another site of the same one).
 */
export function emergencyTargetProblem(
  registry: Registry,
  departmentId: string,
  targetSiteId: string,
): 'unknown-site' | 'closed-site' | 'own-site' | null {
  const department = registry.emergencyDepartments.find((d) => d.id === departmentId);
  if (department?.siteId === targetSiteId) return 'own-site';
  const site = registry.hospitals.flatMap((h) => h.sites).find((s) => s.id === targetSiteId);
  if (!site) return 'unknown-site';
  return site.closed === null ? null : 'closed-site';
}

/** The earlier stages not validated yet, which keep `stage` from being validated (`stateOf`: each stage's state). */
export const stagesBefore = (stage: RecoveryStage, stateOf: (stage: RecoveryStage) => StageState | undefined) =>
  recoveryStages.ids.slice(0, recoveryStages.rank(stage)).filter((earlier) => stateOf(earlier) !== 'validee');

/** Niveau 2 is the plan blanc: reaching it is its déclenchement, leaving it its levée. */
export function planBlancChange(from: ResponseLevel | undefined, to: ResponseLevel): 'triggers' | 'lifts' | null {
  const was = from === 'niveau-2';
  const is = to === 'niveau-2';
  return is && !was ? 'triggers' : was && !is ? 'lifts' : null;
}
