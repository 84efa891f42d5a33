/** Recovery: the computed progress (formula in the legend), the four stages in order, elapsed time and the power cut's length. */
import { ms, recoveryProgress, recoveryStages } from '@vigie/shared';
import { useMemo } from 'react';
import { Panel } from '../../ui/Panel.tsx';
import { useEffectiveNow } from '../../hooks/useEffectiveNow.ts';
import { useSituation } from '../../hooks/useSituation.ts';
import { format } from '../../i18n/messages.ts';
import { formatDuration } from '../../time/parisTime.ts';
import { useLang, useT } from '../../i18n/useT.ts';
import { latestChange } from '../../items/latestChange.ts';
import { Provenance } from '../../items/Provenance.tsx';
import { StatusBadge } from '../../items/StatusBadge.tsx';

export function RecoveryPanel() {
  const t = useT();
  const lang = useLang();
  const view = useSituation();
  const now = useEffectiveNow(30_000);
  const progress = useMemo(() => (view ? recoveryProgress(view.state, view.registry) : null), [view]);
  if (!view || !progress) return null;
  const { state } = view;
  const { overall } = progress;
  const percent = overall.share === null ? null : Math.round(overall.share * 100);
  const incident = state.incident;
  const changed = latestChange([...Object.values(state.items.stage), ...Object.values(state.items.system)]);
  return (
    <Panel id="recovery" title={t.recovery} footer={changed && <Provenance by={changed.by} at={changed.at} />}>
      {percent === null ? (
        <p>{t.recoveryNone}</p>
      ) : (
        <div
          className="progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-label={t.recovery}
        >
          <div className="progress__bar" style={{ width: `${percent}%` }} />
          <span className="progress__label">
            {percent} % ({overall.restored} / {overall.affected - overall.unknown})
          </span>
        </div>
      )}
      <p className="legend" data-fact="recovery-legend">
        {format(t.recoveryLegend, { unknown: String(overall.unknown) })}
      </p>
      <ol className="stages">
        {recoveryStages.ids.map((stage) => (
          <li key={stage} data-stage={stage}>
            <span className="stages__name">{recoveryStages.label(stage, lang)}</span>{' '}
            <StatusBadge kind="stage" status={state.items.stage[stage]?.value ?? 'a-venir'} />
          </li>
        ))}
      </ol>
      {incident && (
        <p className="recovery__times">
          <span data-fact="elapsed">
            {format(t.elapsed, { duration: formatDuration(now - ms(incident.startedAt)) })}
          </span>
          {' · '}
          <span data-fact="power-cut">
            {incident.powerRestoredAt
              ? format(t.powerCut, { duration: formatDuration(ms(incident.powerRestoredAt) - ms(incident.startedAt)) })
              : t.powerCutOngoing}
          </span>
        </p>
      )}
    </Panel>
  );
}
