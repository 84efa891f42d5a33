/**
 * What each audience may see, and how it is kept in sync: a snapshot of its projection, then
 * patches carrying the current value of every part the covered events touched.
 */
import { z } from 'zod';
import type { LogEvent } from './events.ts';
import { itemKinds, type ItemKind } from './items.ts';
import { PROJECTION_LIST_ENTRIES, SITUATION_LOG_ENTRIES } from './limits.ts';
import type { Audience } from './scales.ts';
import {
  EtaRevisionSchema,
  type EtaRevision,
  HospitalFactsSchema,
  IncidentSchema,
  JournalLineSchema,
  LogEntrySchema,
  PublicSituationSchema,
  SituationSchema,
  StatementSchema,
  type PublicSituation,
  type LogEntry,
  type Situation,
  type Statement,
} from './situation.ts';

/** The latest entries of a list ordered by seq. */
const latest = <T>(list: T[], bound: number) => (list.length > bound ? list.slice(-bound) : list);

/** The first revision of the estimated return to normal ("annoncé initialement") and the latest ones. */
const boundEta = (eta: EtaRevision[]) =>
  eta.length > PROJECTION_LIST_ENTRIES ? [eta[0]!, ...eta.slice(-(PROJECTION_LIST_ENTRIES - 1))] : eta;

/** The most recently changed statements (by version). */
function boundStatements(statements: Record<string, Statement>): Record<string, Statement> {
  const all = Object.values(statements);
  if (all.length <= PROJECTION_LIST_ENTRIES) return statements;
  const kept = all.sort((a, b) => b.version - a.version).slice(0, PROJECTION_LIST_ENTRIES);
  return Object.fromEntries(kept.map((st) => [st.id, st]));
}

const isPublished = (s: Statement) => s.status === 'published';

/**
 * The situation a viewer (no drafts) or staff member (drafts too) sees; every list bounded to its latest entries.
 * The main courante keeps the situation's whole window, so a patch can carry every entry appended since the previous one.
 */
export function projectSituation(s: Situation, audience: 'viewer' | 'staff'): Situation {
  const visible =
    audience === 'staff'
      ? s.statements
      : Object.fromEntries(Object.entries(s.statements).filter(([, st]) => isPublished(st)));
  return {
    ...s,
    statements: boundStatements(visible),
    eta: boundEta(s.eta),
    journal: latest(s.journal, PROJECTION_LIST_ENTRIES),
  };
}

/** The public projection: exactly the structured fields of the latest published point de situation. */
/** The public projection, standing at `seq` (the public audience's own position: `IncidentLog.publicSeq`). */
export function projectPublic(s: Situation, seq = s.seq): PublicSituation {
  let last: Statement | null = null;
  for (const st of Object.values(s.statements)) {
    if (isPublished(st) && (last === null || (st.number ?? 0) > (last.number ?? 0))) last = st;
  }
  return {
    logId: s.logId,
    seq,
    demo: s.demo,
    clock: s.clock,
    statement:
      last && last.number !== null && last.publishedAt !== null
        ? { number: last.number, publishedAt: last.publishedAt, fields: last.fields }
        : null,
  };
}

/** A part of the situation an event changes. */
export type Touched =
  | { part: 'incident' | 'eta' | 'log' | 'journal' | 'public' }
  | { part: 'items'; kind: ItemKind; id: string }
  | { part: 'hospitals' | 'affected' | 'statements'; id: string };

/** The parts of the situation an event changes (derived facts included). */
export function touchedBy(e: LogEvent): Touched[] {
  switch (e.type) {
    case 'incident.opened':
    case 'incident.updated':
    case 'incident.closed':
      return [{ part: 'incident' }];
    case 'value.set': {
      const { kind, id } = e.data.item;
      const derived: Touched[] =
        kind === 'response-level' || kind === 'operating-mode'
          ? [{ part: 'hospitals', id }]
          : kind === 'system' || kind === 'samu'
            ? [{ part: 'affected', id }]
            : [];
      return [{ part: 'items', kind, id }, { part: 'journal' }, ...derived];
    }
    case 'value.ignored':
      return [{ part: 'journal' }];
    case 'value.released':
      return [{ part: 'items', kind: e.data.item.kind, id: e.data.item.id }, { part: 'journal' }];
    case 'eta.revised':
      return [{ part: 'eta' }];
    case 'log.entry-added':
      return [{ part: 'log' }];
    case 'statement.drafted':
    case 'statement.edited':
      return [{ part: 'statements', id: e.data.id }];
    case 'statement.published':
      return [{ part: 'statements', id: e.data.id }, { part: 'public' }];
    case 'registry.changed':
      // Recorded at start-up, before anyone is connected: every client then receives a snapshot.
      return [];
  }
}

const ItemsPatchSchema = z
  .object(
    Object.fromEntries(
      itemKinds.map((k) => [k, SituationSchema.shape.items.shape[k]]),
    ) as typeof SituationSchema.shape.items.shape,
  )
  .partial()
  .strict();

