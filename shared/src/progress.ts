/** Recovery progress, computed from the situation (never typed in). */
import { pairKey, type Registry } from './registry.ts';
import { isSystemUp, recoveryStages, type RecoveryStage } from './scales.ts';
import type { Situation } from './situation.ts';

/** Progress over the pairs ever affected: `restored / (affected − unknown)`; `share` is null when nothing counts. */
export interface Progress {
  affected: number;
  restored: number;
  unknown: number;
  share: number | null;
}

function measure(s: Situation, keys: string[]): Progress {
  let affected = 0;
  let restored = 0;
  let unknown = 0;
  for (const key of keys) {
    if (!s.affected[key]) continue;
    affected += 1;
    const status = s.items.system[key]?.value;
    if (status === 'inconnu') unknown += 1;
    else if (status !== undefined && isSystemUp(status)) restored += 1;
  }
  const known = affected - unknown;
  return { affected, restored, unknown, share: known > 0 ? restored / known : null };
}

/** The pair keys counted overall and per stage, computed once per registry (a screen measures progress on every change it shows). */
const pairKeys = new WeakMap<Registry, { overall: string[]; byStage: [RecoveryStage, string[]][] }>();

function keysOf(registry: Registry) {
  let keys = pairKeys.get(registry);
  if (!keys) {
    const pairs = (systems: Registry['systems']) =>
      registry.hospitals.flatMap((h) => systems.map((sys) => pairKey(h.id, sys.id)));
    keys = {
      overall: pairs(registry.systems),
      byStage: recoveryStages.ids.map((stage) => [stage, pairs(registry.systems.filter((sys) => sys.stage === stage))]),
    };
    pairKeys.set(registry, keys);
  }
  return keys;
}

/**
 * Among hospital × system pairs ever affected during the incident, the share now opérationnel or
 * rétabli – sous surveillance; inconnu pairs are excluded from the share and counted apart. Also per stage.
 */
export function recoveryProgress(
  s: Situation,
  registry: Registry,
): { overall: Progress; byStage: Record<RecoveryStage, Progress> } {
  const keys = keysOf(registry);
  const byStage = Object.fromEntries(
    keys.byStage.map(([stage, stageKeys]) => [stage, measure(s, stageKeys)]),
  ) as Record<RecoveryStage, Progress>;
  return { overall: measure(s, keys.overall), byStage };
}
