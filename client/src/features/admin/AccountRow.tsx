/** One account in the table, with what an administrator does to it: rights, disable, new code, close sessions. */
import type { AccountSummary, SheetEntry } from '@vigie/shared/api';
import { useState } from 'react';
import { callApi, type ApiResult } from '../../access/api.ts';
import { failureText } from '../../access/failureText.ts';
import { rolesInWords, scopeInWords, type PlaceNames } from '../../access/words.ts';
import { format } from '../../i18n/messages.ts';
import { formatDateTime } from '../../time/parisTime.ts';
import { useLang } from '../../i18n/useT.ts';
import { AccountEditor } from './AccountEditor.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { useAdminMessages } from './useAdminMessages.ts';

const COLUMNS = 8;

export function AccountRow({
  account,
  places,
  onChanged,
  onSheet,
}: {
  account: AccountSummary;
  places: PlaceNames | null;
  onChanged: (account: AccountSummary) => void;
  onSheet: (entries: SheetEntry[]) => void;
}) {
  const m = useAdminMessages();
  const lang = useLang();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const params = { id: account.id };

  const act = async <T,>(call: Promise<ApiResult<T>>, done: (data: T) => string | null) => {
    setBusy(true);
    setNote(null);
    const result = await call;
    setBusy(false);
    if (!result.ok) return setNote({ ok: false, text: failureText(result, lang) });
    const text = done(result.data);
    if (text) setNote({ ok: true, text });
  };
  const toggleDisabled = () =>
    act(callApi('admin:account:update', { params, body: { disabled: !account.disabled } }), (saved) => {
      onChanged(saved);
      return m.updated;
    });
  const newCode = () =>
    act(callApi('admin:account:code', { params }), (entry) => {
      onSheet([entry]);
      return null;
    });
  const closeSessions = () =>
    act(callApi('admin:account:sessions:revoke', { params }), ({ revoked }) => {
      onChanged({ ...account, activeSessions: 0 });
      return format(m.sessionsRevoked, { count: String(revoked) });
    });

  return (
    <>
      <tr data-account={account.id} data-disabled={account.disabled ? '' : undefined}>
        <th scope="row">{account.name}</th>
        <td className="admin-table__mono">{account.login}</td>
        <td>{rolesInWords(account.roles, lang)}</td>
        <td>{scopeInWords(account.scope, places, lang)}</td>
        <td className={account.disabled ? 'tone-down' : undefined}>
          {account.disabled ? m.disabled : m.active}
          {!account.hasPassword && `, ${m.noPassword}`}
        </td>
        <td>{account.lastSignInAt ? formatDateTime(account.lastSignInAt, lang) : m.never}</td>
        <td>{account.activeSessions}</td>
        <td>
          <div className="row-actions">
            <button type="button" aria-expanded={editing} onClick={() => setEditing((e) => !e)} disabled={busy}>
              {m.edit}
            </button>
            <button type="button" onClick={() => void toggleDisabled()} disabled={busy}>
              {account.disabled ? m.enable : m.disable}
            </button>
            <button type="button" onClick={() => void newCode()} disabled={busy}>
              {m.newCode}
            </button>
            <ConfirmButton
              label={m.revokeSessions}
              question={format(m.revokeSessionsQuestion, { name: account.name })}
              onConfirm={() => void closeSessions()}
              disabled={busy}
            />
          </div>
          {note && (
            <p className={note.ok ? 'form-ok' : 'form-error'} role={note.ok ? 'status' : 'alert'}>
              {note.text}
            </p>
          )}
        </td>
      </tr>
      {editing && (
        <tr className="admin-table__editor">
          <td colSpan={COLUMNS}>
            <AccountEditor
              account={account}
              places={places}
              onCancel={() => setEditing(false)}
              onSaved={(saved) => {
                setEditing(false);
                onChanged(saved);
                setNote({ ok: true, text: m.updated });
              }}
            />
          </td>
        </tr>
      )}
    </>
  );
}
