/** Signs a person in with a one-time code; the session may then choose a password without the current one. */
import { CodeSchema } from '@vigie/shared/api';
import { CommandError } from '../../domain/commandError.ts';
import type { AccessContext, From } from '../accessContext.ts';
import { attempt } from '../attempt.ts';
import { digest } from '../secrets.ts';
import { openPersonSession, type SignedIn } from '../sessions/openSession.ts';

/** How long after signing in with a code a person may choose a password without the current one (an hour). */
const CODE_SESSION_PASSWORD_MS = 3_600_000;

export async function signInWithCode(ctx: AccessContext, code: string, from: From): Promise<SignedIn> {
  // A code is checked by its SHA-256 (cheap): no password-check slot, but counted like any attempt.
  const account = await attempt(ctx, null, from.address, false, async () => {
    // As printed ("K7PQ-M3XZ-R9TW") or as typed, in any case.
    const normalized = CodeSchema.safeParse(code);
    const accountId = normalized.success
      ? await ctx.store.consumeCode(digest(normalized.data), ctx.now().toISOString())
      : null;
    const found = accountId ? await ctx.store.findAccount(accountId) : null;
    return found && !found.disabled ? found : null;
  });
  if (!account) throw new CommandError('unauthorized', 'this code is unknown, used or expired');
  const signedIn = await openPersonSession(ctx, account, from, 'signed-in with a code');
  const now = ctx.now().getTime();
  for (const [id, until] of ctx.codeSessions) if (until <= now) ctx.codeSessions.delete(id);
  ctx.codeSessions.set(signedIn.session.id, now + CODE_SESSION_PASSWORD_MS);
  return signedIn;
}
