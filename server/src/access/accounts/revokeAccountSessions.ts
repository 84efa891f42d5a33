/** Ends every session of an account; returns how many ended. */
import type { AccessContext, Caller } from '../accessContext.ts';
import { journalBy } from '../journal.ts';
import { endSessions } from '../sessions/endSessions.ts';
import { requireAccount } from './requireAccount.ts';

export async function revokeAccountSessions(ctx: AccessContext, accountId: string, caller: Caller): Promise<number> {
  await requireAccount(ctx, accountId);
  const ended = await endSessions(ctx, { accountId }, 'revoked');
  await journalBy(ctx, caller, `sessions revoked (${ended})`, accountId);
  return ended;
}
