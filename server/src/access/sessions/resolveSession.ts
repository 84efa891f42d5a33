/** The session behind a cookie token, renewed; null if unknown, ended, expired, disabled or revoked. */
import type { AccessContext } from '../accessContext.ts';
import type { SessionRecord } from '../accessStore.ts';
import { personOf, screenOf, type Who } from '../principals.ts';
import { digest } from '../secrets.ts';

/** A valid session: who it is, and until when its cookie should live. */
export interface ResolvedSession extends Who {
  session: SessionRecord;
  expiresAt: Date;
}

export async function resolveSession(ctx: AccessContext, token: string | undefined): Promise<ResolvedSession | null> {
  if (!token || token.length > 100) return null;
  const session = await ctx.store.findSession(digest(token));
  const now = ctx.now();
  if (!session || session.endedAt !== null || Date.parse(session.expiresAt) <= now.getTime()) return null;
  const iso = now.toISOString();
  if (session.accountId) {
    const account = await ctx.store.findAccount(session.accountId);
    if (!account || account.disabled) return null;
    const expiresAt = new Date(now.getTime() + ctx.sessionIdleMs);
    if (stale(session, now)) renew(ctx, session.id, null, iso, expiresAt);
    return { session, expiresAt, ...personOf(ctx, account) };
  }
  const screen = await ctx.store.findScreen(session.screenId!, iso);
  if (!screen || screen.revokedAt !== null) return null;
  const expiresAt = new Date(now.getTime() + ctx.screenSessionMs);
  if (stale(session, now)) renew(ctx, session.id, screen.id, iso, expiresAt);
  return { session, expiresAt, ...screenOf(ctx, screen) };
}

/**
 * Whether a session's last use is old enough to record a new one: a minute's precision is plenty for
 * an expiry counted in hours, and a building's screens reconnecting at once then cost no write each.
 */
const stale = (session: SessionRecord, now: Date) => now.getTime() - Date.parse(session.lastSeenAt) >= 60_000;

/**
 * Renewals are written together at the end of the turn, not awaited by the connection: a building's
 * screens reconnecting at once cost one transaction, and a renewal that fails only leaves the
 * session's earlier expiry (the next sighting renews it).
 */
function renew(
  ctx: AccessContext,
  sessionId: string,
  screenId: string | null,
  lastSeenAt: string,
  expiresAt: Date,
): void {
  if (ctx.renewals.size === 0) {
    setImmediate(() => {
      const batch = [...ctx.renewals.values()];
      ctx.renewals.clear();
      ctx.store.renewSessions(batch).catch(() => undefined);
    });
  }
  ctx.renewals.set(sessionId, { sessionId, screenId, lastSeenAt, expiresAt: expiresAt.toISOString() });
}
