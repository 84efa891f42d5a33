/** The latest published point de situation, in the few lines a wall has room for. */
import { Panel } from '../../app/Panel.tsx';
import { useSituation } from '../../app/useSituation.ts';
import { format } from '../../i18n/messages.ts';
import { formatDayTime } from '../../i18n/time.ts';
import { useLang, useT } from '../../i18n/useT.ts';
import { Provenance } from '../status/Provenance.tsx';

export function LatestStatement() {
  const t = useT();
  const lang = useLang();
  const view = useSituation();
  if (!view) return null;
  const latest = Object.values(view.state.statements)
    .filter((s) => s.status === 'published')
    .sort((a, b) => (b.number ?? 0) - (a.number ?? 0))[0];
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
          <p data-fact="statement">
            <strong>
              {format(t.publicPoint, { number: String(latest.number), time: formatDayTime(latest.publishedAt, lang) })}
            </strong>
            {' — '}
            {latest.fields.expectedReturn}
          </p>
          {latest.fields.nextPointAt && (
            <p>{format(t.nextPoint, { time: formatDayTime(latest.fields.nextPointAt, lang) })}</p>
          )}
        </>
      )}
    </Panel>
  );
}
