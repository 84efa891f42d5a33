/**
 * Hospitals by fonctionnement, worst first, each with when it entered that mode. On the wall the
 * normal and not-informed groups are counted, not listed, and a long list ends "… et N autres"
 * rather than leaving the screen; on the overview every name links to its hospital's page.
 */
import { CONFIRMATION_LIMITS_MS, unconfirmedFor, type Situation } from '@vigie/shared';
import { useMemo } from 'react';
import { FitList } from '../../app/FitList.tsx';
import { useEffectiveNow } from '../../app/useEffectiveNow.ts';
import { useStoreSelector } from '../../app/useStoreSelector.ts';
import { format } from '../../i18n/messages.ts';
import { formatDayTime, formatDuration } from '../../i18n/time.ts';
import { useLang, useT } from '../../i18n/useT.ts';
import { selectSync } from '../../store/selectors.ts';
import { modeGroups, type ModeGroup } from '../headline/headlineFacts.ts';
import { hospitalPath, RouteLink } from '../hospital/RouteLink.tsx';
import { latestChange } from '../status/latestChange.ts';
import { DegradedSince } from '../status/DegradedSince.tsx';
import { Provenance } from '../status/Provenance.tsx';
import { StatusBadge } from '../status/StatusBadge.tsx';
import { NOT_INFORMED } from '../status/shownStatus.ts';

type Variant = 'wall' | 'overview';
type Row = ModeGroup['hospitals'][number] & { unconfirmed: number | null };

/** Groups a wall counts without naming: nothing there needs acting on. */
const countedOnWall = new Set<string>(['normal', NOT_INFORMED]);

export function HospitalList({ variant = 'overview' }: { variant?: Variant }) {
  const t = useT();
  const lang = useLang();
  const sync = useStoreSelector(selectSync);
  const now = useEffectiveNow(30_000);
  const groups = useMemo(() => (sync.kind === 'situation' ? modeGroups(sync.state, sync.registry) : []), [sync]);
  if (sync.kind !== 'situation') return <p>{t.waiting}</p>;
  const { state } = sync;
  const changed = latestChange(Object.values(state.items['operating-mode']));
  const wall = variant === 'wall';
  const rowsByGroup = groups.map((g) => [g, withUnconfirmed(g, state, now)] as const);
  return (
    <section className={`hospital-list hospital-list--${variant}`} aria-labelledby="hospitals-title">
      <h2 id="hospitals-title" className="panel__title">
        {t.hospitals}
      </h2>
      <div className="hospital-list__groups">
        {rowsByGroup.map(([group, rows]) => {
          const listed = !wall || !countedOnWall.has(group.mode);
          return (
            <div
              key={group.mode}
              id={wall ? undefined : `fonctionnement-${group.mode}`}
              className="mode-group"
              data-mode={group.mode}
            >
              <h3>
                <StatusBadge kind="operating-mode" status={group.mode} suffix={`(${group.hospitals.length})`} />
                {group.since && <DegradedSince since={group.since} now={now} />}
              </h3>
              {listed &&
                (wall ? (
                  <FitList
                    items={rows}
                    keyOf={(r) => r.hospital.id}
                    render={(r) => name(r, group.since === null)}
                    className="mode-group__names"
                  />
                ) : (
                  <ul className="mode-group__names">
                    {rows.map((r) => (
                      <li key={r.hospital.id}>
                        <RouteLink to={hospitalPath(r.hospital.id)}>{name(r, group.since === null)}</RouteLink>
                      </li>
                    ))}
                  </ul>
                ))}
            </div>
          );
        })}
      </div>
      {rowsByGroup.some(([, rows]) => rows.some((r) => r.unconfirmed !== null)) && (
        <p className="legend" data-fact="unconfirmed-legend">
          <span aria-hidden="true">⌛ </span>
          {format(t.unconfirmedLegend, { hours: String(CONFIRMATION_LIMITS_MS['operating-mode']! / 3_600_000) })}
        </p>
      )}
      {changed && (
        <footer className="panel__footer">
          <Provenance by={changed.by} at={changed.at} />
        </footer>
      )}
    </section>
  );

  function name(row: Row, withSince: boolean) {
    return (
      <span data-hospital={row.hospital.id} data-unconfirmed={row.unconfirmed !== null || undefined}>
        {row.hospital.shortName}
        {withSince && row.since && (
          <span className="since"> {format(t.since, { time: formatDayTime(row.since, lang) })}</span>
        )}
        {row.unconfirmed !== null && (
          <span className="flag flag--unconfirmed">
            {' '}
            <span aria-hidden="true">⌛</span>
            <span className="visually-hidden">
              {format(t.unconfirmedFor, { duration: formatDuration(row.unconfirmed) })}
            </span>
          </span>
        )}
      </span>
    );
  }
}

function withUnconfirmed(group: ModeGroup, state: Situation, now: number): Row[] {
  return group.hospitals.map((h) => {
    const tracked = state.items['operating-mode'][h.hospital.id];
    return { ...h, unconfirmed: tracked ? unconfirmedFor('operating-mode', tracked, state.incident, now) : null };
  });
}
