/** Pairs the browser that opens a pairing link as its wall screen: the screen's session. */
import { CommandError } from '../../domain/commandError.ts';
import type { AccessContext, From } from '../accessContext.ts';
import { attempt } from '../attempt.ts';
import { journal } from '../journal.ts';
import { screenOf } from '../principals.ts';
import { digest } from '../secrets.ts';
import { endSessions } from '../sessions/endSessions.ts';
import { openSession, type SignedIn } from '../sessions/openSession.ts';

export async function pairScreen(ctx: AccessContext, secret: string, from: From): Promise<SignedIn> {
  const now = ctx.now().toISOString();
  const screen = await attempt(ctx, null, from.address, false, async () => {
    const screenId = await ctx.store.consumePairing(digest(secret), now);
    const found = screenId ? await ctx.store.findScreen(screenId, now) : null;
    return found && found.revokedAt === null ? found : null;
  });
  if (!screen) throw new CommandError('unauthorized', 'this pairing link is unknown, used or expired');
  // A screen paired again (a new TV, a reset browser) leaves its earlier sessions behind.
  await endSessions(ctx, { screenId: screen.id }, 'screen-revoked');
  await ctx.store.updateScreen(screen.id, { pairedAt: now, lastSeenAt: now });
  const signedIn = await openSession(ctx, { screenId: screen.id }, from, ctx.screenSessionMs, screenOf(ctx, screen));
  await journal(
    ctx,
    { id: `screen:${screen.id}`, name: screen.name },
    'screen paired',
    screen.id,
    from,
    signedIn.session.id,
  );
  return signedIn;
}
