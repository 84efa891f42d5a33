/**
 * The sign-in page (/connexion): login and password, or a one-time code. The link in a printed
 * sheet's QR code carries the code in the fragment (`#code=…`): it is taken out of the address bar
 * and exchanged at once. Signed in, a full page load opens `?suivant=` so the socket reconnects
 * with the new session cookie; after a code, "Mon compte" first, to choose a password.
 */
import type { SessionInfo } from '@vigie/shared';
import { CodeSchema } from '@vigie/shared/api';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { AccessFrame } from '../../access/AccessFrame.tsx';
import { callApi, type ApiFailure, type ApiResult } from '../../access/api.ts';
import { failureText } from '../../access/failureText.ts';
import { Field } from '../../access/Field.tsx';
import { FormError } from '../../access/FormError.tsx';
import { formText } from '../../access/formText.ts';
import { nextPath, takeFragment, withLang } from '../../access/navigation.ts';
import { PageLink } from '../../access/PageLink.tsx';
import { SubmitRow } from '../../access/SubmitRow.tsx';
import { useLang } from '../../i18n/useT.ts';
import { choosePasswordPath } from '../../access/choosePassword.ts';
import { messages } from './messages.ts';

type Form = 'password' | 'code';
type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; form: Form }
  | { kind: 'failed'; form: Form; why: ApiFailure | 'code-shape' | 'incomplete' }
  | { kind: 'done' };

/** The code a printed sheet's link carries (`#code=…`), read without touching the address bar yet. */
const codeInFragment = () => new URLSearchParams(window.location.hash.slice(1)).get('code');
/** The code as the server stores it (O read as 0, I as 1, any case, spaces and dashes dropped), or null when it cannot be one. */
const codeOf = (text: string) => CodeSchema.safeParse(text).data ?? null;

export function SignInPage() {
  const lang = useLang();
  const m = messages[lang];
  const id = useId();
  const [fromSheet] = useState(codeInFragment);
  const [code, setCode] = useState(fromSheet ?? '');
  const [status, setStatus] = useState<Status>(() =>
    fromSheet === null
      ? { kind: 'idle' }
      : codeOf(fromSheet) !== null
        ? { kind: 'busy', form: 'code' }
        : { kind: 'failed', form: 'code', why: 'code-shape' },
  );
  const started = useRef(false);

  const finish = useCallback((form: Form, result: ApiResult<SessionInfo>) => {
    if (!result.ok) return setStatus({ kind: 'failed', form, why: result });
    setStatus({ kind: 'done' });
    // A full load: the socket connects again, now with the session cookie. A code does not work
    // twice: the person chooses a password first, then goes on.
    const search = window.location.search;
    window.location.assign(form === 'code' ? choosePasswordPath(search) : nextPath(search));
  }, []);
  const attempt = (form: Form, call: Promise<ApiResult<SessionInfo>>) => {
    setStatus({ kind: 'busy', form });
    void call.then((result) => finish(form, result));
  };

  // Once per page load (the ref also holds through React's development double effects): the code
  // leaves the address bar and this history entry before it is sent.
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    takeFragment();
    const sheetCode = fromSheet === null ? null : codeOf(fromSheet);
    if (sheetCode !== null) {
      void callApi('session:code', { body: { code: sheetCode } }).then((result) => finish('code', result));
    }
  }, [fromSheet, finish]);

  const busy = status.kind === 'busy' || status.kind === 'done';
  const errorOf = (form: Form) => {
    if (status.kind !== 'failed' || status.form !== form) return null;
    if (status.why === 'code-shape') return m.codeShape;
    if (status.why === 'incomplete') return m.incomplete;
    return failureText(
      status.why,
      lang,
      form === 'code'
        ? { unauthorized: m.badCode, invalid_payload: m.codeShape, forbidden: m.refused }
        : { unauthorized: m.badPassword, forbidden: m.refused },
    );
  };
  const passwordError = errorOf('password');
  const codeError = errorOf('code');
  const passwordFailed = {
    'aria-invalid': passwordError ? true : undefined,
    describedBy: passwordError ? `${id}-password-error` : undefined,
  };

  const signIn = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const login = formText(e.currentTarget, 'login').trim();
    const password = formText(e.currentTarget, 'password');
    if (!login || !password) return setStatus({ kind: 'failed', form: 'password', why: 'incomplete' });
    attempt('password', callApi('session:sign-in', { body: { login, password } }));
  };
  const submitCode = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const typed = codeOf(code);
    if (typed === null) return setStatus({ kind: 'failed', form: 'code', why: 'code-shape' });
    attempt('code', callApi('session:code', { body: { code: typed } }));
  };

  return (
    <AccessFrame title={m.title} page="sign-in">
      <p>{m.intro}</p>
      <p role="status" className="form-ok">
        {status.kind === 'done' ? m.signedIn : status.kind === 'busy' && status.form === 'code' ? m.exchanging : ''}
      </p>

      <section aria-labelledby={`${id}-password`}>
        <h2 id={`${id}-password`}>{m.withPassword}</h2>
        <form className="form" onSubmit={signIn} noValidate data-form="password">
          <Field
            id={`${id}-login`}
            label={m.login}
            name="login"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            {...passwordFailed}
          />
          <Field
            id={`${id}-pw`}
            label={m.password}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            {...passwordFailed}
          />
          <FormError id={`${id}-password-error`}>{passwordError}</FormError>
          <SubmitRow label={m.submit} busy={busy} />
        </form>
      </section>

      <section aria-labelledby={`${id}-code-title`}>
        <h2 id={`${id}-code-title`}>{m.withCode}</h2>
        <form className="form" onSubmit={submitCode} noValidate data-form="code">
          <Field
            id={`${id}-code`}
            label={m.code}
            hint={m.codeHint}
            describedBy={codeError ? `${id}-code-error` : undefined}
            name="code"
            className="code-input"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            required
            aria-invalid={codeError ? true : undefined}
          />
          <FormError id={`${id}-code-error`}>{codeError}</FormError>
          <SubmitRow label={m.codeSubmit} busy={busy} />
        </form>
      </section>

      <PageLink href={withLang('/synthese', lang)}>{m.publicSummary}</PageLink>
    </AccessFrame>
  );
}
