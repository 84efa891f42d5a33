/** The access journal: every change, who made it and from where. */
import type { AccessContext, Caller, From } from './accessContext.ts';

export function journal(
  ctx: AccessContext,
  actor: { id: string; name: string },
  action: string,
  target: string,
  from: From,
  sessionId: string | null,
) {
  return ctx.store.journal({
    at: ctx.now().toISOString(),
    actorId: actor.id,
    actorName: actor.name,
    action,
    target,
    address: from.address,
    sessionId,
  });
}

export const journalBy = (ctx: AccessContext, caller: Caller, action: string, target: string) =>
  journal(ctx, caller.principal.actor, action, target, { address: caller.origin.address }, caller.origin.sessionId);
