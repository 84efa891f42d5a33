/** Creates accounts with a one-time code each (all or none): the printable sheet. */
import type { AccountDraft, SheetEntry } from '@vigie/shared/api';
import { CommandError } from '../../domain/commandError.ts';
import { newId } from '../../ids.ts';
import type { AccessContext, Caller } from '../accessContext.ts';
import { type AccountRecord, DuplicateLoginError } from '../accessStore.ts';
import { journalBy } from '../journal.ts';
import { digest, newCode } from '../secrets.ts';
import { checkScope } from './checkScope.ts';
import { loginBase, uniqueLogin } from './logins.ts';
import { sheetEntry } from './sheetEntry.ts';

export async function createAccounts(
  ctx: AccessContext,
  drafts: AccountDraft[],
  caller: Caller,
): Promise<SheetEntry[]> {
  drafts.forEach((d) => checkScope(ctx.registry, d.scope));
  const explicit = drafts.flatMap((d) => (d.login ? [d.login] : []));
  const repeated = explicit.filter((l, i) => explicit.indexOf(l) !== i);
  if (repeated.length) throw new CommandError('invalid_payload', `login given twice: ${repeated.join(', ')}`);
  const derivedBases = [...new Set(drafts.filter((d) => !d.login).map((d) => loginBase(d.name)))];
  const taken = new Set([...explicit, ...(await ctx.store.loginsStartingWith(derivedBases))]);
  const at = ctx.now().toISOString();
  const accounts: AccountRecord[] = drafts.map((d) => ({
    id: newId(),
    login: d.login ?? uniqueLogin(d.name, taken),
    name: d.name,
    roles: d.roles,
    scope: d.scope,
    passwordHash: null,
    disabled: false,
    createdAt: at,
    lastSignInAt: null,
  }));
  const codes = accounts.map((a) => ({
    account: a,
    ...newCode(),
    expiresAt: new Date(Date.parse(at) + ctx.codeTtlMs),
  }));
  try {
    await ctx.store.createAccounts(
      accounts,
      codes.map((c) => ({ hash: digest(c.code), subjectId: c.account.id, expiresAt: c.expiresAt.toISOString() })),
    );
  } catch (error) {
    if (error instanceof DuplicateLoginError)
      throw new CommandError('conflict', error.message, { logins: error.logins });
    throw error;
  }
  for (const a of accounts) await journalBy(ctx, caller, `account created (${a.roles.join('+')})`, a.id);
  return codes.map((c) => sheetEntry(c.account, c.printed, c.expiresAt));
}
