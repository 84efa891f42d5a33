/** Sets or changes the password of the signed-in person (at least 12 characters, checked here and by the server). */
import { useId, useState, type FormEvent } from 'react';
import { callApi, type ApiFailure } from '../../access/api.ts';
import { failureText } from '../../access/failureText.ts';
import { formText } from '../../access/formText.ts';
import { useLang } from '../../i18n/useT.ts';
import { messages } from './messages.ts';

const MIN_LENGTH = 12;

type Status =
  | { kind: 'idle' | 'busy' | 'saved' }
  | { kind: 'failed'; why: ApiFailure | 'too-short' | 'mismatch'; withCurrent: boolean };

export function PasswordForm() {
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
  const described = error ? `${id}-error` : undefined;
  return (
    <form className="form" onSubmit={(e) => void save(e)} noValidate data-form="password">
      <p className="field__hint">{m.passwordIntro}</p>
      <div className="field">
        <label htmlFor={`${id}-current`}>{m.currentPassword}</label>
        <span className="field__hint" id={`${id}-current-hint`}>
          {m.currentPasswordHint}
        </span>
        <input
          id={`${id}-current`}
          name="current"
          type="password"
          autoComplete="current-password"
          aria-describedby={`${id}-current-hint`}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-new`}>{m.newPassword}</label>
        <input
          id={`${id}-new`}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={MIN_LENGTH}
          required
          aria-describedby={described}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-confirm`}>{m.confirmPassword}</label>
        <input
          id={`${id}-confirm`}
          name="confirm"
          type="password"
          autoComplete="new-password"
          minLength={MIN_LENGTH}
          required
          aria-describedby={described}
        />
      </div>
      {error && (
        <p className="form-error" role="alert" id={`${id}-error`}>
          {error}
        </p>
      )}
      {status.kind === 'saved' && (
        <p className="form-ok" role="status">
          {m.passwordSaved}
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button--primary" disabled={status.kind === 'busy'}>
          {m.savePassword}
        </button>
      </div>
    </form>
  );
}
