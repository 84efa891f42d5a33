/** Changes an account's roles, scope or disabled flag; its sessions end, or are told their rights changed. */
import type { Role, Scope } from '@vigie/shared';
import type { AccountSummary } from '@vigie/shared/api';
import { CommandError } from '../../domain/commandError.ts';
import type { AccessContext, Caller } from '../accessContext.ts';
import { journalBy } from '../journal.ts';
import { endSessions } from '../sessions/endSessions.ts';
import { checkScope } from './checkScope.ts';
import { listAccounts } from './listAccounts.ts';
import { requireAccount } from './requireAccount.ts';

export interface AccountPatch {
  roles?: Role[] | undefined;
  scope?: Scope | undefined;
  disabled?: boolean | undefined;
}

export async function updateAccount(
  ctx: AccessContext,
  id: string,
  patch: AccountPatch,
  caller: Caller,
): Promise<AccountSummary> {
  if (patch.scope !== undefined) checkScope(ctx.registry, patch.scope);
  const before = await requireAccount(ctx, id);
  if (id === caller.principal.actor.id && (patch.disabled || (patch.roles && !patch.roles.includes('admin'))))
    throw new CommandError('forbidden', 'an admin cannot remove their own admin rights (another admin can)');
  await ctx.store.updateAccount(id, {
    ...(patch.roles ? { roles: patch.roles } : {}),
    ...(patch.scope !== undefined ? { scope: patch.scope } : {}),
    ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
  });
  await journalBy(ctx, caller, `account updated ${JSON.stringify(patch)}`, id);
  if (patch.disabled && !before.disabled) await endSessions(ctx, { accountId: id }, 'revoked');
  else if (patch.roles || patch.scope !== undefined) ctx.rightsChanged(id);
  return (await listAccounts(ctx)).find((a) => a.id === id)!;
}
