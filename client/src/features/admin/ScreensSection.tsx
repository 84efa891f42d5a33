/** "Écrans muraux": the registered wall screens, registering one (with its pairing link), new links, revoking. */
import type { Pairing, ScreenSummary } from '@vigie/shared/api';
import { useId, useState, type FormEvent } from 'react';
import { callApi, type ApiResult } from '../../access/api.ts';
import { failureText } from '../../access/failureText.ts';
import { Field } from '../../access/Field.tsx';
import { FormError } from '../../access/FormError.tsx';
import { formText } from '../../access/formText.ts';
import { SubmitRow } from '../../access/SubmitRow.tsx';
import { format } from '../../i18n/messages.ts';
import { formatDateTime } from '../../time/parisTime.ts';
import { useLang } from '../../i18n/useT.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ListTable } from './ListTable.tsx';
import { PairingLink } from './PairingLink.tsx';
import { useAdminMessages } from './useAdminMessages.ts';
import { useApiList } from './useApiList.ts';

export function ScreensSection() {
  const m = useAdminMessages();
  const lang = useLang();
  const id = useId();
  const { list, reload, put } = useApiList('admin:screens');
  const [pairing, setPairing] = useState<Pairing | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ screenId: string | null; text: string } | null>(null);
  const c = m.screenColumns;

  const act = async <T,>(screenId: string | null, call: Promise<ApiResult<T>>, done: (data: T) => void) => {
    setBusy(true);
    setError(null);
    const result = await call;
    setBusy(false);
    if (!result.ok) return setError({ screenId, text: failureText(result, lang) });
    done(result.data);
  };
  const paired = (p: Pairing) => {
    put(p.screen);
    setPairing(p);
  };
  const register = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const name = formText(form, 'name').trim();
    if (!name) return;
    void act(null, callApi('admin:screens:create', { body: { name } }), (p) => {
      form.reset();
      paired(p);
    });
  };

  const stateOf = (s: ScreenSummary) =>
    s.revokedAt
      ? format(m.screenRevoked, { time: formatDateTime(s.revokedAt, lang) })
      : [
          s.pairedAt && format(m.screenPaired, { time: formatDateTime(s.pairedAt, lang) }),
          s.pairingExpiresAt && format(m.screenPending, { time: formatDateTime(s.pairingExpiresAt, lang) }),
        ]
          .filter(Boolean)
          .join(lang === 'fr' ? '\u00a0; ' : '; ') || m.screenUnpaired;

  return (
    <section className="admin-section" aria-labelledby="admin-screens" data-section="screens">
      <h2 id="admin-screens">{m.screens}</h2>
      <ListTable
        list={list}
        reload={reload}
        name="screens"
        loading={m.screensLoading}
        empty={m.screensEmpty}
        columns={[c.name, c.state, c.lastSeen, c.actions]}
        row={(s) => (
          <tr key={s.id} data-screen={s.id} data-revoked={s.revokedAt ? '' : undefined}>
            <th scope="row">{s.name}</th>
            <td className={s.revokedAt ? 'tone-down' : undefined}>{stateOf(s)}</td>
            <td>{s.lastSeenAt ? formatDateTime(s.lastSeenAt, lang) : m.never}</td>
            <td>
              {!s.revokedAt && (
                <div className="row-actions">
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void act(s.id, callApi('admin:screen:pairing', { params: { id: s.id } }), paired)}
                  >
                    {m.newLink}
                  </button>
                  <ConfirmButton
                    label={m.revokeScreen}
                    question={format(m.revokeScreenQuestion, { name: s.name })}
                    disabled={busy}
                    onConfirm={() =>
                      void act(s.id, callApi('admin:screen:revoke', { params: { id: s.id } }), (revoked) => {
                        put(revoked);
                        if (pairing?.screen.id === s.id) setPairing(null);
                      })
                    }
                  />
                </div>
              )}
              <FormError>{error?.screenId === s.id && error.text}</FormError>
            </td>
          </tr>
        )}
      />
      {pairing && <PairingLink pairing={pairing} onClose={() => setPairing(null)} />}
      <form className="form" onSubmit={register} aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>{m.registerTitle}</h3>
        <Field
          id={`${id}-name`}
          label={m.screenName}
          hint={m.screenNameHint}
          hintId={`${id}-hint`}
          name="name"
          required
          maxLength={200}
          autoComplete="off"
        />
        <FormError>{error?.screenId === null && error.text}</FormError>
        <SubmitRow label={m.register} busy={busy} />
      </form>
    </section>
  );
}
