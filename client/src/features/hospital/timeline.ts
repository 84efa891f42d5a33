/**
 * One hospital's timeline: its values' writes, the main-courante entries naming it and the published
 * points de situation mentioning it, newest first. Each source is loaded newest first down to a
 * cursor; the timeline shows only what every source holds (seq is global to the log, so "every line
 * with seq ≥ the highest cursor" has no hole). Pure.
 */
import {
  effectiveTime,
  mentionsOf,
  pairKey,
  statementLines,
  type Actor,
  type Hospital,
  type ItemHistoryEntry,
  type ItemRef,
  type LogEntry,
  type Registry,
  type Situation,
  type Statement,
} from '@vigie/shared';

export type TimelineLine =
  | { kind: 'value'; seq: number; at: string; by: Actor; item: ItemRef; write: ItemHistoryEntry }
  | { kind: 'log'; seq: number; at: string; by: Actor; entry: LogEntry }
  | {
      kind: 'statement';
      seq: number;
      at: string;
      by: Actor;
      statement: Statement;
      /** The fields naming the hospital, in reading order. */
      fields: StatementText[];
    };

/** A source loaded newest first: what it holds, and its cursor while older entries remain (null once all are in). */
export interface Loaded<T> {
  entries: T[];
  before: number | null;
}

/** The tracked items that belong to a hospital: its own, its emergency departments', its systems', the SAMU it hosts. */
export function hospitalItems(hospital: Hospital, registry: Registry): ItemRef[] {
  return [
    { kind: 'operating-mode', id: hospital.id },
    { kind: 'response-level', id: hospital.id },
    ...registry.emergencyDepartments
      .filter((e) => e.hospitalId === hospital.id)
      .map((e): ItemRef => ({ kind: 'emergency', id: e.id })),
    ...registry.systems.map((s): ItemRef => ({ kind: 'system', id: pairKey(hospital.id, s.id) })),
    ...registry.samu.filter((s) => s.hospitalId === hospital.id).map((s): ItemRef => ({ kind: 'samu', id: s.id })),
  ];
}

/** The items of `refs` that were ever written in this log (a registry's initial value has no history to read). */
export const writtenItems = (refs: ItemRef[], state: Situation) =>
  refs.flatMap((ref) => {
    const version = state.items[ref.kind][ref.id]?.version ?? 0;
    return version > 0 ? [{ ref, version }] : [];
  });

// Entries and published points never change: each is read for names once per registry.
const mentionCache = new WeakMap<Registry, WeakMap<object, string[][]>>();
function mentionsCached(key: object, texts: () => string[], registry: Registry): string[][] {
  let cache = mentionCache.get(registry);
  if (!cache) mentionCache.set(registry, (cache = new WeakMap()));
  let found = cache.get(key);
  if (!found) cache.set(key, (found = texts().map((text) => mentionsOf(text, registry))));
  return found;
}

/** Whether a main-courante entry names the hospital (its text or an action's owner). */
export const logEntryNames = (entry: LogEntry, hospitalId: string, registry: Registry) =>
  mentionsCached(entry, () => [entry.text, entry.owner ?? ''], registry).some((ids) => ids.includes(hospitalId));

const statementFieldNames = [...statementLines, 'body'] as const;
/** A field of a point de situation holding text (every one but the next point's time). */
export type StatementText = (typeof statementFieldNames)[number];

/** The fields of a point de situation that name the hospital, in reading order. */
export function statementFieldsNaming(statement: Statement, hospitalId: string, registry: Registry) {
  const byField = mentionsCached(statement, () => statementFieldNames.map((f) => statement.fields[f]), registry);
  return statementFieldNames.filter((_, i) => byField[i]!.includes(hospitalId));
}

export interface Timeline {
  /** Newest first by the time each took effect, then by seq. */
  lines: TimelineLine[];
  /** The oldest seq every source holds down to; null when everything is shown. */
  horizon: number | null;
}

/** Merges the sources into one timeline bounded by the highest cursor among them. */
export function buildTimeline(input: {
  hospitalId: string;
  registry: Registry;
  values: { item: ItemRef; loaded: Loaded<ItemHistoryEntry> }[];
  log: Loaded<LogEntry>;
  statements: Statement[];
}): Timeline {
  const { hospitalId, registry } = input;
  const cursors = [input.log.before, ...input.values.map((v) => v.loaded.before)].filter(
    (c): c is number => c !== null,
  );
  const horizon = cursors.length > 0 ? Math.max(...cursors) : null;
  const lines: TimelineLine[] = [];
  for (const { item, loaded } of input.values) {
    for (const write of loaded.entries) {
      // An ignored write changed nothing: the item's own history shows it.
      if (write.type === 'value.ignored') continue;
      lines.push({ kind: 'value', seq: write.seq, at: effectiveTime(write), by: write.by, item, write });
    }
  }
  for (const entry of input.log.entries) {
    if (logEntryNames(entry, hospitalId, registry)) {
      lines.push({ kind: 'log', seq: entry.seq, at: effectiveTime(entry), by: entry.by, entry });
    }
  }
  for (const statement of input.statements) {
    if (statement.status !== 'published' || !statement.publishedAt || !statement.publishedBy) continue;
    const fields = statementFieldsNaming(statement, hospitalId, registry);
    if (fields.length === 0) continue;
    lines.push({
      kind: 'statement',
      seq: statement.version,
      at: statement.publishedAt,
      by: statement.publishedBy,
      statement,
      fields,
    });
  }
  const shown = horizon === null ? lines : lines.filter((line) => line.seq >= horizon);
  shown.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.seq - a.seq);
  return { lines: shown, horizon };
}
