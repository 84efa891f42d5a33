/** The demo's ready sign-in: a commander who is also the incident lead, and a code valid 15 minutes. */
import type { SheetEntry } from '@vigie/shared/api';
import type { AccessContext } from '../accessContext.ts';
import { createAccounts } from './createAccounts.ts';
import { hostCaller } from './hostCaller.ts';
import { issueCode } from './issueCode.ts';

export async function demoSignIn(ctx: AccessContext): Promise<SheetEntry> {
  const login = 'cellule.demo';
  const existing = await ctx.store.findAccountByLogin(login);
  const id =
    existing?.id ??
    (
      await createAccounts(
        ctx,
        [{ name: 'Cellule de crise (démo)', login, roles: ['commander', 'lead'], scope: null }],
        hostCaller(),
      )
    )[0]!.accountId;
  return issueCode(ctx, id, hostCaller(), 15 * 60_000);
}
