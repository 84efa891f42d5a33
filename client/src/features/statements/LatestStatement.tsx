/**
 * The latest published point de situation, in the few lines a wall has room for, flagged when its
 * "prochain point" is overdue or a later estimate contradicts what it announced.
 */
import { latestPublished, overdueNextPoint, pointBehindEta } from '@vigie/shared';
import { Panel } from '../../ui/Panel.tsx';
import { useEffectiveNow } from '../../hooks/useEffectiveNow.ts';
import { useSituation } from '../../hooks/useSituation.ts';
import { format } from '../../i18n/messages.ts';
import { formatDayTime, formatDuration } from '../../time/parisTime.ts';
import { useLang, useT } from '../../i18n/useT.ts';
import { Flag } from '../../items/Flag.tsx';
import { Provenance } from '../../items/Provenance.tsx';

export function LatestStatement() {
  const t = useT();
  const lang = useLang();
  const view = useSituation();
  const now = useEffectiveNow(30_000);
  if (!view) return null;
  const latest = latestPublished(view.state.statements);
  const late = overdueNextPoint(latest, now);
  const behind = pointBehindEta(latest, view.state.eta);
  return (
    <Panel
      id="latest-statement"
      title={t.latestStatement}
      footer={
        latest?.publishedBy && latest.publishedAt && <Provenance by={latest.publishedBy} at={latest.publishedAt} />
      }
    >
      {!latest || latest.publishedAt === null ? (
        <p>{t.publicNone}</p>
      ) : (
        <>
          <p data-fact="statement" className="clamp-3">
            <strong>
              {format(t.publicPoint, { number: String(latest.number), time: formatDayTime(latest.publishedAt, lang) })}
            </strong>
            {' — '}
            {latest.fields.expectedReturn}
          </p>
          {behind && (
            <Flag id="point-behind-eta">
              <span className="clamp-2">{format(t.pointBehindEta, behind)}</span>
            </Flag>
          )}
          {latest.fields.nextPointAt &&
            (late ? (
              <Flag id="next-point-late">
                {format(t.nextPoint, { time: formatDayTime(latest.fields.nextPointAt, lang) })} —{' '}
                {format(t.nextPointLate, { late: formatDuration(late.lateMs) })}
              </Flag>
            ) : (
              <p data-fact="next-point">
                {format(t.nextPoint, { time: formatDayTime(latest.fields.nextPointAt, lang) })}
              </p>
            ))}
        </>
      )}
    </Panel>
  );
}
