/** The account an admin acts on, or not_found. */
import { CommandError } from '../../domain/commandError.ts';
import type { AccessContext } from '../accessContext.ts';
import type { AccountRecord } from '../accessStore.ts';

export async function requireAccount(ctx: AccessContext, id: string): Promise<AccountRecord> {
  const account = await ctx.store.findAccount(id);
  if (!account) throw new CommandError('not_found', 'no such account');
  return account;
}
