/** The impact matrix's rows: hospitals × systems, filtered by GHU and recovery stage, sorted. Pure. */
import {
  own,
  pairKey,
  type Ghu,
  type Hospital,
  type InformationSystem,
  type RecoveryStage,
  type Registry,
  type Situation,
  type SystemStatus,
  type Tracked,
} from '@vigie/shared';
import { shownStatus, type NotInformed } from '../../items/shownStatus.ts';

export type SortKey = 'name' | 'ghu' | 'down';
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}
/** `''` for every GHU, `NO_GHU` for hospitals outside any. */
export const NO_GHU = '-';

export interface MatrixCell {
  key: string;
  system: InformationSystem;
  tracked: Tracked<SystemStatus> | undefined;
  /** What the cell shows: the status, or "non renseigné" for a registry default. */
  status: SystemStatus | NotInformed;
}
export interface MatrixRow {
  hospital: Hospital;
  ghu: Ghu | null;
  cells: MatrixCell[];
  /** Systems shown that cannot be used: indisponible or isolé. */
  down: number;
}

/** Out of service: unavailable, or cut on purpose (isolé). */
export const isOutOfService = (s: SystemStatus | NotInformed) => s === 'indisponible' || s === 'isole';

export function buildMatrix(
  systemItems: Situation['items']['system'],
  registry: Registry,
  options: { ghu: string; stage: RecoveryStage | ''; sort: Sort; collator: Intl.Collator },
): { systems: InformationSystem[]; rows: MatrixRow[] } {
  const { ghu, stage, sort, collator } = options;
  const systems = stage === '' ? registry.systems : registry.systems.filter((s) => s.stage === stage);
  const ghuRank = new Map(registry.ghus.map((g, i) => [g.id, i]));
  const rows = registry.hospitals
    .filter((h) => ghu === '' || (ghu === NO_GHU ? h.ghuId === null : h.ghuId === ghu))
    .map((hospital): MatrixRow => {
      const cells = systems.map((system) => {
        const key = pairKey(hospital.id, system.id);
        const tracked = own(systemItems, key);
        return { key, system, tracked, status: shownStatus('system', tracked) as MatrixCell['status'] };
      });
      return {
        hospital,
        ghu: registry.ghus.find((g) => g.id === hospital.ghuId) ?? null,
        cells,
        down: cells.filter((c) => isOutOfService(c.status)).length,
      };
    });
  const byName = (a: MatrixRow, b: MatrixRow) => collator.compare(a.hospital.shortName, b.hospital.shortName);
  // Hospitals outside any GHU come after the GHUs, in the registry's GHU order.
  const rank = (r: MatrixRow) => (r.hospital.ghuId === null ? Infinity : (ghuRank.get(r.hospital.ghuId) ?? Infinity));
  const primary: Record<SortKey, (a: MatrixRow, b: MatrixRow) => number> = {
    name: byName,
    ghu: (a, b) => (rank(a) === rank(b) ? 0 : rank(a) < rank(b) ? -1 : 1),
    down: (a, b) => a.down - b.down,
  };
  const sign = sort.dir === 'asc' ? 1 : -1;
  // Ties always read in name order, whichever way the column runs.
  rows.sort((a, b) => sign * primary[sort.key](a, b) || byName(a, b));
  return { systems, rows };
}

/** "AP-HP. Centre – Université Paris Cité" → "Centre – Université Paris Cité" (the group name is implied). */
export const shortGhu = (label: string) => label.replace(/^AP-HP\.\s*/, '');
