/**
 * The points de situation published, numbered, newest first, each with its structured fields and
 * "prochain point à HH:MM". Printable on A4. The wall variant shows the latest one only, large.
 */
import { statementLines, type Statement } from '@vigie/shared';
import { useId, useMemo } from 'react';
import { useNow } from '../../hooks/useNow.ts';
import { useStoreSelector } from '../../hooks/useStoreSelector.ts';
import { format } from '../../i18n/messages.ts';
import { formatDayTime, formatFullDate, formatTimeOfDay } from '../../time/parisTime.ts';
import { useLang } from '../../i18n/useT.ts';
import type { Lang } from '../../store/vigieStore.ts';
import { selectSync } from '../../store/selectors.ts';
import { useEffectiveNow } from '../../hooks/useEffectiveNow.ts';
import { printSection } from '../../ui/printSection.ts';
import { messages } from '../../items/statementMessages.ts';
import './StatementList.css';

type Published = Statement & { number: number; publishedAt: string };
const isPublished = (s: Statement): s is Published =>
  s.status === 'published' && s.number !== null && s.publishedAt !== null;

export function StatementList({ variant }: { variant: 'overview' | 'wall' }) {
  const lang = useLang();
  const m = messages[lang];
  const sync = useStoreSelector(selectSync);
  const now = useEffectiveNow(60_000);
  const printedAt = useNow(60_000);
  const titleId = useId();
  const wall = variant === 'wall';

  const statements = sync.kind === 'situation' ? sync.state.statements : null;
  const published = useMemo(
    () =>
      statements
        ? Object.values(statements)
            .filter(isPublished)
            .sort((a, b) => b.number - a.number)
        : [],
    [statements],
  );
  const shown = wall ? published.slice(0, 1) : published;

  return (
    <section className={`statements statements--${variant}`} aria-labelledby={titleId}>
      {sync.kind === 'situation' && (
        <p className="statements__print-header">
          {format(m.printedAt, {
            incident: sync.state.incident?.title ?? m.noIncident,
            time: formatFullDate(new Date(printedAt), lang),
          })}
        </p>
      )}
      <div className="statements__head">
        <h2 id={titleId}>{wall ? m.titleLatest : m.title}</h2>
        {!wall && published.length > 0 && (
          <button type="button" className="statements__print" onClick={() => printSection('statements')}>
            {m.print}
            <span className="visually-hidden"> {m.printHint}</span>
          </button>
        )}
      </div>
      {sync.kind !== 'situation' ? (
        <p>{m.waiting}</p>
      ) : shown.length === 0 ? (
        <p className="statements__none">{m.none}</p>
      ) : (
        <ol className="statements__list">
          {shown.map((statement) => (
            <StatementView key={statement.id} statement={statement} lang={lang} now={now} />
          ))}
        </ol>
      )}
    </section>
  );
}

function StatementView({ statement, lang, now }: { statement: Published; lang: Lang; now: number }) {
  const m = messages[lang];
  const { fields } = statement;
  const headingId = useId();
  return (
    <li className="statement" data-number={statement.number}>
      <article aria-labelledby={headingId}>
        <header className="statement__header">
          <h3 id={headingId}>{format(m.number, { number: String(statement.number) })}</h3>
          <p className="statement__published">
            <time dateTime={statement.publishedAt}>
              {format(m.published, {
                time: formatDayTime(statement.publishedAt, lang),
                who: statement.publishedBy?.name ?? statement.updatedBy.name,
              })}
            </time>
          </p>
        </header>
        <dl className="statement__fields">
          {statementLines
            .filter((key) => fields[key].trim() !== '')
            .map((key) => (
              <div key={key} className={`statement__field statement__field--${key}`}>
                <dt>{m.fields[key]}</dt>
                <dd>{fields[key]}</dd>
              </div>
            ))}
        </dl>
        {fields.body.trim() !== '' && (
          <div className="statement__body">
            <h4 className="visually-hidden">{m.fields.body}</h4>
            <p>{fields.body}</p>
          </div>
        )}
        {fields.nextPointAt && (
          <p className="statement__next">
            <strong>{format(m.nextPoint, { time: formatTimeOfDay(fields.nextPointAt, lang, now) })}</strong>
          </p>
        )}
      </article>
    </li>
  );
}
