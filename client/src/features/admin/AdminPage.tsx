/**
 * Administration (/admin, administrators only): accounts (a pasted list becomes accounts and a
 * printable sheet of one-time codes) and wall screens (pairing links, revocation). Hospital and GHU
 * names come from the registry of the situation copy the admin's socket receives.
 */
import { may, type SessionInfo } from '@vigie/shared';
import { AccessFrame } from '../../access/AccessFrame.tsx';
import { withLang } from '../../access/navigation.ts';
import { PageLink } from '../../access/PageLink.tsx';
import { SessionPage } from '../../session/SessionPage.tsx';
import { useStoreSelector } from '../../hooks/useStoreSelector.ts';
import { useLang } from '../../i18n/useT.ts';
import { selectRegistry } from '../../store/selectors.ts';
import { useSignInHref } from '../../session/useSignInHref.ts';
import { AccountsSection } from './AccountsSection.tsx';
import { ScreensSection } from './ScreensSection.tsx';
import { useAdminMessages } from './useAdminMessages.ts';
import './admin.css';

export function AdminPage() {
  const m = useAdminMessages();
  return (
    <SessionPage title={m.title} page="admin" waiting={m.waiting}>
      {(info) => <Admin info={info} />}
    </SessionPage>
  );
}

function Admin({ info }: { info: SessionInfo }) {
  const m = useAdminMessages();
  const lang = useLang();
  const registry = useStoreSelector(selectRegistry);
  const signIn = useSignInHref();
  if (!may(info, 'access:manage')) {
    return (
      <AccessFrame title={m.title} page="admin">
        <p role="alert" data-admin-only>
          {m.adminOnly}
        </p>
        {info.kind === 'anonymous' && <PageLink href={signIn}>{m.signIn}</PageLink>}
      </AccessFrame>
    );
  }
  return (
    <AccessFrame title={m.title} page="admin" wide>
      <AccountsSection places={registry} />
      <ScreensSection />
      <PageLink href={withLang('/', lang)}>{m.back}</PageLink>
    </AccessFrame>
  );
}
