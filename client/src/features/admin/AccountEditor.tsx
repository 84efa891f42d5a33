/** Edits an account's roles and scope; saved with `admin:account:update`. */
import { roles, type Role, type Scope } from '@vigie/shared';
import type { AccountSummary } from '@vigie/shared/api';
import { useId, useState, type FormEvent } from 'react';
import { callApi } from '../../access/api.ts';
import { failureText } from '../../access/failureText.ts';
import { FormError } from '../../access/FormError.tsx';
import { SubmitRow } from '../../access/SubmitRow.tsx';
import type { PlaceNames } from '../../access/words.ts';
import { format } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/useT.ts';
import { ScopePicker } from './ScopePicker.tsx';
import { useAdminMessages } from './useAdminMessages.ts';

export function AccountEditor({
  account,
  places,
  onSaved,
  onCancel,
}: {
  account: AccountSummary;
  places: PlaceNames | null;
  onSaved: (account: AccountSummary) => void;
  onCancel: () => void;
}) {
  const m = useAdminMessages();
  const lang = useLang();
  const id = useId();
  const [chosen, setChosen] = useState<Role[]>(account.roles);
  const [scope, setScope] = useState<Scope>(account.scope);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen.length) return setError(m.rolesNone);
    if (scope && !scope.ghus.length && !scope.hospitals.length) return setError(m.scopeNone);
    setBusy(true);
    const result = await callApi('admin:account:update', {
      params: { id: account.id },
      body: { roles: roles.ids.filter((r) => chosen.includes(r)), scope },
    });
    setBusy(false);
    if (!result.ok) return setError(failureText(result, lang));
    onSaved(result.data);
  };

  return (
    <form className="form account-editor" onSubmit={(e) => void save(e)} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{format(m.editTitle, { name: account.name })}</h3>
      <fieldset>
        <legend>{m.roles}</legend>
        {roles.values.map((r) => (
          <label key={r.id} className="choice">
            <input
              type="checkbox"
              checked={chosen.includes(r.id)}
              onChange={(e) => setChosen((c) => (e.target.checked ? [...c, r.id] : c.filter((x) => x !== r.id)))}
            />
            {r[lang]}
          </label>
        ))}
      </fieldset>
      <ScopePicker scope={scope} places={places} onChange={setScope} />
      <FormError>{error}</FormError>
      <SubmitRow label={m.save} busy={busy}>
        <button type="button" onClick={onCancel}>
          {m.cancel}
        </button>
      </SubmitRow>
    </form>
  );
}
