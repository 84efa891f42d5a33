/**
 * Creates the admin `login` (or restores an existing one to admin, enabled) and returns a one-time
 * code: the first admin, and the break-glass reset, from the server host.
 */
import type { Role } from '@vigie/shared';
import type { SheetEntry } from '@vigie/shared/api';
import type { AccessContext } from '../accessContext.ts';
import { journalBy } from '../journal.ts';
import { createAccounts } from './createAccounts.ts';
import { hostCaller } from './hostCaller.ts';
import { issueCode } from './issueCode.ts';

export async function bootstrapAdmin(
  ctx: AccessContext,
  login: string,
  name: string,
  ttlMs = 3_600_000,
): Promise<SheetEntry> {
  const existing = await ctx.store.findAccountByLogin(login);
  if (!existing) {
    const [entry] = await createAccounts(ctx, [{ name, login, roles: ['admin'], scope: null }], hostCaller());
    return issueCode(ctx, entry!.accountId, hostCaller(), ttlMs);
  }
  const roles: Role[] = existing.roles.includes('admin') ? existing.roles : [...existing.roles, 'admin'];
  await ctx.store.updateAccount(existing.id, { roles, disabled: false });
  await journalBy(ctx, hostCaller(), 'admin restored from the server host', existing.id);
  return issueCode(ctx, existing.id, hostCaller(), ttlMs);
}
