/**
 * The direction overview (route /): everything the wall shows in a denser layout, the charts, the
 * impact matrix, the main courante and the points de situation; and the drill-downs per hospital
 * and per system. Loaded on demand: the wall never downloads it.
 */
import type { DashboardRoute } from '../../router/router.ts';
import { useSituation } from '../../hooks/useSituation.ts';
import { RecoveryChart } from '../../charts/RecoveryChart.tsx';
import { ModesChart } from '../../charts/ModesChart.tsx';
import { useLang, useT } from '../../i18n/useT.ts';
import { LangToggle } from '../../ui/LangToggle.tsx';
import { EtaPanel } from '../eta/EtaPanel.tsx';
import { Headline } from '../headline/Headline.tsx';
import { HospitalPage } from '../hospital/HospitalPage.tsx';
import { HospitalList } from '../hospitals/HospitalList.tsx';
import { HospitalMap } from '../map/HospitalMap.tsx';
import { MainCourante } from '../log/MainCourante.tsx';
import { ImpactMatrix } from '../matrix/ImpactMatrix.tsx';
import { RecoveryPanel } from '../recovery/RecoveryPanel.tsx';
import { SamuPanel } from '../samu/SamuPanel.tsx';
import { SearchBox } from '../search/SearchBox.tsx';
import { IdentityArea } from '../../session/IdentityArea.tsx';
import { SessionGate } from '../../session/SessionGate.tsx';
import { StatementList } from '../statements/StatementList.tsx';
import { ConnectionStatus } from '../../ui/ConnectionStatus.tsx';
import { DemoBanner } from '../../ui/DemoBanner.tsx';
import { StaleBanner } from '../../ui/StaleBanner.tsx';
import { SystemPage } from '../system/SystemPage.tsx';
import { LatestStatement } from '../statements/LatestStatement.tsx';
import './overview.css';

export function OverviewScreen({ route }: { route: DashboardRoute }) {
  return (
    <SessionGate>
      <Dashboard route={route} />
    </SessionGate>
  );
}

function Dashboard({ route }: { route: DashboardRoute }) {
  const t = useT();
  const lang = useLang();
  const view = useSituation();
  return (
    <div className="overview" data-route={route.screen}>
      <DemoBanner />
      <StaleBanner />
      <header className="overview__header">
        <h1>
          <a href="/" className="overview__home">
            Vigie
          </a>{' '}
          — {view?.state.incident?.title ?? t.noIncident}
        </h1>
        <SearchBox />
        <ConnectionStatus />
        <IdentityArea />
        <LangToggle />
      </header>
      {!view ? (
        <p>{t.waiting}</p>
      ) : route.screen === 'hospital' ? (
        <main className="overview__page">
          <HospitalPage hospitalId={route.hospitalId} />
        </main>
      ) : route.screen === 'system' ? (
        <main className="overview__page">
          <SystemPage systemId={route.systemId} />
        </main>
      ) : (
        <main className="overview__grid">
          <div className="overview__summary">
            <Headline />
            <SamuPanel />
            <RecoveryPanel />
            <EtaPanel />
            <LatestStatement />
          </div>
          <div className="overview__charts">
            <RecoveryChart variant="overview" />
            <ModesChart variant="overview" />
          </div>
          <div className="overview__map">
            <HospitalMap registry={view.registry} state={view.state} lang={lang} variant="overview" />
            <HospitalList />
          </div>
          <ImpactMatrix />
          <div className="overview__columns">
            <MainCourante variant="overview" />
            <StatementList variant="overview" />
          </div>
        </main>
      )}
    </div>
  );
}
