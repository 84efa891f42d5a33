/** The four SAMU: when none is affected, say so first and plainly. */
import { allSites, isInformed, unconfirmedFor, type Tracked } from '@vigie/shared';
import { useEffectiveNow } from '../../hooks/useEffectiveNow.ts';
import { format } from '../../i18n/messages.ts';
import { formatDuration } from '../../time/parisTime.ts';
import { Panel } from '../../ui/Panel.tsx';
import { useSituation } from '../../hooks/useSituation.ts';
import { useT } from '../../i18n/useT.ts';
import { latestChange } from '../../items/latestChange.ts';
import { Provenance } from '../../items/Provenance.tsx';
import { shownStatus } from '../../items/shownStatus.ts';
import { StatusBadge } from '../../items/StatusBadge.tsx';

export function SamuPanel() {
  const t = useT();
  const view = useSituation();
  const now = useEffectiveNow(30_000);
  if (!view) return null;
  const { state, registry } = view;
  const values = registry.samu.map((s) => state.items.samu[s.id]);
  // "Non affectés" only when all four were confirmed opérationnel and stayed so through the incident.
  const unaffected =
    values.every((v) => v && isInformed(v) && v.value === 'operationnel') &&
    registry.samu.every((s) => !state.affected[s.id]);
  const changed = latestChange(values);
  const unconfirmed = (tracked: Tracked<unknown> | undefined) => {
    const age = tracked ? unconfirmedFor('samu', tracked, state.incident, now) : null;
    return age === null ? null : (
      <span className="flag flag--unconfirmed" data-unconfirmed="">
        {' '}
        <span aria-hidden="true">⌛ </span>
        {format(t.unconfirmedFor, { duration: formatDuration(age) })}
      </span>
    );
  };
  const siteName = (siteId: string) =>
    allSites(registry).find((s) => s.site.id === siteId)?.hospital.shortName ?? siteId;
  return (
    <Panel id="samu" title={t.samu} footer={changed && <Provenance by={changed.by} at={changed.at} />}>
      {unaffected && (
        <p className="samu__unaffected tone-ok" data-fact="samu-unaffected">
          <span aria-hidden="true">● </span>
          {t.samuUnaffected}
        </p>
      )}
      <ul className="samu__list">
        {registry.samu.map((s) => (
          <li key={s.id} data-samu={s.id}>
            <span className="samu__name" title={s.name}>
              {s.id.replace('samu-', 'SAMU ')}
            </span>{' '}
            <StatusBadge kind="samu" status={shownStatus('samu', state.items.samu[s.id])} />{' '}
            <span className="samu__host">({siteName(s.siteId)})</span>
            {unconfirmed(state.items.samu[s.id])}
          </li>
        ))}
      </ul>
    </Panel>
  );
}
