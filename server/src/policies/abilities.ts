/** What the policy lets a connection do, sent to its screens so that none of them re-derives it. */
import { actions, type Abilities, type Action, type Registry } from '@vigie/shared';
import type { Principal } from '../domain/context.ts';
import { can } from './can.ts';

/** What a reader who did not sign in may do: read what a viewer reads, never the audit trail. */
export const ANONYMOUS_ACTIONS: readonly Action[] = ['history:read'];

export function abilitiesOf(principal: Principal | null, registry: Registry): Abilities {
  if (!principal) return { actions: [...ANONYMOUS_ACTIONS], hospitals: [], group: false };
  const hospitals = registry.hospitals.filter((h) => can(principal, 'status:write', { hospitalId: h.id }, registry));
  return {
    actions: actions.filter((action) => can(principal, action)),
    hospitals: hospitals.length === registry.hospitals.length ? 'all' : hospitals.map((h) => h.id),
    group: can(principal, 'status:write', 'group'),
  };
}
