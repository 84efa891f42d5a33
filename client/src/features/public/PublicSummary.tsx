/**
 * The public summary (route /synthese, public audience): exactly the latest published point de
 * situation, every field it holds, with how old it is and when the next one is due — flagged once
 * that time has passed, so nobody takes a stale point for the current one. One column on a phone,
 * printable on one A4 page.
 */
import { overdueNextPoint, type PublicSituation } from '@vigie/shared';
import { useEffectiveNow } from '../../app/useEffectiveNow.ts';
import { useStoreSelector } from '../../app/useStoreSelector.ts';
import { format } from '../../i18n/messages.ts';
import { formatDayTime, formatDuration } from '../../i18n/time.ts';
import { useLang, useT } from '../../i18n/useT.ts';
import type { Lang } from '../../store/vigieStore.ts';
import { selectSync } from '../../store/selectors.ts';
import { ConnectionStatus } from '../status/ConnectionStatus.tsx';
import { DemoBanner } from '../status/DemoBanner.tsx';
import { StaleBanner } from '../status/StaleBanner.tsx';
import { messages as statementMessages } from '../statements/messages.ts';
import { statementLines } from '../statements/statementLines.ts';
import { messages } from './messages.ts';
import './publicSummary.css';

type PublishedPoint = NonNullable<PublicSituation['statement']>;

// The précisions read last, after the structured lines.
const fieldOrder = [...statementLines, 'body'] as const;
const lineId = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function PublicSummary() {
  const t = useT();
  const lang = useLang();
  const sync = useStoreSelector(selectSync);
  const statement = sync.kind === 'public' ? sync.state.statement : null;
  return (
    <div className="public-summary">
      <DemoBanner />
      <StaleBanner />
      <main>
        <h1>{t.publicTitle}</h1>
        {sync.kind === 'empty' ? (
          <p>{t.waiting}</p>
        ) : !statement ? (
          <p>{t.publicNone}</p>
        ) : (
          <PublishedPointView point={statement} lang={lang} />
        )}
        <footer className="public-summary__footer">
          <ConnectionStatus />
        </footer>
      </main>
    </div>
  );
}

function PublishedPointView({ point, lang }: { point: PublishedPoint; lang: Lang }) {
  const m = messages[lang];
  const labels = statementMessages[lang].fields;
  // On the incident's clock, like publishedAt and nextPointAt (the scenario's time in the demo).
  const now = useEffectiveNow(30_000);
  const late = overdueNextPoint(point, now);
  const { fields } = point;
  return (
    <>
      <p className="public-summary__meta" data-line="published">
        {format(m.published, {
          number: String(point.number),
          time: formatDayTime(point.publishedAt, lang),
          age: formatDuration(now - Date.parse(point.publishedAt)),
        })}
      </p>
      {fields.nextPointAt && (
        <p
          className={`public-summary__next${late ? ' public-summary__next--late' : ''}`}
          data-line="next-point"
          data-overdue={late ? 'true' : 'false'}
        >
          <span>{format(m.nextPoint, { time: formatDayTime(fields.nextPointAt, lang) })}</span>
          {late && (
            <>
              {' — '}
              <strong className="public-summary__late" data-flag="overdue-next-point">
                <span aria-hidden="true">⚠ </span>
                {format(m.late, { late: formatDuration(late.lateMs) })}
              </strong>
            </>
          )}
        </p>
      )}
      <dl className="public-summary__fields">
        {fieldOrder
          .filter((key) => fields[key].trim() !== '')
          .map((key) => (
            <div key={key} className="public-summary__line" data-line={lineId(key)}>
              <dt>{labels[key]}</dt>
              <dd>{fields[key]}</dd>
            </div>
          ))}
      </dl>
    </>
  );
}
