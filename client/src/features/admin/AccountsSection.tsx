/** "Comptes": the accounts table, creating accounts from a list, and the sign-in sheet of the codes just made. */
import type { SheetEntry } from '@vigie/shared/api';
import { useState } from 'react';
import { failureText } from '../../access/failureText.ts';
import type { PlaceNames } from '../../access/words.ts';
import { format } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/useT.ts';
import { AccountImport } from './AccountImport.tsx';
import { AccountRow } from './AccountRow.tsx';
import { SignInSheet } from './SignInSheet.tsx';
import { useAdminMessages } from './useAdminMessages.ts';
import { useApiList } from './useApiList.ts';

export function AccountsSection({ places }: { places: PlaceNames | null }) {
  const m = useAdminMessages();
  const lang = useLang();
  const { list, reload, put } = useApiList('admin:accounts');
  const [sheet, setSheet] = useState<SheetEntry[] | null>(null);
  const c = m.accountColumns;
  return (
    <section className="admin-section" aria-labelledby="admin-accounts" data-section="accounts">
      <h2 id="admin-accounts">{m.accounts}</h2>
      {list.kind === 'loading' && <p role="status">{m.accountsLoading}</p>}
      {list.kind === 'failed' && (
        <p className="form-error" role="alert">
          {format(m.loadFailed, { reason: failureText(list.why, lang) })}{' '}
          <button type="button" onClick={() => void reload()}>
            {m.retry}
          </button>
        </p>
      )}
      {list.kind === 'loaded' &&
        (list.items.length === 0 ? (
          <p>{m.accountsEmpty}</p>
        ) : (
          <div className="admin-table__scroll">
            <table className="admin-table" data-table="accounts">
              <thead>
                <tr>
                  <th scope="col">{c.name}</th>
                  <th scope="col">{c.login}</th>
                  <th scope="col">{c.roles}</th>
                  <th scope="col">{c.scope}</th>
                  <th scope="col">{c.state}</th>
                  <th scope="col">{c.lastSignIn}</th>
                  <th scope="col">{c.sessions}</th>
                  <th scope="col">{c.actions}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((account) => (
                  <AccountRow key={account.id} account={account} places={places} onChanged={put} onSheet={setSheet} />
                ))}
              </tbody>
            </table>
          </div>
        ))}
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
