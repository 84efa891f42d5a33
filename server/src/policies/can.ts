/** Who may do what: one rule for every transport. */
import type { Principal, Role } from '../domain/context.ts';

export type Action =
  | 'read:staff'
  | 'status:write'
  | 'log:write'
  | 'statement:draft'
  | 'statement:publish'
  | 'eta:revise'
  | 'incident:manage'
  | 'history:read'
  | 'audit:read';

const allowed: Record<Action, readonly Role[]> = {
  'read:staff': ['commander', 'lead'],
  'status:write': ['commander', 'lead'],
  'log:write': ['commander', 'lead'],
  'statement:draft': ['commander', 'lead'],
  'statement:publish': ['lead'],
  'eta:revise': ['lead'],
  'incident:manage': ['lead'],
  'history:read': ['viewer', 'commander', 'lead', 'admin'],
  /** Who did what from which address: people who run the cell, not everyone who reads it. */
  'audit:read': ['lead', 'admin'],
};

/** Whether a principal may perform an action. The demo scenario plays the lead (live stores refuse its events); integrations only set statuses. */
export function can(principal: Principal, action: Action): boolean {
  switch (principal.actor.kind) {
    case 'scenario':
      return action !== 'read:staff';
    case 'integration':
      return action === 'status:write';
    case 'system':
      return false;
    case 'person':
      return principal.roles.some((role) => allowed[action].includes(role));
  }
}
