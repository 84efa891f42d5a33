/** Hospitals grouped by fonctionnement, each with how long it has been in degraded mode. */
import { operatingModes } from '@vigie/shared';
import { useMemo } from 'react';
import { useNow } from '../../app/useNow.ts';
import { useStoreSelector } from '../../app/useStoreSelector.ts';
import { format } from '../../i18n/messages.ts';
import { formatDayTime } from '../../i18n/time.ts';
import { useLang, useT } from '../../i18n/useT.ts';
import { groupHospitalsByMode, selectSync } from '../../store/selectors.ts';
import { styleOf } from '../status/statusStyle.ts';

export function HospitalList() {
  const t = useT();
  const lang = useLang();
  const sync = useStoreSelector(selectSync);
  const groups = useMemo(() => groupHospitalsByMode(sync), [sync]);
  useNow(60_000);
  if (sync.kind !== 'situation') return <p>{t.waiting}</p>;
  return (
    <section aria-labelledby="hospitals-title">
      <h2 id="hospitals-title">{t.hospitals}</h2>
      {groups.map(({ mode, hospitals }) => (
        <div key={mode} className={`mode-group mode--${mode}`} data-mode={mode}>
          <h3>
            <span aria-hidden="true">{styleOf('operating-mode', mode)[1]}</span> {operatingModes.label(mode, lang)} (
            {hospitals.length})
          </h3>
          <ul>
            {hospitals.map(({ hospital, leftNormalAt }) => (
              <li key={hospital.id} data-hospital={hospital.id}>
                {hospital.shortName}
                {leftNormalAt && (
                  <span className="since"> – {format(t.since, { time: formatDayTime(leftNormalAt, lang) })}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
