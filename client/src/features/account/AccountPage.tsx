/**
 * "Mon compte" (/compte): who I am (roles and scope in words, with the registry's names once the
 * copy has arrived), my password, and signing out — which also wipes this browser's offline copy.
 */
import { accessPaths } from '@vigie/shared';
import { useState } from 'react';
import { AccessFrame } from '../../access/AccessFrame.tsx';
import { callApi, type ApiFailure } from '../../access/api.ts';
import { failureText } from '../../access/failureText.ts';
import { withLang } from '../../access/navigation.ts';
import { rolesInWords, scopeInWords } from '../../access/words.ts';
import { useStoreSelector } from '../../app/useStoreSelector.ts';
import { useLang } from '../../i18n/useT.ts';
import { wipeOfflineCopy } from '../../realtime/offlineCopy.ts';
import { selectRegistry, selectSession } from '../../store/selectors.ts';
import { SessionGate } from '../session/SessionGate.tsx';
import { useSignInHref } from '../session/useSignInHref.ts';
import { messages } from './messages.ts';
import { PasswordForm } from './PasswordForm.tsx';
import './account.css';

export function AccountPage() {
  return (
    <SessionGate>
      <Account />
    </SessionGate>
  );
}

function Account() {
  const lang = useLang();
  const m = messages[lang];
  const { info } = useStoreSelector(selectSession);
  const registry = useStoreSelector(selectRegistry);
  const signIn = useSignInHref();
  const [signingOut, setSigningOut] = useState<'no' | 'busy' | ApiFailure>('no');

  const signOut = async () => {
    setSigningOut('busy');
    const result = await callApi('session:sign-out');
    // Already signed out elsewhere: the page still wipes and leaves.
    if (!result.ok && result.error.code !== 'unauthorized') return setSigningOut(result);
    await wipeOfflineCopy().catch(() => undefined);
    window.location.assign(withLang(accessPaths.signIn, lang));
  };

  if (!info) {
    return (
      <AccessFrame title={m.title} page="account">
        <p role="status">{m.waiting}</p>
      </AccessFrame>
    );
  }
  if (info.kind === 'anonymous') {
    return (
      <AccessFrame title={m.title} page="account">
        <p>{m.notSignedIn}</p>
        <p>
          <a className="access-page__back" href={signIn}>
            {m.signIn}
          </a>
        </p>
      </AccessFrame>
    );
  }
  return (
    <AccessFrame title={m.title} page="account">
      <dl className="account__facts">
        <dt>{m.name}</dt>
        <dd data-fact="name">{info.name}</dd>
        <dt>{m.kind}</dt>
        <dd data-fact="kind">{info.kind === 'screen' ? m.screen : m.person}</dd>
        <dt>{m.roles}</dt>
        <dd data-fact="roles">{rolesInWords(info.roles, lang)}</dd>
        <dt>{m.scope}</dt>
        <dd data-fact="scope">{scopeInWords(info.scope, registry, lang)}</dd>
      </dl>

      {info.kind === 'person' && (
        <section aria-labelledby="account-password">
          <h2 id="account-password">{m.password}</h2>
          <PasswordForm />
        </section>
      )}

      <section aria-labelledby="account-sign-out">
        <h2 id="account-sign-out">{m.signOut}</h2>
        <p className="field__hint">{m.signOutHint}</p>
        {typeof signingOut === 'object' && (
          <p className="form-error" role="alert">
            {failureText(signingOut, lang)}
          </p>
        )}
        <button type="button" disabled={signingOut === 'busy'} onClick={() => void signOut()}>
          {m.signOut}
        </button>
      </section>

      <p>
        <a className="access-page__back" href={withLang('/', lang)}>
          {m.back}
        </a>
      </p>
    </AccessFrame>
  );
}
