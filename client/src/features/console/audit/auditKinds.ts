/** What the audit view sorts and filters actions by: their kind, and who acted. */
import type { Actor, EventType } from '@vigie/shared';

/** The kinds of action the view filters by. */
export const auditKinds = ['statuses', 'log', 'statements', 'eta', 'incident', 'registry'] as const;
export type AuditKind = (typeof auditKinds)[number];

export function auditKindOf(type: EventType): AuditKind {
  switch (type) {
    case 'value.set':
    case 'value.ignored':
    case 'value.released':
      return 'statuses';
    case 'log.entry-added':
      return 'log';
    case 'statement.drafted':
    case 'statement.edited':
    case 'statement.published':
      return 'statements';
    case 'eta.revised':
      return 'eta';
    case 'incident.opened':
    case 'incident.updated':
    case 'incident.closed':
      return 'incident';
    case 'registry.changed':
      return 'registry';
  }
}

/** The `actorId` the `audit:list` query filters by: `kind:id`. */
export const actorKey = (by: Actor) => `${by.kind}:${by.id}`;
