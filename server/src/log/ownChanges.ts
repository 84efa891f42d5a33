/**
 * A person's latest item changes in a log, read from the store newest first: what the undo list shows
 * and what an undo may name. Bounded: at most OWN_EVENTS_READ of the person's events are read.
 */
import { MAX_PAGE, RECENT_CHANGES, type Actor, type LogEvent } from '@vigie/shared';
import { groupChanges, type LoggedChange } from '../domain/undo.ts';
import type { EventStore } from '../store/eventStore.ts';

/** The most of a person's events read for their list (five pages). */
const OWN_EVENTS_READ = 5 * MAX_PAGE;

export async function readOwnChanges(store: EventStore, logId: string, actor: Actor): Promise<LoggedChange[]> {
  const events: LogEvent[] = [];
  let before: number | undefined;
  while (events.length < OWN_EVENTS_READ) {
    const page = await store.auditEvents(logId, { actorId: `${actor.kind}:${actor.id}`, before, limit: MAX_PAGE });
    events.push(...page.events.map((e) => e.event));
    // One change more than listed proves the listed ones whole (a command's events are consecutive).
    if (page.before === null) return groupChanges(events, RECENT_CHANGES);
    const changes = groupChanges(events, RECENT_CHANGES + 1);
    if (changes.length > RECENT_CHANGES) return changes.slice(0, RECENT_CHANGES);
    before = page.before;
  }
  // Read as far as allowed: the oldest change may be cut, so it is left out rather than half undone.
  return groupChanges(events, RECENT_CHANGES).slice(0, -1);
}
