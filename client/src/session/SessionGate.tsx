/**
 * Shows its children only while the server lets this page read: a refused handshake gives the
 * "Connexion requise" page, an ended session the reason in words. Nothing of the situation stays.
 */
import { sessionEndReasons } from '@vigie/shared';
import type { ReactNode } from 'react';
import { useStoreSelector } from '../hooks/useStoreSelector.ts';
import { useLang } from '../i18n/useT.ts';
import { selectSession } from '../store/selectors.ts';
import { useSessionMessages } from './useSessionMessages.ts';
import { useSignInHref } from './useSignInHref.ts';
import './session.css';

export function SessionGate({ children }: { children: ReactNode }) {
  const m = useSessionMessages();
  const lang = useLang();
  const signIn = useSignInHref();
  const { ended, refused } = useStoreSelector(selectSession);
  if (!ended && !refused) return children;
  return (
    <main className="session-gate" data-session-state={ended ? 'ended' : 'refused'} data-reason={ended ?? refused}>
      <h1>{ended ? m.sessionEnded : m.signInRequired}</h1>
      <p role="alert">
        {ended
          ? sessionEndReasons.label(ended, lang)
          : refused === 'forbidden'
            ? m.forbiddenText
            : m.signInRequiredText}
      </p>
      {ended !== 'roles-changed' && (
        <p>
          <a className="session-gate__action" href={signIn}>
            {ended ? m.signInAgain : m.signIn}
          </a>
        </p>
      )}
    </main>
  );
}
