/**
 * A hospital's timeline: one list, newest first, of its values' writes, the main-courante entries that
 * name it and the published points de situation that mention it, each with its time (the incident's
 * clock), kind and author. Older lines come a page at a time, from whichever source holds the least.
 */
import { logEntryTypes, type Hospital, type ItemRef, type Registry, type Situation } from '@vigie/shared';
import { useMemo } from 'react';
import { format } from '../../i18n/messages.ts';
import { formatDayTime } from '../../time/parisTime.ts';
import type { Lang } from '../../store/vigieStore.ts';
import { useMainCourante } from '../../hooks/useMainCourante.ts';
import { messages as statementMessages } from '../../items/statementMessages.ts';
import { actorLabel } from '../../items/actorLabel.ts';
import { ItemValueBadge } from '../../items/ItemValueBadge.tsx';
import { emergencyName, parseItemValue } from '../../items/itemWords.ts';
import { messages } from './messages.ts';
import { buildTimeline, hospitalItems, type TimelineLine } from './timeline.ts';
import { timelineMessages } from './timelineMessages.ts';
import { useValueChanges } from './useValueChanges.ts';
import './HospitalTimeline.css';

export function HospitalTimeline({
  hospital,
  registry,
  state,
  lang,
}: {
  hospital: Hospital;
  registry: Registry;
  state: Situation;
  lang: Lang;
}) {
  const m = timelineMessages[lang];
  const errors = messages[lang].errors;
  const refs = useMemo(() => hospitalItems(hospital, registry), [hospital, registry]);
  const values = useValueChanges(state.logId, refs, state.items);

  // The same copy of the main courante the overview pages through (older entries with log:list).
  const { logId, log } = state;
  // A copy saved offline by an earlier version has no count: its entries are all it knows of.
  const logCount = (state.logCount as number | undefined) ?? log.length;
  const copy = useMemo(() => ({ logId, log, logCount }), [logId, log, logCount]);
  const courante = useMainCourante(copy);
  const oldestHeld = courante.entries.at(-1);
  const logBefore = oldestHeld && courante.entries.length < courante.total ? oldestHeld.seq : null;

  const statements = state.statements;
  const { lines, horizon } = useMemo(
    () =>
      buildTimeline({
        hospitalId: hospital.id,
        registry,
        values: values.sources.map((s) => ({ item: s.item, loaded: s })),
        log: { entries: courante.entries, before: logBefore },
        statements: Object.values(statements),
      }),
    [hospital.id, registry, values.sources, courante.entries, logBefore, statements],
  );

  // The sources holding the least are the ones to page; the main courante only while it may hold more.
  const limitingValues = values.sources.filter((s) => horizon !== null && s.before === horizon);
  const logLimits = horizon !== null && logBefore === horizon && courante.hasOlder;
  const loading = values.sources.some((s) => s.loading) || courante.loading;
  const failed = values.sources.find((s) => s.error)?.error;
  const older = () => {
    if (loading) return;
    values.loadOlder(limitingValues.map((s) => s.item));
    if (logLimits) courante.loadOlder();
  };
  const oldestShown = lines.at(-1);

  return (
    <section className="hospital-page__section hospital-timeline" aria-labelledby="hospital-timeline">
      <h3 id="hospital-timeline">{m.title}</h3>
      <p className="hospital-timeline__hint">{m.hint}</p>
      {lines.length > 0 ? (
        <ol className="hospital-timeline__lines">
          {lines.map((line) => (
            <TimelineEntry key={`${line.kind}:${line.seq}`} line={line} registry={registry} lang={lang} />
          ))}
        </ol>
      ) : (
        !loading && <p className="hospital-timeline__empty">{m.empty}</p>
      )}
      <p className="hospital-timeline__status" role="status">
        {loading
          ? m.loading
          : horizon !== null && oldestShown
            ? format(m.since, { time: formatDayTime(oldestShown.at, lang) })
            : lines.length > 0
              ? m.complete
              : ''}
      </p>
      {failed && (
        <p className="hospital-timeline__error" role="alert">
          {format(m.failed, { reason: errors[failed] })}{' '}
          <button type="button" onClick={values.retry}>
            {m.retry}
          </button>
        </p>
      )}
      {courante.error && (
        <p className="hospital-timeline__error" role="alert">
          {format(m.logFailed, { reason: errors[courante.error] })}
        </p>
      )}
      {(limitingValues.length > 0 || logLimits) && (
        <button type="button" className="hospital-timeline__older" aria-disabled={loading} onClick={older}>
          {m.older}
          <span className="visually-hidden"> {m.olderHint}</span>
        </button>
      )}
    </section>
  );
}

/** An item of this hospital, named without the hospital ("DPI ORBIS", "Urgences adultes"). */
function itemLabel(ref: ItemRef, registry: Registry, lang: Lang): string {
  const h = messages[lang];
  switch (ref.kind) {
    case 'response-level':
      return h.responseLevel;
    case 'operating-mode':
      return h.operatingMode;
    case 'emergency': {
      const department = registry.emergencyDepartments.find((e) => e.id === ref.id);
      return department ? emergencyName(department.kind, lang) : ref.id;
    }
    case 'system': {
      const systemId = ref.id.split(':')[1] ?? '';
      return registry.systems.find((s) => s.id === systemId)?.shortName[lang] ?? systemId;
    }
    case 'samu':
      return registry.samu.find((s) => s.id === ref.id)?.name ?? ref.id;
    case 'stage':
      return ref.id;
  }
}

function TimelineEntry({ line, registry, lang }: { line: TimelineLine; registry: Registry; lang: Lang }) {
  const m = timelineMessages[lang];
  return (
    <li className={`timeline-line timeline-line--${line.kind}`} data-kind={line.kind} data-seq={line.seq}>
      <div className="timeline-line__meta">
        <time className="timeline-line__time" dateTime={line.at}>
          {formatDayTime(line.at, lang)}
        </time>{' '}
        <span className="timeline-line__kind">{m.kinds[line.kind]}</span>{' '}
        <span className="timeline-line__by">{format(m.by, { who: actorLabel(line.by, lang) })}</span>
      </div>
      <LineBody line={line} registry={registry} lang={lang} />
    </li>
  );
}

function LineBody({ line, registry, lang }: { line: TimelineLine; registry: Registry; lang: Lang }) {
  const m = timelineMessages[lang];
  switch (line.kind) {
    case 'value': {
      const value = line.write.type === 'value.set' ? parseItemValue(line.item.kind, line.write.value) : null;
      return (
        <p className="timeline-line__text">
          <span className="timeline-line__item">{itemLabel(line.item, registry, lang)}</span>
          {m.colon}
          {line.write.type === 'value.released' ? (
            messages[lang].released
          ) : value ? (
            <ItemValueBadge value={value} registry={registry} />
          ) : (
            messages[lang].unreadableValue
          )}
        </p>
      );
    }
    case 'log':
      return (
        <p className="timeline-line__text">
          <span className="timeline-line__item">{logEntryTypes.label(line.entry.type, lang)}</span>
          {m.colon}
          {line.entry.text}
        </p>
      );
    case 'statement': {
      const fields = statementMessages[lang].fields;
      return (
        <div className="timeline-line__text">
          <p className="timeline-line__item">{format(m.statement, { number: String(line.statement.number ?? '') })}</p>
          {line.fields.map((field) => (
            <p key={field} className="timeline-line__field">
              {fields[field]}
              {m.colon}
              {line.statement.fields[field]}
            </p>
          ))}
        </div>
      );
    }
  }
}
