/**
 * Who is reading, in the header of the overview and the drill-downs: a name and "Mon compte", or
 * the open-read notice with a way to sign in. Says nothing until the server has said who we are.
 */
import { accessPaths, may } from '@vigie/shared';
import { withLang } from '../access/navigation.ts';
import { useStoreSelector } from '../hooks/useStoreSelector.ts';
import { useLang } from '../i18n/useT.ts';
import { selectSession } from '../store/selectors.ts';
import { useSessionMessages } from './useSessionMessages.ts';
import { useSignInHref } from './useSignInHref.ts';
import './session.css';

export function IdentityArea() {
  const m = useSessionMessages();
  const lang = useLang();
  const signIn = useSignInHref();
  const { info } = useStoreSelector(selectSession);
  if (!info) return null;
  if (info.kind === 'anonymous') {
    if (!info.openRead) return null;
    return (
      <div className="identity identity--open" data-session="anonymous">
        <span className="identity__notice" title={m.openReadHint}>
          {m.openRead}
        </span>
        <a className="identity__link" href={signIn}>
          {m.signIn}
        </a>
      </div>
    );
  }
  return (
    <div className="identity" data-session={info.kind}>
      <span className="identity__name">
        <span className="visually-hidden">{info.kind === 'screen' ? m.screen : m.signedInAs} </span>
        {info.name}
      </span>
      {info.kind === 'person' && (
        <a className="identity__link" href={withLang(accessPaths.account, lang)}>
          {m.myAccount}
        </a>
      )}
      {(may(info, 'read:staff') || may(info, 'audit:read')) && (
        <a className="identity__link" href={withLang('/console', lang)}>
          {m.console}
        </a>
      )}
      {may(info, 'access:manage') && (
        <a className="identity__link" href={withLang(accessPaths.admin, lang)}>
          {m.admin}
        </a>
      )}
    </div>
  );
}
