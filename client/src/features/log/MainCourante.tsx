/**
 * The main courante: the entries people write (information à vérifier/vérifiée, décision, action with
 * owner and deadline, communication), newest first, filterable by type, older ones paged on request;
 * the automatic journal lines kept apart below. Printable on A4. The wall variant shows only the
 * latest entries, large, no controls.
 */
import { messages as accessMessages } from '../../access/messages.ts';
import {
  effectiveTime,
  logEntryTypes,
  verifications,
  type JournalLine,
  type LogEntry,
  type LogEntryType,
  type Registry,
  type ScenarioClock,
} from '@vigie/shared';
import { memo, useId, useMemo, useState } from 'react';
import { useNow } from '../../hooks/useNow.ts';
import { useStoreSelector } from '../../hooks/useStoreSelector.ts';
import { format } from '../../i18n/messages.ts';
import { formatDayTime, formatFullDate, formatTimeOfDay } from '../../time/parisTime.ts';
import { useLang } from '../../i18n/useT.ts';
import type { Lang } from '../../store/vigieStore.ts';
import { selectSync } from '../../store/selectors.ts';
import { itemName, parseItemValue, statusOf, valueWords } from '../../items/itemWords.ts';
import { useEffectiveNow } from '../../hooks/useEffectiveNow.ts';
import { styleOf } from '../../items/statusStyle.ts';
import { messages } from './messages.ts';
import { printSection } from '../../ui/printSection.ts';
import { useMainCourante } from '../../hooks/useMainCourante.ts';
import './MainCourante.css';
import { actorLabel } from '../../items/actorLabel.ts';
import { enteredAt } from '../../items/enteredAt.ts';

/** Entries the wall shows when no limit is given. */
const WALL_ENTRIES = 5;
type TypeFilter = LogEntryType | 'all';

export function MainCourante({ variant, limit }: { variant: 'overview' | 'wall'; limit?: number }) {
  const lang = useLang();
  const m = messages[lang];
  const sync = useStoreSelector(selectSync);
  const [filter, setFilter] = useState<TypeFilter>('all');
  const now = useEffectiveNow(60_000);
  const printedAt = useNow(60_000);
  const filterName = useId();
  const titleId = useId();
  const wall = variant === 'wall';

  const situation = sync.kind === 'situation' ? sync : null;
  const log = situation?.state.log;
  // A copy saved offline by an earlier version has no count: its entries are all it knows of.
  const logCount = situation
    ? ((situation.state.logCount as number | undefined) ?? situation.state.log.length)
    : undefined;
  const logId = situation?.logId;
  const copy = useMemo(
    () => (logId !== undefined && log && logCount !== undefined ? { logId, log, logCount } : null),
    [logId, log, logCount],
  );
  // The wall shows the copy's latest entries and never pages.
  const courante = useMainCourante(wall ? null : copy);
  const latest = useMemo(() => (log ? [...log].sort((a, b) => b.seq - a.seq) : []), [log]);
  const entries = wall ? latest : courante.entries;
  const counts = useMemo(() => {
    const byType = new Map<LogEntryType, number>();
    for (const e of entries) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
    return byType;
  }, [entries]);

  if (sync.kind !== 'situation') {
    return (
      <section className={`main-courante main-courante--${variant}`} aria-labelledby={titleId}>
        <h2 id={titleId}>{m.title}</h2>
        <p>{m.waiting}</p>
      </section>
    );
  }

  const max = limit ?? (wall ? WALL_ENTRIES : undefined);
  const shown = (wall || filter === 'all' ? entries : entries.filter((e) => e.type === filter)).slice(0, max);
  const count = (type: TypeFilter) => (type === 'all' ? entries.length : (counts.get(type) ?? 0));

  return (
    <section className={`main-courante main-courante--${variant}`} aria-labelledby={titleId}>
      <p className="main-courante__print-header">
        {format(m.printedAt, {
          incident: sync.state.incident?.title ?? m.noIncident,
          time: formatFullDate(new Date(printedAt), lang),
        })}
      </p>
      <div className="main-courante__head">
        <h2 id={titleId}>{m.title}</h2>
        {!wall && (
          <button type="button" className="main-courante__print" onClick={() => printSection('main-courante')}>
            {m.print}
            <span className="visually-hidden"> {m.printHint}</span>
          </button>
        )}
      </div>
      {!wall && (
        <fieldset className="main-courante__filter">
          <legend>{m.filter}</legend>
          {(['all', ...logEntryTypes.ids] as const).map((type) => (
            <label key={type} className={filter === type ? 'is-checked' : undefined}>
              <input
                type="radio"
                name={filterName}
                value={type}
                checked={filter === type}
                onChange={() => setFilter(type)}
              />
              {type === 'all' ? m.all : logEntryTypes.label(type, lang)} ({count(type)})
            </label>
          ))}
        </fieldset>
      )}
      {shown.length === 0 ? (
        <p className="main-courante__empty">{entries.length === 0 ? m.empty : m.emptyType}</p>
      ) : (
        <ol className="main-courante__entries">
          {shown.map((entry) => (
            <LogEntryView key={entry.seq} entry={entry} lang={lang} now={now} clock={sync.state.clock} />
          ))}
        </ol>
      )}
      {!wall && (
        <>
          <div className="main-courante__more">
            <p className="main-courante__bound">
              {format(m.shown, { shown: String(entries.length), total: String(courante.total) })}
            </p>
            {courante.hasOlder && (
              <button
                type="button"
                className="main-courante__older"
                onClick={courante.loadOlder}
                disabled={courante.loading}
              >
                {courante.loading ? m.loading : m.older}
              </button>
            )}
            {courante.error && (
              <p className="main-courante__error" role="alert">
                {format(m.olderError, {
                  reason: accessMessages[lang].errors[courante.error],
                })}
              </p>
            )}
          </div>
          <Journal lines={sync.state.journal} registry={sync.registry} lang={lang} />
        </>
      )}
    </section>
  );
}

