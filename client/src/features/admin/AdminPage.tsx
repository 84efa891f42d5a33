/**
 * Administration (/admin, administrators only): accounts (a pasted list becomes accounts and a
 * printable sheet of one-time codes) and wall screens (pairing links, revocation). Hospital and GHU
 * names come from the registry of the situation copy the admin's socket receives.
 */
import { AccessFrame } from '../../access/AccessFrame.tsx';
import { withLang } from '../../access/navigation.ts';
import { useStoreSelector } from '../../app/useStoreSelector.ts';
import { useLang } from '../../i18n/useT.ts';
import { selectRegistry, selectSession } from '../../store/selectors.ts';
import { SessionGate } from '../session/SessionGate.tsx';
import { useSignInHref } from '../session/useSignInHref.ts';
import { AccountsSection } from './AccountsSection.tsx';
import { ScreensSection } from './ScreensSection.tsx';
import { useAdminMessages } from './useAdminMessages.ts';
import './admin.css';

export function AdminPage() {
  return (
    <SessionGate>
      <Admin />
    </SessionGate>
  );
}

function Admin() {
  const m = useAdminMessages();
  const lang = useLang();
  const { info } = useStoreSelector(selectSession);
  const registry = useStoreSelector(selectRegistry);
  const signIn = useSignInHref();
  if (!info) {
    return (
      <AccessFrame title={m.title} page="admin">
        <p role="status">{m.waiting}</p>
      </AccessFrame>
    );
  }
  if (!info.roles.includes('admin')) {
    return (
      <AccessFrame title={m.title} page="admin">
        <p role="alert" data-admin-only>
          {m.adminOnly}
        </p>
        {info.kind === 'anonymous' && (
          <p>
            <a className="access-page__back" href={signIn}>
              {m.signIn}
            </a>
          </p>
        )}
      </AccessFrame>
    );
  }
  return (
    <AccessFrame title={m.title} page="admin" wide>
      <AccountsSection places={registry} />
      <ScreensSection />
      <p>
        <a className="access-page__back" href={withLang('/', lang)}>
          {m.back}
        </a>
      </p>
    </AccessFrame>
  );
}
