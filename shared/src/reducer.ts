/**
 * The fold: a log's situation is `events.reduce(applyEvent, initialSituation(...))`.
 * Pure and immutable (unchanged parts keep their identity), so server and browsers agree.
 */
import { REGISTRY_ACTOR } from './actor.ts';
import type { LogEvent } from './events.ts';
import type { ItemKind, ItemValue, ItemWrite } from './items.ts';
import { SITUATION_JOURNAL_LINES, SITUATION_LOG_ENTRIES } from './limits.ts';
import { pairKey, type Registry } from './registry.ts';
import { isDegradedMode, isSystemUp, recoveryStages, type OperatingMode, type ResponseLevel } from './scales.ts';
import { planBlancChange } from './rules.ts';
import type { HospitalFacts, JournalLine, LogEntry, Situation, Tracked } from './situation.ts';
import { ms } from './time.ts';

/** What a log is created with. */
export interface LogMeta {
  logId: string;
  /** Starts at 1; a restore from backup starts a new epoch, so clients never mistake the restored log for the one they held. */
  epoch: number;
  demo: boolean;
  registryVersion: string;
  createdAt: string;
}

/** The situation a new log starts from: every item at its registry default, held by no one. */
/** The id clients see for a log: its id and epoch. */
export const streamId = (meta: Pick<LogMeta, 'logId' | 'epoch'>) => `${meta.logId}.${meta.epoch}`;

export function initialSituation(registry: Registry, meta: LogMeta): Situation {
  const initial = <V>(value: V): Tracked<V> => ({
    value,
    version: 0,
    by: REGISTRY_ACTOR,
    recordedAt: meta.createdAt,
    effectiveAt: null,
    heldBy: null,
  });
  const byId = <T, V>(list: readonly T[], key: (t: T) => string, value: (t: T) => V) =>
    Object.fromEntries(list.map((t) => [key(t), initial(value(t))]));
  const items: Situation['items'] = {
    'response-level': byId(
      registry.hospitals,
      (h) => h.id,
      (): ResponseLevel => 'gestion-courante',
    ),
    'operating-mode': byId(
      registry.hospitals,
      (h) => h.id,
      (): OperatingMode => 'normal',
    ),
    // A department nobody has confirmed starts unknown rather than guessed open.
    emergency: byId(
      registry.emergencyDepartments,
      (e) => e.id,
      (e) => ({
        status: e.confirmation === 'confirme' ? ('ouvertes-normal' as const) : ('inconnu' as const),
        targetSiteId: null,
        nextReviewAt: null,
        note: null,
      }),
    ),
    system: Object.fromEntries(
      registry.hospitals.flatMap((h) =>
        registry.systems.map((s) => [pairKey(h.id, s.id), initial('operationnel' as const)]),
      ),
    ),
    samu: byId(
      registry.samu,
      (s) => s.id,
      () => 'operationnel' as const,
    ),
    stage: byId(
      recoveryStages.ids,
      (id) => id,
      () => 'a-venir' as const,
    ),
  };
  return {
    logId: streamId(meta),
    seq: 0,
    demo: meta.demo,
    registryVersion: meta.registryVersion,
    clock: null,
    incident: null,
    items,
    hospitals: Object.fromEntries(
      registry.hospitals.map((h) => [h.id, { planBlanc: null, leftNormalAt: null, modeSince: null }]),
    ),
    affected: {},
    eta: [],
    log: [],
    logCount: 0,
    journal: [],
    statements: {},
  };
}

