/** Keeps the sessions of connected people alive: a console open all day is in use, not idle. */
import type { AccessContext } from '../accessContext.ts';

export async function keepAlive(ctx: AccessContext, sessionIds: string[]): Promise<void> {
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ctx.sessionIdleMs).toISOString();
  await ctx.store.renewSessions(
    sessionIds.map((sessionId) => ({ sessionId, screenId: null, lastSeenAt: now.toISOString(), expiresAt })),
  );
}
