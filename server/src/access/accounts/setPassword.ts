/** A person sets or changes their own password. */
import { CommandError } from '../../domain/commandError.ts';
import type { AccessContext, Caller } from '../accessContext.ts';
import { attempt } from '../attempt.ts';
import { journalBy } from '../journal.ts';
import { hashPassword, verifyPassword } from '../secrets.ts';

export async function setPassword(
  ctx: AccessContext,
  caller: Caller,
  password: string,
  currentPassword: string | undefined,
): Promise<void> {
  const account = await ctx.store.findAccount(caller.principal.actor.id);
  if (!account || caller.principal.actor.kind !== 'person')
    throw new CommandError('forbidden', 'only a person has a password');
  // Changing a password needs the current one (checked like a sign-in, so a stolen session cannot
  // guess it faster than the sign-in page); setting the first one, or a new one soon after signing in
  // with a code (a reset), does not.
  const stored = account.passwordHash;
  const sessionId = caller.origin.sessionId;
  const reset = sessionId !== null && (ctx.codeSessions.get(sessionId) ?? 0) > ctx.now().getTime();
  if (
    stored &&
    !reset &&
    !(await attempt(ctx, account.login, caller.origin.address, true, async () =>
      (await verifyPassword(stored, currentPassword ?? '')) ? true : null,
    ))
  ) {
    throw new CommandError('unauthorized', 'the current password is wrong');
  }
  await ctx.store.updateAccount(account.id, { passwordHash: await hashPassword(password) });
  // Once: a later change from this session needs the password just chosen.
  if (sessionId !== null) ctx.codeSessions.delete(sessionId);
  await journalBy(ctx, caller, 'password set', account.id);
}
