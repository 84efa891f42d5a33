/** Every account as the admin page shows it: no password hash, only whether there is one. */
import type { AccountSummary } from '@vigie/shared/api';
import type { AccessContext } from '../accessContext.ts';

export async function listAccounts(ctx: AccessContext): Promise<AccountSummary[]> {
  return (await ctx.store.listAccounts(ctx.now().toISOString())).map(({ passwordHash, ...a }) => ({
    id: a.id,
    name: a.name,
    login: a.login,
    roles: a.roles,
    scope: a.scope,
    disabled: a.disabled,
    hasPassword: passwordHash !== null,
    createdAt: a.createdAt,
    lastSignInAt: a.lastSignInAt,
    activeSessions: a.activeSessions,
  }));
}
