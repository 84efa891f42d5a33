/** Signs a person in with their login and password. */
import { CommandError } from '../../domain/commandError.ts';
import type { AccessContext, From } from '../accessContext.ts';
import { attempt } from '../attempt.ts';
import { spendVerifyTime, verifyPassword } from '../secrets.ts';
import { openPersonSession, type SignedIn } from '../sessions/openSession.ts';

export async function signInWithPassword(
  ctx: AccessContext,
  login: string,
  password: string,
  from: From,
): Promise<SignedIn> {
  const account = await attempt(ctx, login, from.address, true, async () => {
    const found = await ctx.store.findAccountByLogin(login);
    if (!found?.passwordHash) {
      await spendVerifyTime(password);
      return null;
    }
    return (await verifyPassword(found.passwordHash, password)) && !found.disabled ? found : null;
  });
  if (!account) throw new CommandError('unauthorized', 'wrong login or password');
  return openPersonSession(ctx, account, from, 'signed-in');
}
