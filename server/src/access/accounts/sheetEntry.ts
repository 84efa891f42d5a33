/** A line of the printable sheet: an account and its one-time code, shown once. */
import type { SheetEntry } from '@vigie/shared/api';
import type { AccountRecord } from '../accessStore.ts';

export const sheetEntry = (account: AccountRecord, code: string, expiresAt: Date): SheetEntry => ({
  accountId: account.id,
  name: account.name,
  login: account.login,
  roles: account.roles,
  scope: account.scope,
  code,
  expiresAt: expiresAt.toISOString(),
});
