/** DÉMONSTRATION across the screen whenever the demo plays, with the simulated time it runs on. */
import { useEffectiveNow } from '../hooks/useEffectiveNow.ts';
import { useStoreSelector } from '../hooks/useStoreSelector.ts';
import { formatDayTime } from '../time/parisTime.ts';
import { useLang, useT } from '../i18n/useT.ts';
import { selectClock, selectDemo } from '../store/selectors.ts';

export function DemoBanner() {
  const t = useT();
  const lang = useLang();
  const demo = useStoreSelector(selectDemo);
  const clock = useStoreSelector(selectClock);
  // The same clock as every time and flag on the screen: the scenario's, set by the server's.
  const now = useEffectiveNow();
  if (!demo) return null;
  return (
    <div className="demo-banner" role="note">
      <strong>{t.demo}</strong>
      {clock && (
        <span className="demo-banner__clock">
          {t.simulatedTime} : {formatDayTime(new Date(now), lang)}
        </span>
      )}
    </div>
  );
}
