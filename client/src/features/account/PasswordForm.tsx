/** Sets or changes the password of the signed-in person (at least 12 characters, checked here and by the server). */
import { useId, useState, type FormEvent } from 'react';
import { callApi, type ApiFailure } from '../../access/api.ts';
import { failureText } from '../../access/failureText.ts';
import { Field } from '../../access/Field.tsx';
import { FormError } from '../../access/FormError.tsx';
import { formText } from '../../access/formText.ts';
import { SubmitRow } from '../../access/SubmitRow.tsx';
import { useLang } from '../../i18n/useT.ts';
import { messages } from './messages.ts';

const MIN_LENGTH = 12;

type Status =
  | { kind: 'idle' | 'busy' | 'saved' }
  | { kind: 'failed'; why: ApiFailure | 'too-short' | 'mismatch'; withCurrent: boolean };

export function PasswordForm({ onSaved }: { onSaved?: () => void } = {}) {
  const lang = useLang();
  const m = messages[lang];
  const id = useId();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const currentPassword = formText(form, 'current');
    const password = formText(form, 'password');
    const withCurrent = currentPassword !== '';
    if (password.length < MIN_LENGTH) return setStatus({ kind: 'failed', why: 'too-short', withCurrent });
    if (password !== formText(form, 'confirm')) return setStatus({ kind: 'failed', why: 'mismatch', withCurrent });
    setStatus({ kind: 'busy' });
    const result = await callApi('session:password', {
      body: withCurrent ? { password, currentPassword } : { password },
    });
    if (!result.ok) return setStatus({ kind: 'failed', why: result, withCurrent });
    form.reset();
    setStatus({ kind: 'saved' });
    onSaved?.();
  };

  const error =
    status.kind !== 'failed'
      ? null
      : status.why === 'too-short'
        ? m.tooShort
        : status.why === 'mismatch'
          ? m.mismatch
          : failureText(status.why, lang, {
              forbidden: m.wrongCurrent,
              invalid_payload: m.invalidPassword,
              ...(status.withCurrent ? { unauthorized: m.wrongCurrent } : {}),
            });
  const newPassword = {
    type: 'password',
    autoComplete: 'new-password',
    minLength: MIN_LENGTH,
    required: true,
    describedBy: error ? `${id}-error` : undefined,
  };
  return (
    <form className="form" onSubmit={(e) => void save(e)} noValidate data-form="password">
      <p className="field__hint">{m.passwordIntro}</p>
      <Field
        id={`${id}-current`}
        label={m.currentPassword}
        hint={m.currentPasswordHint}
        name="current"
        type="password"
        autoComplete="current-password"
      />
      <Field id={`${id}-new`} label={m.newPassword} name="password" {...newPassword} />
      <Field id={`${id}-confirm`} label={m.confirmPassword} name="confirm" {...newPassword} />
      <FormError id={`${id}-error`}>{error}</FormError>
      {status.kind === 'saved' && (
        <p className="form-ok" role="status">
          {m.passwordSaved}
        </p>
      )}
      <SubmitRow label={m.savePassword} busy={status.kind === 'busy'} />
    </form>
  );
}
