/**
 * Creates accounts from a pasted list (`Nom ; rôle(s) ; périmètre`, one person a line), read live
 * with the shared parser against the registry of the copy: every line is previewed as an account
 * or shown with its error, and nothing is sent while a line is wrong.
 */
import { parseAccountList, type SheetEntry } from '@vigie/shared/api';
import { useId, useMemo, useState } from 'react';
import { callApi } from '../../access/api.ts';
import { failureText } from '../../access/failureText.ts';
import { FormError } from '../../access/FormError.tsx';
import { frenchSpacing } from '../../access/frenchSpacing.ts';
import { rolesInWords, scopeInWords, type PlaceNames } from '../../access/words.ts';
import { format } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/useT.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { useAdminMessages } from './useAdminMessages.ts';

/** CreateAccountsSchema's bound on one request. */
const MAX_ACCOUNTS = 200;

export function AccountImport({
  places,
  onCreated,
}: {
  places: PlaceNames | null;
  onCreated: (entries: SheetEntry[]) => void;
}) {
  const m = useAdminMessages();
  const lang = useLang();
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const parsed = useMemo(() => (places ? parseAccountList(text, places) : null), [text, places]);
  const count = parsed?.accounts.length ?? 0;
  const blocked = !parsed || count === 0 || parsed.errors.length > 0 || count > MAX_ACCOUNTS;

  const create = async () => {
    if (!parsed || blocked) return;
    setBusy(true);
    setError(null);
    const result = await callApi('admin:accounts:create', { body: { accounts: parsed.accounts } });
    setBusy(false);
    if (!result.ok) return setError(failureText(result, lang));
    setText('');
    onCreated(result.data);
  };

  return (
    <section className="account-import" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{m.importTitle}</h3>
      <div className="field">
        <label htmlFor={`${id}-list`}>{m.importLabel}</label>
        <span className="field__hint" id={`${id}-hint`}>
          {m.importHint}
        </span>
        <textarea
          id={`${id}-list`}
          rows={8}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={`${id}-hint ${id}-preview`}
          spellCheck={false}
          disabled={!places}
        />
      </div>
      <div id={`${id}-preview`} aria-live="polite">
        {!parsed ? (
          <p className="field__hint">{m.importWaitingRegistry}</p>
        ) : (
          text.trim() !== '' && (
            <>
              <h4>
                {m.previewTitle} — {format(m.previewCount, { count: String(count) })}
              </h4>
              {parsed.errors.length > 0 && (
                <div className="account-import__errors" data-preview="errors">
                  <p className="form-error">{format(m.previewErrors, { count: String(parsed.errors.length) })}</p>
                  <ul>
                    {parsed.errors.map((e) => (
                      <li key={e.line} data-line={e.line}>
                        {frenchSpacing(
                          format(m.lineError, { line: String(e.line), message: e.message, text: e.text.trim() }),
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {count > 0 && (
                <table className="admin-table" data-preview="accounts">
                  <thead>
                    <tr>
                      <th scope="col">{m.accountColumns.name}</th>
                      <th scope="col">{m.accountColumns.roles}</th>
                      <th scope="col">{m.accountColumns.scope}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {parsed.accounts.map((a, i) => (
                      <tr key={i}>
                        <th scope="row">{a.name}</th>
                        <td>{rolesInWords(a.roles, lang)}</td>
                        <td>{scopeInWords(a.scope, places, lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {count > MAX_ACCOUNTS && <p className="form-error">{format(m.tooMany, { max: String(MAX_ACCOUNTS) })}</p>}
              {parsed.errors.length > 0 && count > 0 && <p className="field__hint">{m.fixFirst}</p>}
            </>
          )
        )}
      </div>
      <FormError>{error}</FormError>
      <div className="form__actions">
        <ConfirmButton
          className="button--primary"
          label={count > 0 ? `${m.create} (${count})` : m.create}
          question={format(m.createQuestion, { count: String(count) })}
          onConfirm={() => void create()}
          disabled={blocked || busy}
        />
      </div>
    </section>
  );
}
