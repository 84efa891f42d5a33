/**
 * "Mon compte" (/compte): who I am (roles and scope in words, with the registry's names once the
 * copy has arrived), my password, and signing out — which also wipes this browser's offline copy.
 * Right after a sign-in with a code, it asks first for a password, then leads on to `?suivant=`.
 */
import { accessPaths, type SessionInfo } from '@vigie/shared';
import { useEffect, useRef, useState } from 'react';
import { AccessFrame } from '../../access/AccessFrame.tsx';
import { callApi, type ApiFailure } from '../../access/api.ts';
import { failureText } from '../../access/failureText.ts';
import { FormError } from '../../access/FormError.tsx';
import { nextPath, withLang } from '../../access/navigation.ts';
import { PageLink } from '../../access/PageLink.tsx';
import { SessionPage } from '../../session/SessionPage.tsx';
import { rolesInWords, scopeInWords } from '../../access/words.ts';
import { useStoreSelector } from '../../hooks/useStoreSelector.ts';
import { useLang } from '../../i18n/useT.ts';
import { wipeOfflineCopy } from '../../realtime/offlineCopy.ts';
import { selectRegistry } from '../../store/selectors.ts';
import { useSignInHref } from '../../session/useSignInHref.ts';
import { justSignedInWithCode } from '../../access/choosePassword.ts';
import { messages } from './messages.ts';
import { PasswordForm } from './PasswordForm.tsx';
import './account.css';

export function AccountPage() {
  const m = messages[useLang()];
  return (
    <SessionPage title={m.title} page="account" waiting={m.waiting}>
      {(info) => <Account info={info} />}
    </SessionPage>
  );
}

function Account({ info }: { info: SessionInfo }) {
  const lang = useLang();
  const m = messages[lang];
  const registry = useStoreSelector(selectRegistry);
  const signIn = useSignInHref();
  const [signingOut, setSigningOut] = useState<'no' | 'busy' | ApiFailure>('no');
  // Right after a sign-in with a code: choosing a password comes first, then on to `?suivant=`.
  const [afterCode] = useState(() => info.kind === 'person' && justSignedInWithCode(window.location.search));
  const [passwordSaved, setPasswordSaved] = useState(false);
  const prompt = useRef<HTMLHeadingElement>(null);
  useEffect(() => prompt.current?.focus(), []);

  const signOut = async () => {
    setSigningOut('busy');
    const result = await callApi('session:sign-out');
    // Already signed out elsewhere: the page still wipes and leaves.
    if (!result.ok && result.error.code !== 'unauthorized') return setSigningOut(result);
    await wipeOfflineCopy().catch(() => undefined);
    window.location.assign(withLang(accessPaths.signIn, lang));
  };

  if (info.kind === 'anonymous') {
    return (
      <AccessFrame title={m.title} page="account">
        <p>{m.notSignedIn}</p>
        <PageLink href={signIn}>{m.signIn}</PageLink>
      </AccessFrame>
    );
  }
  return (
    <AccessFrame title={m.title} page="account">
      {afterCode && (
        <section className="account__prompt" aria-labelledby="account-choose-password" data-prompt="password">
          <h2 id="account-choose-password" ref={prompt} tabIndex={-1}>
            {m.choosePassword}
          </h2>
          <p>{m.choosePasswordIntro}</p>
          <PasswordForm onSaved={() => setPasswordSaved(true)} />
        </section>
      )}

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

      {info.kind === 'person' && !afterCode && (
        <section aria-labelledby="account-password">
          <h2 id="account-password">{m.password}</h2>
          <PasswordForm />
        </section>
      )}

      <section aria-labelledby="account-sign-out">
        <h2 id="account-sign-out">{m.signOut}</h2>
        <p className="field__hint">{m.signOutHint}</p>
        <FormError>{typeof signingOut === 'object' && failureText(signingOut, lang)}</FormError>
        <button type="button" disabled={signingOut === 'busy'} onClick={() => void signOut()}>
          {m.signOut}
        </button>
      </section>

      <PageLink href={nextPath(window.location.search)}>
        {!afterCode ? m.back : passwordSaved ? m.continue : m.later}
      </PageLink>
    </AccessFrame>
  );
}
