/**
 * Hospitals by fonctionnement, worst first, each with when it entered that mode. On the wall the
 * normal and not-informed groups are counted, not listed, and a long list ends "… et N autres"
 * rather than leaving the screen; on the overview every name links to its hospital's page.
 */
import { CONFIRMATION_LIMITS_MS, unconfirmedFor, type Situation } from '@vigie/shared';
import { useMemo } from 'react';
import { FitList } from '../../ui/FitList.tsx';
import { useEffectiveNow } from '../../hooks/useEffectiveNow.ts';
import { useStoreSelector } from '../../hooks/useStoreSelector.ts';
import { format } from '../../i18n/messages.ts';
import { formatDayTime, formatDuration } from '../../time/parisTime.ts';
import { useLang, useT } from '../../i18n/useT.ts';
import { selectSync } from '../../store/selectors.ts';
import { modeGroups, type ModeGroup } from '../../items/headlineFacts.ts';
import { hospitalPath, RouteLink } from '../../router/RouteLink.tsx';
import { latestChange } from '../../items/latestChange.ts';
import { DegradedSince } from '../../items/DegradedSince.tsx';
import { Provenance } from '../../items/Provenance.tsx';
import { StatusBadge } from '../../items/StatusBadge.tsx';
import { NOT_INFORMED } from '../../items/shownStatus.ts';

type Variant = 'wall' | 'overview';
type Row = ModeGroup['hospitals'][number] & { mode: ModeGroup['mode']; unconfirmed: number | null };

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
      {wall ? (
        <>
          <FitList
            items={wallLines(rowsByGroup)}
            keyOf={(l) => l.key}
            itemClass={(l) => (l.kind === 'hospital' ? undefined : `fit-list__${l.kind}`)}
            countOf={(l) => (l.kind === 'hospital' ? 1 : 0)}
            render={(l) =>
              l.kind === 'heading'
                ? heading(l.group)
                : l.kind === 'hospital'
                  ? name(l.row, l.group.since === null)
                  : null
            }
            className="hospital-list__names"
          />
          {rowsByGroup
            .filter(([group]) => countedOnWall.has(group.mode))
            .map(([group]) => (
              <div key={group.mode} className="mode-group" data-mode={group.mode}>
                {heading(group)}
              </div>
            ))}
        </>
      ) : (
        rowsByGroup.map(([group, rows]) => (
          <div key={group.mode} id={`fonctionnement-${group.mode}`} className="mode-group" data-mode={group.mode}>
            {heading(group)}
            <ul className="mode-group__names">
              {rows.map((r) => (
                <li key={r.hospital.id}>
                  <RouteLink to={hospitalPath(r.hospital.id)}>{name(r, group.since === null)}</RouteLink>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
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

  function heading(group: ModeGroup) {
    return (
      <h3 data-group={group.mode}>
        <StatusBadge kind="operating-mode" status={group.mode} suffix={`(${group.hospitals.length})`} />
        {group.since && <DegradedSince since={group.since} now={now} />}
      </h3>
    );
  }

  function name(row: Row, withSince: boolean) {
    return (
      <span
        data-hospital={row.hospital.id}
        data-mode={row.mode}
        data-unconfirmed={row.unconfirmed !== null || undefined}
      >
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

type WallLine =
  | { kind: 'break' | 'heading'; key: string; group: ModeGroup }
  | { kind: 'hospital'; key: string; group: ModeGroup; row: Row };

/**
 * The wall's one flowing list: each group named on the wall, worst first, its heading on a new line
 * and its names after it; what does not fit is the least severe, and "… et N autres" counts it.
 */
function wallLines(rowsByGroup: readonly (readonly [ModeGroup, Row[]])[]): WallLine[] {
  return rowsByGroup
    .filter(([group]) => !countedOnWall.has(group.mode))
    .flatMap(([group, rows], i) => [
      ...(i > 0 ? [{ kind: 'break' as const, key: `break-${group.mode}`, group }] : []),
      { kind: 'heading' as const, key: `heading-${group.mode}`, group },
      ...rows.map((row) => ({ kind: 'hospital' as const, key: row.hospital.id, group, row })),
    ]);
}

function withUnconfirmed(group: ModeGroup, state: Situation, now: number): Row[] {
  return group.hospitals.map((h) => {
    const tracked = state.items['operating-mode'][h.hospital.id];
    const unconfirmed = tracked ? unconfirmedFor('operating-mode', tracked, state.incident, now) : null;
    return { ...h, mode: group.mode, unconfirmed };
  });
}
