/** What changed between the registry a log ran with and the one the server starts with. */
import type { Registry } from '@vigie/shared';

/** Every id a log's situation refers to, named for people ("hospital cochin"). */
function namedIds(r: Registry): Set<string> {
  return new Set([
    ...r.hospitals.map((h) => `hospital ${h.id}`),
    ...r.hospitals.flatMap((h) => h.sites.map((s) => `site ${s.id}`)),
    ...r.emergencyDepartments.map((e) => `emergency department ${e.id}`),
    ...r.samu.map((s) => `SAMU ${s.id}`),
    ...r.systems.map((s) => `system ${s.id}`),
  ]);
}

export function registryDiff(before: Registry, after: Registry): { removed: string[]; added: string[] } {
  const was = namedIds(before);
  const is = namedIds(after);
  return { removed: [...was].filter((id) => !is.has(id)), added: [...is].filter((id) => !was.has(id)) };
}