/** Changes to a viewer or staff projection: replaced parts, upserted entries, appended list entries. */
export const SituationPatchSchema = z
  .object({
    incident: IncidentSchema.nullable(),
    items: ItemsPatchSchema,
    hospitals: z.record(z.string(), HospitalFactsSchema),
    affected: z.record(z.string(), z.literal(true)),
    eta: z.array(EtaRevisionSchema),
    statements: z.record(z.string(), StatementSchema),
    log: z.array(LogEntrySchema),
    /** Sent with `log`: entries ever added; more than the copy's count plus `log`'s new entries means some were missed. */
    logCount: z.number().int().min(0),
    journal: z.array(JournalLineSchema),
  })
  .partial()
  .strict();
export type SituationPatch = z.infer<typeof SituationPatchSchema>;

/** Changes to the public projection. */
export const PublicPatchSchema = PublicSituationSchema.pick({ statement: true }).partial().strict();
export type PublicPatch = z.infer<typeof PublicPatchSchema>;

/**
 * The patch taking a projection at seq `from − 1` to `projection` (at a later seq), given every
 * part the events in between touched. Parts not touched are equal at both ends.
 */
export function buildSituationPatch(projection: Situation, touched: Iterable<Touched>, from: number): SituationPatch {
  const patch: SituationPatch = {};
  const items: Record<string, Record<string, unknown>> = {};
  const keyed = { hospitals: {}, affected: {}, statements: {} } as Record<
    'hospitals' | 'affected' | 'statements',
    Record<string, unknown>
  >;
  for (const t of touched) {
    switch (t.part) {
      case 'incident':
        patch.incident = projection.incident;
        break;
      case 'eta':
        patch.eta = projection.eta;
        break;
      case 'log':
        patch.log = projection.log.filter((e) => e.seq >= from);
        patch.logCount = projection.logCount;
        break;
      case 'journal':
        patch.journal = projection.journal.filter((e) => e.seq >= from);
        break;
      case 'public':
        break;
      case 'items': {
        const value = projection.items[t.kind][t.id];
        if (value) (items[t.kind] ??= {})[t.id] = value;
        break;
      }
      case 'hospitals':
      case 'affected':
      case 'statements': {
        // A part absent from this audience's projection (a draft for a viewer) is not sent.
        const value = projection[t.part][t.id];
        if (value !== undefined) keyed[t.part][t.id] = value;
        break;
      }
    }
  }
  if (Object.keys(items).length > 0) patch.items = items;
  for (const part of ['hospitals', 'affected', 'statements'] as const) {
    if (Object.keys(keyed[part]).length > 0) (patch as Record<string, unknown>)[part] = keyed[part];
  }
  return patch;
}

/** Applies a patch covering seqs up to `to` to a projection (the client's fold of its stream). */
export function applySituationPatch(s: Situation, patch: SituationPatch, to: number): Situation {
  const next: Situation = { ...s, seq: to };
  if (patch.incident !== undefined) next.incident = patch.incident;
  if (patch.eta) next.eta = patch.eta;
  if (patch.log) next.log = appendEntries(s.log, patch.log);
  if (patch.logCount !== undefined) next.logCount = patch.logCount;
  if (patch.journal) next.journal = latest([...s.journal, ...patch.journal], PROJECTION_LIST_ENTRIES);
  if (patch.hospitals) next.hospitals = { ...s.hospitals, ...patch.hospitals };
  if (patch.affected) next.affected = { ...s.affected, ...patch.affected };
  if (patch.statements) next.statements = boundStatements({ ...s.statements, ...patch.statements });
  if (patch.items) {
    const items = { ...s.items };
    for (const kind of itemKinds) {
      const changed = patch.items[kind];
      if (changed) (items as Record<string, unknown>)[kind] = { ...s.items[kind], ...changed };
    }
    next.items = items;
  }
  return next;
}

/** Entries past the last one held (a patch overlapping the copy adds nothing twice), keeping the latest window. */
function appendEntries(held: LogEntry[], added: LogEntry[]): LogEntry[] {
  const last = held.at(-1)?.seq ?? 0;
  const fresh = added.filter((e) => e.seq > last);
  return fresh.length === 0 ? held : latest([...held, ...fresh], SITUATION_LOG_ENTRIES);
}

/** Whether an event changes what the public audience is shown. */
export const touchesPublic = (e: LogEvent): boolean => touchedBy(e).some((t) => t.part === 'public');

/** The public patch: the latest published statement when one was published in the range. */
export function buildPublicPatch(projection: PublicSituation, touched: Iterable<Touched>): PublicPatch {
  for (const t of touched) if (t.part === 'public') return { statement: projection.statement };
  return {};
}

/** Applies a public patch covering seqs up to `to`. */
export function applyPublicPatch(s: PublicSituation, patch: PublicPatch, to: number): PublicSituation {
  return { ...s, seq: to, ...(patch.statement !== undefined ? { statement: patch.statement } : {}) };
}

/** The projection type of each audience. */
export type Projection<A extends Audience> = A extends 'public' ? PublicSituation : Situation;
