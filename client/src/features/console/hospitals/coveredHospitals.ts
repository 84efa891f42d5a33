/** The hospitals a person may write, and the same grouped by GHU (registry order, those outside any GHU last). */
import { mayWriteHospital, type Ghu, type Hospital, type Registry, type SessionInfo } from '@vigie/shared';

export const coveredHospitals = (registry: Registry, info: SessionInfo | null): Hospital[] =>
  registry.hospitals.filter((h) => mayWriteHospital(info, h.id));

export interface HospitalGroup {
  ghu: Ghu | null;
  hospitals: Hospital[];
}

export function byGhu(registry: Registry, hospitals: readonly Hospital[]): HospitalGroup[] {
  const groups: HospitalGroup[] = [...registry.ghus, null].map((ghu) => ({
    ghu,
    hospitals: hospitals.filter((h) => h.ghuId === (ghu?.id ?? null)),
  }));
  return groups.filter((g) => g.hospitals.length > 0);
}