/** A record's own entry (never an inherited property such as "constructor"). */
export const own = <T>(record: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

/** When a value took effect: its effectiveAt, else when it was recorded. */
export const effectiveTime = (t: { effectiveAt: string | null; recordedAt: string }) => t.effectiveAt ?? t.recordedAt;

/**
 * Whether a write effective at `effectiveAt` becomes the current value of `current`:
 * the latest effective time wins, ties go to the later write; registry defaults always yield.
 */
export function supersedes(current: Tracked<unknown>, effectiveAt: string): boolean {
  return current.version === 0 || ms(effectiveAt) >= ms(effectiveTime(current));
}

/**
 * The records copied so far by one fold of many events in a row (a commit batch, a replay). Given the
 * same scope, `applyEvent` copies each record it touches once per fold and then writes into that copy,
 * instead of copying the 300-odd system statuses for every event. The fold's intermediate states then
 * share those records: keep only its last state.
 */
export type FoldScope = WeakSet<object>;
export const newFoldScope = (): FoldScope => new WeakSet();

/** Applies one event to a situation, returning a new situation. */
export const applyEvent = (s: Situation, e: LogEvent): Situation => apply(s, e, undefined);

/** `applyEvent` within a fold of many events (see FoldScope). */
export const applyEventInFold = (s: Situation, e: LogEvent, scope: FoldScope): Situation => apply(s, e, scope);

function apply(s: Situation, e: LogEvent, scope: FoldScope | undefined): Situation {
  const at = { recordedAt: e.recordedAt };
  const next: Situation = { ...s, seq: e.seq };
  switch (e.type) {
    case 'incident.opened': {
      const { clock, ...fields } = e.data;
      const provenance = { updatedBy: e.by, updatedAt: e.recordedAt, effectiveAt: null };
      return { ...next, clock, incident: { ...fields, closedAt: null, openedBy: e.by, ...provenance, version: e.seq } };
    }
    case 'incident.updated': {
      if (!s.incident) return next;
      const { effectiveAt = null, ...fields } = e.data;
      const provenance = { updatedBy: e.by, updatedAt: e.recordedAt, effectiveAt };
      return { ...next, incident: { ...s.incident, ...fields, ...provenance, version: e.seq } };
    }
    case 'incident.closed': {
      if (!s.incident) return next;
      const closed = { closedAt: e.data.closedAt, phase: 'cloture' as const };
      const provenance = { updatedBy: e.by, updatedAt: e.recordedAt, effectiveAt: e.data.closedAt };
      return { ...next, incident: { ...s.incident, ...closed, ...provenance, version: e.seq } };
    }
    case 'value.set': {
      const { item, effectiveAt, hold } = e.data;
      const current = own<Tracked<unknown>>(s.items[item.kind], item.id);
      if (!current) return next;
      const when = effectiveAt ?? e.recordedAt;
      if (!supersedes(current, when)) {
        return withJournal(next, scope, {
          seq: e.seq,
          item: ref(item),
          value: item.value,
          outcome: 'history',
          by: e.by,
          ...at,
          effectiveAt,
        });
      }
      const updated: Tracked<unknown> = {
        value: item.value,
        version: e.seq,
        by: e.by,
        recordedAt: e.recordedAt,
        effectiveAt,
        // A machine's write only applies to a value nobody holds; a person's either holds it or leaves it free (an undo
        // giving a value back to automation).
        heldBy: hold ? e.by : null,
      };
      const applied = withDerivedFacts(setItem(next, scope, item.kind, item.id, updated), item, current.value, when, e);
      return withJournal(applied, scope, {
        seq: e.seq,
        item: ref(item),
        value: item.value,
        outcome: 'applied',
        by: e.by,
        ...at,
        effectiveAt,
      });
    }
    case 'value.ignored': {
      const { item, effectiveAt } = e.data;
      return withJournal(next, scope, {
        seq: e.seq,
        item: ref(item),
        value: item.value,
        outcome: 'ignored',
        by: e.by,
        ...at,
        effectiveAt,
      });
    }
    case 'value.released': {
      const { item } = e.data;
      const current = own<Tracked<unknown>>(s.items[item.kind], item.id);
      if (!current) return next;
      const released = setItem(next, scope, item.kind, item.id, { ...current, heldBy: null, version: e.seq });
      return withJournal(released, scope, {
        seq: e.seq,
        item,
        value: current.value,
        outcome: 'released',
        by: e.by,
        ...at,
        effectiveAt: null,
      });
    }
    case 'eta.revised':
      return { ...next, eta: [...s.eta, { seq: e.seq, by: e.by, ...at, ...e.data }] };
    case 'log.entry-added':
      return withLogEntry(next, scope, logEntryOf(e));
    case 'statement.drafted':
      return {
        ...next,
        statements: {
          ...s.statements,
          [e.data.id]: {
            id: e.data.id,
            status: 'draft',
            number: null,
            fields: e.data.fields,
            version: e.seq,
            draftedBy: e.by,
            draftedAt: e.recordedAt,
            updatedBy: e.by,
            updatedAt: e.recordedAt,
            publishedBy: null,
            publishedAt: null,
          },
        },
      };
    case 'registry.changed':
      return { ...next, registryVersion: e.data.to };
    case 'statement.edited':
    case 'statement.published': {
      const current = own(s.statements, e.data.id);
      if (!current) return next;
      const touched = { ...current, updatedBy: e.by, updatedAt: e.recordedAt, version: e.seq };
      const changed =
        e.type === 'statement.edited'
          ? { ...touched, fields: e.data.fields }
          : {
              ...touched,
              status: 'published' as const,
              number: e.data.number,
              publishedBy: e.by,
              publishedAt: e.data.effectiveAt ?? e.recordedAt,
            };
      return { ...next, statements: { ...s.statements, [current.id]: changed } };
    }
  }
}

const ref = (item: ItemWrite) => ({ kind: item.kind, id: item.id });

/** `o` itself when this fold already copied it, else a copy the fold now owns. */
function writable<T extends object>(o: T, scope: FoldScope): T {
  if (scope.has(o)) return o;
  const copy = (Array.isArray(o) ? [...o] : { ...o }) as T;
  scope.add(copy);
  return copy;
}

function setItem(s: Situation, scope: FoldScope | undefined, kind: ItemKind, id: string, value: Tracked<unknown>) {
  if (!scope) return { ...s, items: { ...s.items, [kind]: { ...s.items[kind], [id]: value } } };
  const items = writable(s.items, scope);
  const record = writable(items[kind] as Record<string, Tracked<unknown>>, scope);
  record[id] = value;
  (items as Record<ItemKind, unknown>)[kind] = record;
  return { ...s, items };
}

/** The main-courante entry an event adds. */
export const logEntryOf = (e: Extract<LogEvent, { type: 'log.entry-added' }>): LogEntry => ({
  seq: e.seq,
  by: e.by,
  recordedAt: e.recordedAt,
  ...e.data,
});

/** The main-courante entries among `events`, in their order. */
export const logEntriesOf = (events: readonly LogEvent[]): LogEntry[] =>
  events.flatMap((e) => (e.type === 'log.entry-added' ? [logEntryOf(e)] : []));

/** `list` with `item` appended, keeping the latest `bound` (a copy, or the fold's own copy: never the whole history). */
function appendBounded<T>(list: T[], scope: FoldScope | undefined, item: T, bound: number): T[] {
  const next = scope ? writable(list, scope) : [...list];
  next.push(item);
  if (next.length > bound) next.splice(0, next.length - bound);
  return next;
}

function withJournal(s: Situation, scope: FoldScope | undefined, line: JournalLine): Situation {
  return { ...s, journal: appendBounded(s.journal, scope, line, SITUATION_JOURNAL_LINES) };
}

// Only the latest entries stay in the situation, so an append costs the same at 100 entries as at 100,000.
function withLogEntry(s: Situation, scope: FoldScope | undefined, entry: LogEntry): Situation {
  return { ...s, log: appendBounded(s.log, scope, entry, SITUATION_LOG_ENTRIES), logCount: s.logCount + 1 };
}

/** Keeps the facts derived from a write: plan blanc déclenchement/levée, time left normal and mode entered, pairs and SAMU affected. */
function withDerivedFacts(s: Situation, item: ItemWrite, previous: unknown, when: string, e: LogEvent): Situation {
  switch (item.kind) {
    case 'response-level': {
      const facts = own(s.hospitals, item.id);
      if (!facts) return s;
      const change = planBlancChange(previous as ItemValue<'response-level'>, item.value);
      if (change === 'triggers')
        return withFacts(s, item.id, {
          ...facts,
          planBlanc: { triggeredAt: when, triggeredBy: e.by, liftedAt: null, liftedBy: null },
        });
      if (change === 'lifts' && facts.planBlanc)
        return withFacts(s, item.id, { ...facts, planBlanc: { ...facts.planBlanc, liftedAt: when, liftedBy: e.by } });
      return s;
    }
    case 'operating-mode': {
      const facts = own(s.hospitals, item.id);
      if (!facts) return s;
      const modeSince = item.value !== previous || facts.modeSince === null ? when : facts.modeSince;
      const leftNormalAt =
        item.value === 'normal' ? null : isDegradedMode(item.value) ? (facts.leftNormalAt ?? when) : facts.leftNormalAt;
      if (modeSince === facts.modeSince && leftNormalAt === facts.leftNormalAt) return s;
      return withFacts(s, item.id, { ...facts, leftNormalAt, modeSince });
    }
    case 'system':
    case 'samu': {
      const during = s.incident !== null && s.incident.closedAt === null;
      const down =
        item.value !== 'operationnel' && item.value !== 'inconnu' && (item.kind === 'samu' || !isSystemUp(item.value));
      if (!during || !down || s.affected[item.id]) return s;
      return { ...s, affected: { ...s.affected, [item.id]: true } };
    }
    case 'emergency':
    case 'stage':
      return s;
  }
}

function withFacts(s: Situation, hospitalId: string, facts: HospitalFacts): Situation {
  return { ...s, hospitals: { ...s.hospitals, [hospitalId]: facts } };
}
