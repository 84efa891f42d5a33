/** What a query reads with, and the one check every query makes before reading. */
import type { Registry } from '@vigie/shared';
import type { Principal } from '../domain/context.ts';
import { CommandError } from '../domain/commandError.ts';
import type { IncidentLog } from '../log/incidentLog.ts';
import { ANONYMOUS_ACTIONS } from '../policies/abilities.ts';
import { can, type Action } from '../policies/can.ts';
import type { LogSeries } from '../log/logSeries.ts';
import type { EventStore } from '../store/eventStore.ts';

export interface QueryContext {
  /** Null for a socket that did not sign in (it reads as a viewer). */
  principal: Principal | null;
  log: IncidentLog;
  store: EventStore;
  /** The current log's chart series, kept by the log. */
  series: Pick<LogSeries, 'read'>;
  /** The registry the policy places items with (a scoped person's hospitals). */
  registry: Registry;
}

/** Throws unauthorized or forbidden unless `principal` may perform `action`. */
export function authorize(principal: Principal | null, action: Action): void {
  if (!principal) {
    if (ANONYMOUS_ACTIONS.includes(action)) return;
    throw new CommandError('unauthorized', 'sign in first');
  }
  if (!can(principal, action)) throw new CommandError('forbidden', 'your role does not allow this');
}
