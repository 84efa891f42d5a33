/**
 * Audit lines in words: each event of the trail as the crisis cell reads it ("Un – DPI : Indisponible",
 * "Point de situation n° 3 publié"), who, when (Paris time, to the second), from where, and which command
 * it belongs to. Event data from the wire is parsed with the shared schemas before any word is built.
 */
import {
  actorKinds,
  causes,
  eventDataSchemas,
  incidentTypes,
  logEntryTypes,
  phases,
  type AuditEntry,
  type EventData,
  type EventType,
  type Registry,
} from '@vigie/shared';
import { format } from '../../../i18n/messages.ts';
import { formatDayTime, formatDaySecond } from '../../../time/parisTime.ts';
import type { Lang } from '../../../store/vigieStore.ts';
import { itemName, parseItemValue, valueWords } from '../../../items/itemWords.ts';
import { auditKindOf, type AuditKind } from './auditKinds.ts';
import { messages } from './messages.ts';

/** Session and command ids are shown by their first 8 characters only, never more. */
export const shortId = (id: string) => id.slice(0, 8);

function parseData<T extends EventType>(type: T, data: unknown): EventData<T> | null {
  const parsed = eventDataSchemas[type].safeParse(data);
  return parsed.success ? (parsed.data as EventData<T>) : null;
}

type ItemWriteData = EventData<'value.set'>['item'];

function change(item: ItemWriteData, registry: Registry, lang: Lang): string {
  const m = messages[lang];
  const value = parseItemValue(item.kind, item.value);
  return format(m.valueSet, {
    item: itemName(item, registry, lang),
    value: value ? valueWords(value, registry, lang) : m.unreadableValue,
  });
}

/** "{what} (effectif …)" when the action took effect at another time than it was recorded. */
function withEffective(what: string, effectiveAt: string | null | undefined, recordedAt: string, lang: Lang) {
  if (!effectiveAt || effectiveAt === recordedAt) return what;
  return format(messages[lang].effective, { what, time: formatDayTime(effectiveAt, lang) });
}

function incidentChanges(data: EventData<'incident.updated'>, lang: Lang): string[] {
  const m = messages[lang];
  const said = (template: string, value: string | null) => format(template, { value: value ?? m.notSet });
  const changes: string[] = [];
  if (data.phase !== undefined) changes.push(said(m.incidentFields.phase, phases.label(data.phase, lang)));
  if (data.cause !== undefined) changes.push(said(m.incidentFields.cause, causes.label(data.cause, lang)));
  if (data.causeNote !== undefined) changes.push(said(m.incidentFields.causeNote, data.causeNote));
  if (data.powerRestoredAt !== undefined)
    changes.push(
      said(m.incidentFields.powerRestoredAt, data.powerRestoredAt && formatDayTime(data.powerRestoredAt, lang)),
    );
  if (data.patientImpact !== undefined) changes.push(said(m.incidentFields.patientImpact, data.patientImpact));
  return changes;
}

