/** "Comptes": the accounts table, creating accounts from a list, and the sign-in sheet of the codes just made. */
import type { SheetEntry } from '@vigie/shared/api';
import { useState } from 'react';
import type { PlaceNames } from '../../access/words.ts';
import { AccountImport } from './AccountImport.tsx';
import { AccountRow } from './AccountRow.tsx';
import { ListTable } from './ListTable.tsx';
import { SignInSheet } from './SignInSheet.tsx';
import { useAdminMessages } from './useAdminMessages.ts';
import { useApiList } from './useApiList.ts';

export function AccountsSection({ places }: { places: PlaceNames | null }) {
  const m = useAdminMessages();
  const { list, reload, put } = useApiList('admin:accounts');
  const [sheet, setSheet] = useState<SheetEntry[] | null>(null);
  const c = m.accountColumns;
  return (
    <section className="admin-section" aria-labelledby="admin-accounts" data-section="accounts">
      <h2 id="admin-accounts">{m.accounts}</h2>
      <ListTable
        list={list}
        reload={reload}
        name="accounts"
        loading={m.accountsLoading}
        empty={m.accountsEmpty}
        columns={[c.name, c.login, c.roles, c.scope, c.state, c.lastSignIn, c.sessions, c.actions]}
        row={(account) => (
          <AccountRow key={account.id} account={account} places={places} onChanged={put} onSheet={setSheet} />
        )}
      />
      {sheet && <SignInSheet entries={sheet} places={places} onClose={() => setSheet(null)} />}
      <AccountImport
        places={places}
        onCreated={(entries) => {
          setSheet(entries);
          void reload();
        }}
      />
    </section>
  );
}
