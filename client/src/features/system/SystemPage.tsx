/**
 * One information system across every hospital (route /systeme/<id>): its hosting, recovery stage
 * and restoration order, how many affected hospitals have it back, and each hospital's status with provenance.
 */
import {
  hostings,
  isSystemUp,
  own,
  pairKey,
  recoveryStages,
  systemStatuses,
  type InformationSystem,
  type Registry,
  type Situation,
  type SystemStatus,
} from '@vigie/shared';
import { useMemo } from 'react';
import { useStoreSelector } from '../../hooks/useStoreSelector.ts';
import { format } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/useT.ts';
import type { Lang } from '../../store/vigieStore.ts';
import { selectSync } from '../../store/selectors.ts';
import { BackLink, useArrivalFocus } from '../../ui/DrillDown.tsx';
import { ItemProvenance } from '../../items/ItemProvenance.tsx';
import { hospitalPath, RouteLink } from '../../router/RouteLink.tsx';
import { NOT_INFORMED, shownStatus, type NotInformed } from '../../items/shownStatus.ts';
import { StatusBadge } from '../../items/StatusBadge.tsx';
import { messages } from './messages.ts';
import './SystemPage.css';

export function SystemPage({ systemId }: { systemId: string }) {
  const lang = useLang();
  const m = messages[lang];
  const sync = useStoreSelector(selectSync);
  const headingRef = useArrivalFocus(systemId, sync.kind === 'situation');

  const system = sync.kind === 'situation' ? sync.registry.systems.find((s) => s.id === systemId) : undefined;
  return (
    <article className="system-page drill-down" aria-labelledby="system-page-title" data-system={systemId}>
      <BackLink label={m.back} />
      {sync.kind !== 'situation' ? (
        <p>{m.waiting}</p>
      ) : !system ? (
        <h2 id="system-page-title" ref={headingRef} tabIndex={-1} className="system-page__unknown">
          {format(m.unknownSystem, { id: systemId })}
        </h2>
      ) : (
        <>
          <h2 id="system-page-title" ref={headingRef} tabIndex={-1}>
            {system.name[lang]}
            {system.shortName[lang] !== system.name[lang] && (
              <span className="system-page__short"> ({system.shortName[lang]})</span>
            )}
          </h2>
          <SystemDetail system={system} state={sync.state} registry={sync.registry} lang={lang} />
        </>
      )}
    </article>
  );
}

function SystemDetail({
  system,
  state,
  registry,
  lang,
}: {
  system: InformationSystem;
  state: Situation;
  registry: Registry;
  lang: Lang;
}) {
  const m = messages[lang];
  const rows = useMemo(
    () =>
      registry.hospitals.map((hospital) => {
        const key = pairKey(hospital.id, system.id);
        const tracked = own(state.items.system, key);
        return {
          hospital,
          ghu: registry.ghus.find((g) => g.id === hospital.ghuId) ?? null,
          tracked,
          status: shownStatus('system', tracked) as SystemStatus | NotInformed,
          affected: own(state.affected, key) === true,
        };
      }),
    [registry, system.id, state.items.system, state.affected],
  );
  // Counted as recoveryProgress does: over the pairs ever affected, inconnu set apart.
  const affected = rows.filter((r) => r.affected);
  const unknown = affected.filter((r) => r.status === 'inconnu').length;
  const restored = affected.filter((r) => r.status !== NOT_INFORMED && isSystemUp(r.status)).length;
  const stageState = own(state.items.stage, system.stage);
  const maxOrder = Math.max(...registry.systems.map((s) => s.restorationOrder));
  const byStatus = [...systemStatuses.ids, NOT_INFORMED]
    .map((status) => ({ status, count: rows.filter((r) => r.status === status).length }))
    .filter((s) => s.count > 0);

  return (
    <>
      <dl className="system-page__facts">
        <dt>{m.hosting}</dt>
        <dd>{hostings.label(system.hosting, lang)}</dd>
        <dt>{m.stage}</dt>
        <dd>
          {recoveryStages.label(system.stage, lang)}
          {stageState && (
            <>
              {' – '}
              <StatusBadge kind="stage" status={stageState.value} />{' '}
              <span className="system-page__provenance">
                <ItemProvenance tracked={stageState} />
              </span>
            </>
          )}
        </dd>
        <dt>{m.restorationOrder}</dt>
        <dd>{format(m.restorationOrderValue, { order: String(system.restorationOrder), max: String(maxOrder) })}</dd>
        <dt>{m.progress}</dt>
        <dd data-testid="system-progress">
          {affected.length === 0
            ? m.noneAffected
            : format(m.restoredOfAffected, { restored: String(restored), affected: String(affected.length) })}
          {unknown > 0 && <> · {format(m.unknownCount, { unknown: String(unknown) })}</>}
        </dd>
      </dl>

      <section aria-labelledby="system-by-status">
        <h3 id="system-by-status">{m.byStatus}</h3>
        <ul className="system-page__counts">
          {byStatus.map(({ status, count }) => (
            <li key={status} data-status={status}>
              <StatusBadge kind="system" status={status} /> : <strong>{count}</strong>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="system-by-hospital">
        <h3 id="system-by-hospital">{m.hospitals}</h3>
        {/* On a phone the table scrolls inside its frame, the page never sideways. */}
        <div className="system-page__frame" tabIndex={0} role="region" aria-labelledby="system-by-hospital">
          <table className="system-page__table">
            <thead>
              <tr>
                <th scope="col">{m.hospital}</th>
                <th scope="col">{m.ghu}</th>
                <th scope="col">{m.status}</th>
                <th scope="col">{m.updated}</th>
                <th scope="col">{m.affected}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.hospital.id} data-hospital={row.hospital.id}>
                  <th scope="row">
                    <RouteLink to={hospitalPath(row.hospital.id)}>{row.hospital.shortName}</RouteLink>
                  </th>
                  <td className="system-page__ghu">{row.ghu ? row.ghu.label : m.noGhu}</td>
                  <td>
                    <StatusBadge kind="system" status={row.status} />
                  </td>
                  <td className="system-page__provenance">
                    {row.tracked && <ItemProvenance tracked={row.tracked} kind="system" />}
                  </td>
                  <td>{row.affected ? m.yes : m.no}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