/** What an audit line did, in words. */
export function describeEntry(entry: AuditEntry, registry: Registry, lang: Lang): string {
  const m = messages[lang];
  const unreadable = format(m.unreadable, { type: entry.type });
  switch (entry.type) {
    case 'value.set': {
      const d = parseData(entry.type, entry.data);
      if (!d) return unreadable;
      const what = change(d.item, registry, lang);
      const said = d.undoes
        ? format(m.undo, { change: what, command: shortId(d.undoes) })
        : withEffective(what, d.effectiveAt, entry.recordedAt, lang);
      return said;
    }
    case 'value.ignored': {
      const d = parseData(entry.type, entry.data);
      if (!d) return unreadable;
      const value = parseItemValue(d.item.kind, d.item.value);
      return format(m.ignored, {
        item: itemName(d.item, registry, lang),
        value: value ? valueWords(value, registry, lang) : m.unreadableValue,
        who: d.heldBy.name,
      });
    }
    case 'value.released': {
      const d = parseData(entry.type, entry.data);
      return d ? format(m.released, { item: itemName(d.item, registry, lang) }) : unreadable;
    }
    case 'eta.revised': {
      const d = parseData(entry.type, entry.data);
      if (!d) return unreadable;
      const what = format(m.eta, { label: d.label });
      return withEffective(
        d.reason.trim() ? format(m.etaReason, { what, reason: d.reason }) : what,
        d.effectiveAt,
        entry.recordedAt,
        lang,
      );
    }
    case 'log.entry-added': {
      const d = parseData(entry.type, entry.data);
      if (!d) return unreadable;
      const type = logEntryTypes.label(d.type, lang).toLocaleLowerCase(lang);
      return withEffective(format(m.logEntry, { type, text: d.text }), d.effectiveAt, entry.recordedAt, lang);
    }
    case 'statement.drafted':
      return parseData(entry.type, entry.data) ? m.statementDrafted : unreadable;
    case 'statement.edited':
      return parseData(entry.type, entry.data) ? m.statementEdited : unreadable;
    case 'statement.published': {
      const d = parseData(entry.type, entry.data);
      return d ? format(m.statementPublished, { number: String(d.number) }) : unreadable;
    }
    case 'incident.opened': {
      const d = parseData(entry.type, entry.data);
      return d ? format(m.incidentOpened, { title: d.title, type: incidentTypes.label(d.type, lang) }) : unreadable;
    }
    case 'incident.updated': {
      const d = parseData(entry.type, entry.data);
      if (!d) return unreadable;
      const changes = incidentChanges(d, lang);
      const what = changes.length ? format(m.incidentChanges, { changes: changes.join(' ; ') }) : m.incidentUpdated;
      return withEffective(what, d.effectiveAt, entry.recordedAt, lang);
    }
    case 'incident.closed':
      return parseData(entry.type, entry.data) ? m.incidentClosed : unreadable;
    case 'registry.changed': {
      const d = parseData(entry.type, entry.data);
      return d ? format(m.registryChanged, { from: d.from, to: d.to, count: String(d.added.length) }) : unreadable;
    }
  }
}

/** One row of the audit table, in words. */
export interface AuditLine {
  seq: number;
  kind: AuditKind;
  recordedAt: string;
  time: string;
  who: string;
  source: string;
  what: string;
  address: string | null;
  /** The session's first 8 characters only. */
  session: string | null;
  commandId: string;
  command: string;
  /** How many loaded lines the command wrote (more than one: a bulk change). */
  commandSize: number;
  /** Everything the line says, folded for the free-text filter. */
  words: string;
}

/** Lower-case, without accents: "Décision" and "decision" match. */
export const foldWords = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr');

/** The loaded entries as table rows, newest first. */
export function presentAuditLines(entries: readonly AuditEntry[], registry: Registry, lang: Lang): AuditLine[] {
  const m = messages[lang];
  const perCommand = new Map<string, number>();
  for (const e of entries) perCommand.set(e.commandId, (perCommand.get(e.commandId) ?? 0) + 1);
  return entries.map((entry) => {
    const commandSize = perCommand.get(entry.commandId) ?? 1;
    const line = {
      seq: entry.seq,
      kind: auditKindOf(entry.type),
      recordedAt: entry.recordedAt,
      time: formatDaySecond(entry.recordedAt, lang),
      who: entry.by.name,
      source: actorKinds.label(entry.by.kind, lang),
      what: describeEntry(entry, registry, lang),
      address: entry.origin.address,
      session: entry.origin.sessionId === null ? null : shortId(entry.origin.sessionId),
      commandId: entry.commandId,
      command: shortId(entry.commandId),
      commandSize,
    };
    const said = [line.time, line.who, line.source, line.what, line.address, line.session, line.command];
    if (commandSize > 1) said.push(format(m.grouped, { count: String(commandSize) }));
    return { ...line, words: foldWords(said.filter((w) => w !== null).join(' ')) };
  });
}

export interface AuditFilter {
  kind: AuditKind | null;
  text: string;
}

/** The lines of the chosen kind that contain every word typed (in any order). */
export function filterAuditLines(lines: readonly AuditLine[], filter: AuditFilter): AuditLine[] {
  const terms = foldWords(filter.text).split(/\s+/).filter(Boolean);
  return lines.filter(
    (line) => (filter.kind === null || line.kind === filter.kind) && terms.every((term) => line.words.includes(term)),
  );
}

/** Consecutive lines of one command, kept together so a bulk change reads as one block. */
export function groupByCommand(lines: readonly AuditLine[]): AuditLine[][] {
  const runs: AuditLine[][] = [];
  for (const line of lines) {
    const last = runs.at(-1);
    if (last && last[0]!.commandId === line.commandId) last.push(line);
    else runs.push([line]);
  }
  return runs;
}
