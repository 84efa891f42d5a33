/** Hospitals grouped by fonctionnement, in words, with how long the group has been in degraded mode. */
import { operatingModes } from '@vigie/shared';
import { useMemo } from 'react';
import { useEffectiveNow } from '../../app/useEffectiveNow.ts';
import { useStoreSelector } from '../../app/useStoreSelector.ts';
import { useLang, useT } from '../../i18n/useT.ts';
import { selectSync } from '../../store/selectors.ts';
import { headlineFacts } from '../headline/headlineFacts.ts';
import { latestChange } from '../status/latestChange.ts';
import { DegradedSince } from '../status/DegradedSince.tsx';
import { Provenance } from '../status/Provenance.tsx';
import { styleOf } from '../status/statusStyle.ts';

export function HospitalList() {
  const t = useT();
  const lang = useLang();
  const sync = useStoreSelector(selectSync);
  const groups = useMemo(
    () =>
      sync.kind === 'situation'
        ? headlineFacts(sync.state, sync.registry).modes.filter((g) => g.hospitals.length > 0)
        : [],
    [sync],
  );
  const now = useEffectiveNow(30_000);
  if (sync.kind !== 'situation') return <p>{t.waiting}</p>;
  const changed = latestChange(Object.values(sync.state.items['operating-mode']));
  return (
    <section className="hospital-list" aria-labelledby="hospitals-title">
      <h2 id="hospitals-title" className="panel__title">
        {t.hospitals}
      </h2>
      {groups.map(({ mode, hospitals, since }) => {
        const [tone, icon] = styleOf('operating-mode', mode);
        return (
          <div key={mode} className="mode-group" data-mode={mode}>
            <h3 className={`tone-${tone}`}>
              <span aria-hidden="true">{icon}</span> {operatingModes.label(mode, lang)} ({hospitals.length})
              {since && <DegradedSince since={since} now={now} />}
            </h3>
            <ul>
              {hospitals.map(({ hospital }) => (
                <li key={hospital.id} data-hospital={hospital.id}>
                  {hospital.shortName}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      {changed && (
        <footer className="panel__footer">
          <Provenance by={changed.by} at={changed.at} />
        </footer>
      )}
    </section>
  );
}
