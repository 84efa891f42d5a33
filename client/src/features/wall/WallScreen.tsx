/**
 * The wall screen (route /mur): large, calm, no controls; every panel says where its data comes from.
 * It fits the screen by construction: fixed texts are clamped to a few lines, and the two lists that
 * grow with the incident (hospitals in a degraded mode, estimate revisions) share what is left and
 * end "… et N autres" (see FitList).
 */
import { phases } from '@vigie/shared';
import { useBuildReload } from '../../hooks/useBuildReload.ts';
import { useStoreSelector } from '../../hooks/useStoreSelector.ts';
import { selectSession } from '../../store/selectors.ts';
import type { VigieState } from '../../store/vigieStore.ts';
import { useSituation } from '../../hooks/useSituation.ts';
import { useLang, useT } from '../../i18n/useT.ts';
import { EtaPanel } from '../eta/EtaPanel.tsx';
import { Headline } from '../headline/Headline.tsx';
import { HospitalList } from '../hospitals/HospitalList.tsx';
import { HospitalMap } from '../map/HospitalMap.tsx';
import { MainCourante } from '../log/MainCourante.tsx';
import { LatestStatement } from '../statements/LatestStatement.tsx';
import { WallBlank } from './WallBlank.tsx';
import { WallIdentity } from './WallIdentity.tsx';
import { RecoveryPanel } from '../recovery/RecoveryPanel.tsx';
import { SamuPanel } from '../samu/SamuPanel.tsx';
import { ConnectionStatus } from '../../ui/ConnectionStatus.tsx';
import { DemoBanner } from '../../ui/DemoBanner.tsx';
import { StaleBanner } from '../../ui/StaleBanner.tsx';
import './wall.css';

const selectBuildId = (s: VigieState) => s.connection.buildId;

export function WallScreen() {
  const t = useT();
  const lang = useLang();
  const view = useSituation();
  useBuildReload();
  const buildId = useStoreSelector(selectBuildId);
  const { ended, refused } = useStoreSelector(selectSession);
  const incident = view?.state.incident ?? null;
  if (ended || refused) return <WallBlank ended={ended} />;
  return (
    // The build the server announced and the position shown, for whoever inspects a wall (and the tests).
    <div className="wall" data-build={buildId ?? undefined} data-seq={view?.state.seq}>
      <DemoBanner />
      <StaleBanner />
      <header className="wall__header">
        <h1 className="wall__title" title={incident?.title}>
          {incident ? incident.title : t.noIncident}
          {incident && <span className="wall__phase"> — {phases.label(incident.phase, lang)}</span>}
        </h1>
        <ConnectionStatus />
        <WallIdentity />
      </header>
      {!view ? (
        <p className="wall__waiting">{t.waiting}</p>
      ) : (
        <main className="wall__grid">
          <div className="wall__col wall__col--map">
            <div className="wall__map">
              <HospitalMap registry={view.registry} state={view.state} lang={lang} variant="wall" />
            </div>
            <MainCourante variant="wall" limit={1} />
          </div>
          <div className="wall__col">
            {/* The list below states each fonctionnement: the headline's per-mode line would repeat it. */}
            <Headline variant="wall" />
            <HospitalList variant="wall" />
            <LatestStatement />
          </div>
          <div className="wall__col">
            <SamuPanel />
            <RecoveryPanel />
            <EtaPanel variant="wall" />
          </div>
        </main>
      )}
    </div>
  );
}
