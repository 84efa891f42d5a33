/**
 * The commander console (route /console/<section>): every change the signed-in person's role and
 * scope allow, each control with the current value and who set it, when and from which source.
 * Loaded on demand; reads the staff audience (drafts included).
 */
import { withLang } from '../../access/navigation.ts';
import { LangToggle } from '../../ui/LangToggle.tsx';
import { useSituation } from '../../hooks/useSituation.ts';
import { useStoreSelector } from '../../hooks/useStoreSelector.ts';
import { useLang } from '../../i18n/useT.ts';
import { selectSession } from '../../store/selectors.ts';
import { RouteLink } from '../../router/RouteLink.tsx';
import { IdentityArea } from '../../session/IdentityArea.tsx';
import { SessionGate } from '../../session/SessionGate.tsx';
import { useSignInHref } from '../../session/useSignInHref.ts';
import { ConnectionStatus } from '../../ui/ConnectionStatus.tsx';
import { DemoBanner } from '../../ui/DemoBanner.tsx';
import { StaleBanner } from '../../ui/StaleBanner.tsx';
import { AuditSection } from './audit/AuditSection.tsx';
import { BulkSection } from './bulk/BulkSection.tsx';
import { consolePath, isConsoleSection, sectionsFor, type ConsoleSection } from './consoleSections.ts';
import { GroupSection } from './group/GroupSection.tsx';
import { HospitalsSection } from './hospitals/HospitalsSection.tsx';
import { IncidentSection } from './incident/IncidentSection.tsx';
import { LogSection } from './log/LogSection.tsx';
import { messages } from './messages.ts';
import { StatementsSection } from './statements/StatementsSection.tsx';
import './console.css';

export function ConsoleScreen({ section }: { section: string | null }) {
  return (
    <SessionGate>
      <Console section={isConsoleSection(section) ? section : null} />
    </SessionGate>
  );
}

function Console({ section }: { section: ConsoleSection | null }) {
  const lang = useLang();
  const m = messages[lang];
  const { info } = useStoreSelector(selectSession);
  const view = useSituation();
  const allowed = sectionsFor(info);
  const current = section && allowed.includes(section) ? section : (allowed[0] ?? null);
  return (
    <div className="console">
      <DemoBanner />
      <StaleBanner />
      <header className="console__header">
        <h1>
          <a href={withLang('/', lang)}>Vigie</a> — {m.title}
        </h1>
        <ConnectionStatus />
        <IdentityArea />
        <LangToggle />
      </header>
      {!info ? (
        <p className="console__waiting">{m.waiting}</p>
      ) : current === null ? (
        <NotAllowed />
      ) : (
        <div className="console__body">
          <nav className="console__nav" aria-label={m.nav}>
            <ul>
              {allowed.map((s) => (
                <li key={s}>
                  <RouteLink to={consolePath(s)} aria-current={s === current ? 'page' : undefined}>
                    {m.sections[s]}
                  </RouteLink>
                </li>
              ))}
            </ul>
          </nav>
          <main className="console__main" aria-labelledby="console-section-title">
            <h2 id="console-section-title" className="console__section-title">
              {m.sections[current]}
            </h2>
            {!view ? <p>{m.waiting}</p> : <SectionBody section={current} />}
          </main>
        </div>
      )}
    </div>
  );
}

function SectionBody({ section }: { section: ConsoleSection }) {
  switch (section) {
    case 'hopitaux':
      return <HospitalsSection />;
    case 'groupe':
      return <BulkSection />;
    case 'samu':
      return <GroupSection />;
    case 'incident':
      return <IncidentSection />;
    case 'main-courante':
      return <LogSection />;
    case 'points':
      return <StatementsSection />;
    case 'audit':
      return <AuditSection />;
  }
}

function NotAllowed() {
  const lang = useLang();
  const m = messages[lang];
  const signIn = useSignInHref();
  return (
    <main className="console__not-allowed">
      <p role="alert">{m.notAllowed}</p>
      <p>{m.notAllowedHint}</p>
      <p>
        <a href={signIn}>{m.signIn}</a> · <a href={withLang('/', lang)}>{m.toOverview}</a>
      </p>
    </main>
  );
}
