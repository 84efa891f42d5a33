/** A new one-time code (a reset: the password, if any, still works until changed). */
import type { SheetEntry } from '@vigie/shared/api';
import type { AccessContext, Caller } from '../accessContext.ts';
import { journalBy } from '../journal.ts';
import { digest, newCode } from '../secrets.ts';
import { requireAccount } from './requireAccount.ts';
import { sheetEntry } from './sheetEntry.ts';

export async function issueCode(
  ctx: AccessContext,
  accountId: string,
  caller: Caller | null,
  ttlMs = ctx.codeTtlMs,
): Promise<SheetEntry> {
  const account = await requireAccount(ctx, accountId);
  const { code, printed } = newCode();
  const expiresAt = new Date(ctx.now().getTime() + ttlMs);
  await ctx.store.addCode({ hash: digest(code), subjectId: account.id, expiresAt: expiresAt.toISOString() });
  if (caller) await journalBy(ctx, caller, 'code issued', account.id);
  return sheetEntry(account, printed, expiresAt);
}
