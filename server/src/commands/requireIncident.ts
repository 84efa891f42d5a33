/** The open incident a command acts on, version-checked. */
import type { Incident, Situation } from '@vigie/shared';
import { CommandError } from '../domain/commandError.ts';
import { checkVersion } from '../domain/writeItem.ts';

export function requireOpenIncident(state: Situation, expectedVersion: number | undefined): Incident {
  const incident = state.incident;
  if (!incident) throw new CommandError('not_found', 'no incident is open');
  if (incident.closedAt !== null) throw new CommandError('conflict', 'the incident is closed', { current: incident });
  checkVersion(expectedVersion, incident, incident);
  return incident;
}
