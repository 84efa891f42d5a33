/** A délestage diverts to a known, open site other than the department's own (the rule is in shared/rules). */
import { emergencyTargetProblem, type EmergencyValue, type Registry } from '@vigie/shared';
import { CommandError } from './commandError.ts';

export function checkEmergencyTarget(registry: Registry, departmentId: string, value: EmergencyValue): void {
  const target = value.targetSiteId;
  if (target === null) return;
  switch (emergencyTargetProblem(registry, departmentId, target)) {
    case 'unknown-site':
      throw new CommandError('not_found', `unknown site "${target}"`);
    case 'closed-site':
      throw new CommandError('invalid_payload', `site "${target}" is closed`);
    case 'own-site':
      throw new CommandError('invalid_payload', 'a délestage cannot divert to its own site');
    case null:
  }
}
