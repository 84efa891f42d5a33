/** Ends an owner's open sessions and has the transport close their connections; returns how many ended. */
import type { SessionEndReason } from '@vigie/shared';
import type { AccessContext } from '../accessContext.ts';
import type { SessionOwner } from '../accessStore.ts';

export async function endSessions(ctx: AccessContext, owner: SessionOwner, reason: SessionEndReason): Promise<number> {
  const ended = await ctx.store.endSessions(owner, ctx.now().toISOString(), reason);
  if (ended.length) ctx.sessionsEnded(ended, reason);
  return ended.length;
}
