/** The most recent change among some tracked values: who made it and when it took effect. */
import type { Actor } from '@vigie/shared';

interface Provenanced {
  version: number;
  by: Actor;
  recordedAt: string;
  effectiveAt: string | null;
}

export function latestChange(values: Iterable<Provenanced | undefined>): { by: Actor; at: string } | null {
  let latest: Provenanced | null = null;
  for (const v of values) if (v && v.version > 0 && (!latest || v.version > latest.version)) latest = v;
  return latest ? { by: latest.by, at: latest.effectiveAt ?? latest.recordedAt } : null;
}
