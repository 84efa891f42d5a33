/** The dashboard shell: demo banner, connection and data age, incident line, hospitals. */
import { causes, phases } from '@vigie/shared';
import { ConnectionStatus } from '../features/status/ConnectionStatus.tsx';
import { DemoBanner } from '../features/status/DemoBanner.tsx';
import { HospitalList } from '../features/hospitals/HospitalList.tsx';
import { useLang, useT } from '../i18n/useT.ts';
import { selectSync } from '../store/selectors.ts';
import { useStoreSelector } from './useStoreSelector.ts';
import { useContext } from 'react';
import { StoreContext } from './StoreContext.ts';

export function App() {
  const t = useT();
  const lang = useLang();
  const store = useContext(StoreContext);
  const sync = useStoreSelector(selectSync);
  const incident = sync.kind === 'situation' ? sync.state.incident : null;
  return (
    <div className="app">
      <DemoBanner />
      <header className="app__header">
        <h1>{t.appTitle}</h1>
        <ConnectionStatus />
        <button type="button" onClick={() => store.getState().setLang(lang === 'fr' ? 'en' : 'fr')}>
          {t.lang}
        </button>
      </header>
      <main>
        {sync.kind === 'situation' &&
          (incident ? (
            <p className="incident">
              <strong>{incident.title}</strong> — {phases.label(incident.phase, lang)} —{' '}
              {causes.label(incident.cause, lang)}
              {incident.causeNote ? ` – ${incident.causeNote}` : ''}
            </p>
          ) : (
            <p className="incident">{t.noIncident}</p>
          ))}
        <HospitalList />
      </main>
    </div>
  );
}
