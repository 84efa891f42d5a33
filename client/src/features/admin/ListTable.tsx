/** An administration list as it loads: a wait, a failure with "Réessayer", the sentence for none, or its table. */
import type { ReactNode } from 'react';
import { failureText } from '../../access/failureText.ts';
import { format } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/useT.ts';
import type { ListState } from './useApiList.ts';
import { useAdminMessages } from './useAdminMessages.ts';

export function ListTable<T>({
  list,
  reload,
  name,
  loading,
  empty,
  columns,
  row,
}: {
  list: ListState<T>;
  reload: () => Promise<void>;
  /** Which list, for tests (`data-table`). */
  name: string;
  loading: string;
  empty: string;
  columns: string[];
  /** One item's row, with its key. */
  row: (item: T) => ReactNode;
}) {
  const m = useAdminMessages();
  const lang = useLang();
  if (list.kind === 'loading') return <p role="status">{loading}</p>;
  if (list.kind === 'failed') {
    return (
      <p className="form-error" role="alert">
        {format(m.loadFailed, { reason: failureText(list.why, lang) })}{' '}
        <button type="button" onClick={() => void reload()}>
          {m.retry}
        </button>
      </p>
    );
  }
  if (list.items.length === 0) return <p>{empty}</p>;
  return (
    <div className="admin-table__scroll">
      <table className="admin-table" data-table={name}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{list.items.map(row)}</tbody>
      </table>
    </div>
  );
}