// Memoised: the overview may hold 2,000 entries, and a patch changes none of those already shown.
const LogEntryView = memo(function LogEntryView({
  entry,
  lang,
  now,
  clock,
}: {
  entry: LogEntry;
  lang: Lang;
  now: number;
  clock: ScenarioClock | null;
}) {
  const m = messages[lang];
  const at = effectiveTime(entry);
  const entered = enteredAt(entry, clock);
  return (
    <li className={`log-entry log-entry--${entry.type}`} data-type={entry.type} data-seq={entry.seq}>
      <div className="log-entry__meta">
        <time className="log-entry__time" dateTime={at}>
          {formatDayTime(at, lang)}
        </time>{' '}
        <span className="log-entry__type">{logEntryTypes.label(entry.type, lang)}</span>
        {entry.type === 'information' && entry.verification && (
          <>
            {' '}
            <span className={`log-entry__verification log-entry__verification--${entry.verification}`}>
              <span aria-hidden="true">{entry.verification === 'verifiee' ? '✔ ' : '? '}</span>
              {verifications.label(entry.verification, lang)}
            </span>
          </>
        )}{' '}
        <span className="log-entry__by">{actorLabel(entry.by, lang)}</span>
        {entered && (
          <span className="log-entry__recorded"> · {format(m.recorded, { time: formatDayTime(entered, lang) })}</span>
        )}
      </div>
      <p className="log-entry__text">{entry.text}</p>
      {entry.type === 'action' && (entry.owner ?? entry.dueAt) && (
        <p className="log-entry__action">
          {entry.owner && <span className="log-entry__owner">{format(m.owner, { owner: entry.owner })}</span>}
          {entry.owner && entry.dueAt && ' · '}
          {entry.dueAt && (
            <span className="log-entry__due">{format(m.due, { time: formatTimeOfDay(entry.dueAt, lang, now) })}</span>
          )}
        </p>
      )}
    </li>
  );
});

/** The automatic journal: state changes in words, newest first, apart from the human entries. */
function Journal({ lines, registry, lang }: { lines: JournalLine[]; registry: Registry; lang: Lang }) {
  const m = messages[lang];
  const newest = useMemo(() => [...lines].sort((a, b) => b.seq - a.seq), [lines]);
  const titleId = useId();
  return (
    <section className="journal" aria-labelledby={titleId}>
      <h3 id={titleId}>{m.journal}</h3>
      <p className="journal__hint">{m.journalHint}</p>
      {newest.length === 0 ? (
        <p>{m.journalEmpty}</p>
      ) : (
        <ol className="journal__lines">
          {newest.map((line) => {
            const value = parseItemValue(line.item.kind, line.value);
            const at = effectiveTime(line);
            return (
              <li key={line.seq} className={`journal-line journal-line--${line.outcome}`} data-outcome={line.outcome}>
                <time className="journal-line__time" dateTime={at}>
                  {formatDayTime(at, lang)}
                </time>{' '}
                <span className="journal-line__item">{itemName(line.item, registry, lang)}</span> :{' '}
                <span className="journal-line__value">
                  {value ? (
                    <>
                      <span aria-hidden="true">{styleOf(value.kind, statusOf(value) as never)[1]} </span>
                      {valueWords(value, registry, lang)}
                    </>
                  ) : (
                    m.unreadable
                  )}
                </span>{' '}
                — <span className="journal-line__outcome">{m.outcomes[line.outcome]}</span> —{' '}
                <span className="journal-line__by">{actorLabel(line.by, lang)}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
