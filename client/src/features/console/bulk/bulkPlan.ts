/**
 * A bulk change of system statuses, worked out from what the person chose: which hospital × system
 * pairs it covers (only hospitals they cover), and for each one not already at the new status the
 * change to send with the version and value seen. Pure: the preview and the test use it alike.
 */
import {
  own,
  pairKey,
  type Hospital,
  type InformationSystem,
  type Registry,
  type Situation,
  type SystemStatus,
  type Tracked,
} from '@vigie/shared';
import type { ItemChange } from '../useItemWrites.ts';

/** What the person chose: (a) one system across hospitals, or (b) every system of a hospital or GHU. */
export interface BulkCriteria {
  mode: 'system' | 'hospital';
  /** (a) the system. */
  systemId: string;
  /** (a) across every hospital the person covers, one GHU, or the hospitals they ticked. */
  across: 'covered' | 'ghu' | 'chosen';
  chosen: readonly string[];
  /** (b) one hospital or one GHU. */
  of: 'hospital' | 'ghu';
  hospitalId: string;
  /** (a) with `across: 'ghu'` and (b) with `of: 'ghu'`. */
  ghuId: string;
  /** The new status; empty until chosen. */
  status: SystemStatus | '';
}

/** One line of the preview: the pair, its value as seen, and the change it becomes. */
export interface BulkRow {
  hospital: Hospital;
  system: InformationSystem;
  seen: Tracked<SystemStatus>;
  /** The new status. */
  status: SystemStatus;
  change: ItemChange;
}

/** The hospitals the change reaches, among those the person covers. */
export function targetHospitals(c: BulkCriteria, covered: readonly Hospital[]): Hospital[] {
  if (c.mode === 'hospital') {
    return covered.filter((h) => (c.of === 'hospital' ? h.id === c.hospitalId : h.ghuId === c.ghuId));
  }
  switch (c.across) {
    case 'covered':
      return [...covered];
    case 'ghu':
      return covered.filter((h) => h.ghuId === c.ghuId);
    case 'chosen':
      return covered.filter((h) => c.chosen.includes(h.id));
  }
}

/** The systems the change reaches. */
export const targetSystems = (c: BulkCriteria, registry: Registry): InformationSystem[] =>
  c.mode === 'hospital' ? registry.systems : registry.systems.filter((s) => s.id === c.systemId);

/** Every pair the change reaches, with what it is now; and the lines that would change (those not already at the status). */
export function planBulk(
  c: BulkCriteria,
  registry: Registry,
  items: Situation['items'],
  covered: readonly Hospital[],
): { reached: number; rows: BulkRow[] } {
  if (c.status === '') return { reached: 0, rows: [] };
  const status = c.status;
  const systems = targetSystems(c, registry);
  const pairs = targetHospitals(c, covered).flatMap((hospital) =>
    systems.flatMap((system) => {
      const id = pairKey(hospital.id, system.id);
      const seen = own(items.system, id);
      return seen ? [{ hospital, system, id, seen }] : [];
    }),
  );
  const rows = pairs
    .filter(({ seen }) => seen.value !== status)
    .map(({ hospital, system, id, seen }) => ({
      hospital,
      system,
      seen,
      status,
      change: {
        item: { kind: 'system' as const, id, value: status },
        expectedVersion: seen.version,
      },
    }));
  return { reached: pairs.length, rows };
}
