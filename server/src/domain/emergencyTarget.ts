/** A délestage diverts to a known site that is open. */
import { allSites, type EmergencyValue, type Registry } from '@vigie/shared';
import { CommandError } from './commandError.ts';

export function checkEmergencyTarget(registry: Registry, value: EmergencyValue): void {
  const target = value.targetSiteId;
  if (target === null) return;
  const site = allSites(registry).find((s) => s.site.id === target);
  if (!site) throw new CommandError('not_found', `unknown site "${target}"`);
  if (site.site.closed !== null) throw new CommandError('invalid_payload', `site "${target}" is closed`);
}
