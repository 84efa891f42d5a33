/** Who may do what, and where: one rule for every transport (the role table of README "Access"). */
import { scopeCovers, type Action, type ItemRef, type Registry } from '@vigie/shared';
import type { Principal, Role } from '../domain/context.ts';
import type { LoggedChange } from '../domain/undo.ts';

export type { Action };

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
  /** Accounts, roles, scopes and wall screens. */
  'access:manage': ['admin'],
};

/**
 * What an action touches: one hospital, or the whole group (the SAMU, the recovery stages). An
 * action with no target (a main-courante entry, a draft) is open to every scope.
 */
export type Target = { hospitalId: string } | 'group';

/** Whether a principal may perform an action (on a target, for a person limited to a scope). */
export function can(principal: Principal, action: Action, target?: Target, registry?: Registry): boolean {
  switch (principal.actor.kind) {
    // The demo scenario plays the lead (live stores refuse its events); integrations only set statuses.
    case 'scenario':
      return action !== 'read:staff' && action !== 'access:manage';
    case 'integration':
      return action === 'status:write';
    case 'screen':
      return action === 'history:read';
    case 'system':
      return false;
    case 'person':
      return principal.roles.some((role) => allowed[action].includes(role)) && inScope(principal, target, registry);
  }
}

function inScope(principal: Principal, target: Target | undefined, registry: Registry | undefined): boolean {
  const scope = principal.scope ?? null;
  // The lead answers for the whole group, whatever scope the account also carries.
  if (scope === null || target === undefined || principal.roles.includes('lead')) return true;
  if (target === 'group') return false;
  const hospital = registry?.hospitals.find((h) => h.id === target.hospitalId);
  // An unknown hospital is the command's to refuse (not_found), not the policy's.
  return hospital ? scopeCovers(scope, hospital) : true;
}

/** What writing an item touches: its hospital, or the whole group for the SAMU and the recovery stages. */
export function itemTarget(item: ItemRef, registry: Registry): Target {
  switch (item.kind) {
    case 'response-level':
    case 'operating-mode':
      return { hospitalId: item.id };
    case 'system':
      return { hospitalId: item.id.split(':')[0]! };
    case 'emergency':
      return { hospitalId: registry.emergencyDepartments.find((d) => d.id === item.id)?.hospitalId ?? '' };
    case 'samu':
    case 'stage':
      return 'group';
  }
}

/**
 * Whether a person may undo a change: only their own (nobody's role undoes another's), and only while
 * they may still write every item it set (a scope narrowed since leaves it as it is).
 */
export function mayUndo(principal: Principal, change: LoggedChange, registry: Registry): boolean {
  const own = change.by.kind === principal.actor.kind && change.by.id === principal.actor.id;
  return own && change.writes.every((e) => can(principal, 'status:write', itemTarget(e.data.item, registry), registry));
}
