/** Test support for the console sections: a registry with two GHU, and the people who use them (lead, commanders with and without a scope). */
import type { Hospital, SessionInfo } from '@vigie/shared';
import { buildRegistry, buildSessionInfo } from '@vigie/shared/testing';
import type { WireRequest } from '../../testing.tsx';

/** Centre: h1, h3, h5, h6; Nord: h4; h2 outside any GHU. Emergency departments at h1 and h2. */
export function buildGroupRegistry() {
  const base = buildRegistry();
  const h1 = base.hospitals[0]!;
  const hospital = (id: string, name: string, ghuId: string | null): Hospital => ({
    ...h1,
    id,
    name: `Hôpital ${name}`,
    shortName: name,
    ghuId,
    sites: [{ ...h1.sites[0]!, id, name: `Site ${id}` }],
  });
  return buildRegistry({
    ghus: [
      { id: 'centre', label: 'Centre' },
      { id: 'nord', label: 'Nord' },
    ],
    hospitals: [
      h1,
      base.hospitals[1]!,
      hospital('h3', 'Trois', 'centre'),
      hospital('h4', 'Quatre', 'nord'),
      hospital('h5', 'Cinq', 'centre'),
      hospital('h6', 'Six', 'centre'),
    ],
  });
}

/** A commander of the whole group. */
export const groupCommander: SessionInfo = buildSessionInfo({ id: 'p1', name: 'Claire', roles: ['commander'] });

/** A commander limited to h1, h3, h6 (Centre) and h2 (outside any GHU): not h4 (Nord) nor h5. */
export const scopedCommander: SessionInfo = {
  ...groupCommander,
  scope: { hospitals: ['h1', 'h2', 'h3', 'h6'], ghus: [] },
  abilities: { ...groupCommander.abilities, hospitals: ['h1', 'h2', 'h3', 'h6'], group: false },
};

/** The incident lead. */
export const lead: SessionInfo = buildSessionInfo({ id: 'p0', name: 'Louise Lead', roles: ['lead'] });

/** A console's requests as a test answers them: the person's changes (`changes:list`) with none yet, the rest by `request`. */
export const withNoChanges =
  (request: WireRequest): WireRequest =>
  (event, input) =>
    event === 'changes:list' ? Promise.resolve({ ok: true, data: { changes: [] } }) : request(event, input);
