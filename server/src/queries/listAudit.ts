/** The audit trail of the current log, newest first, a page at a time: who did what, when, from which session and address. */
import type { AuditPage, QueryParams } from '@vigie/shared';
import { can } from '../policies/can.ts';
import { presentAuditEntry } from './presentAuditEntry.ts';
import { authorize, type QueryContext } from './queryContext.ts';

export async function listAudit(ctx: QueryContext, input: QueryParams<'audit:list'>): Promise<AuditPage> {
  authorize(ctx.principal, 'audit:read');
  // The audit trail is read by admins too, who do not read drafts (README "Who may do what").
  const mayReadDrafts = can(ctx.principal!, 'read:staff');
  const page = await ctx.store.auditEvents(ctx.log.current.logId, input);
  return {
    entries: page.events.map(({ event: e, origin }) =>
      presentAuditEntry(
        {
          seq: e.seq,
          type: e.type,
          data: e.data,
          by: e.by,
          recordedAt: e.recordedAt,
          commandId: e.commandId,
          origin,
        },
        mayReadDrafts,
      ),
    ),
    before: page.before,
  };
}
