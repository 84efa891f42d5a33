/**
 * Client → server read requests: history, audit and the asker's own recent changes, answered from the server's copy of the log.
 * Every one is bounded (a page size or a number of points) and checked against the reader's role.
 */
import { z } from 'zod';
import { ActorSchema, OriginSchema } from './actor.ts';
import { BulkChangeSchema } from './commands.ts';
import { eventDataSchemas, type EventType } from './events.ts';
import { ItemRefSchema } from './items.ts';
import { DEFAULT_PAGE, MAX_PAGE } from './limits.ts';
import { operatingModes, recoveryStages, type OperatingMode, type RecoveryStage } from './scales.ts';
import { LogEntrySchema } from './situation.ts';
import { InstantSchema, ms } from './time.ts';

const Seq = z.number().int().positive();
/** A keyset page: entries with seq < `before` (none for the newest), at most `limit` (1..200, default 50). */
const page = { before: Seq.optional(), limit: z.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE) };
/** Where the next (older) page starts; null when there is none. */
const cursor = Seq.nullable();

/** The name of a time series: recovery share (overall and per stage), hospitals per fonctionnement, emergency departments open. */
export type SeriesName = 'recovery' | `recovery:${RecoveryStage}` | `mode:${OperatingMode}` | 'emergencies-open';
/** Every series `history:series` returns. */
export const seriesNames: readonly SeriesName[] = [
  'recovery',
  ...recoveryStages.ids.map((stage) => `recovery:${stage}` as const),
  ...operatingModes.ids.map((mode) => `mode:${mode}` as const),
  'emergencies-open',
];

/** `history:series` input: at most `maxPoints` points per series (2..2000, default 500), optionally between two instants. */
export const SeriesQuerySchema = z
  .object({
    maxPoints: z.number().int().min(2).max(2000).default(500),
    from: InstantSchema.optional(),
    to: InstantSchema.optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || ms(q.from) <= ms(q.to), {
    message: 'from must not be after to',
    path: ['from'],
  });

/** One series: times `t` (epoch milliseconds, non-decreasing) and the value from each time on (`v`). */
export const SeriesPointsSchema = z.object({ t: z.array(z.number()), v: z.array(z.number()) }).strict();
export type SeriesPoints = z.infer<typeof SeriesPointsSchema>;

/**
 * `history:series` reply: down-sampled step series of the current log up to `seq`, by SeriesName.
 * Recovery shares are 0..1 and absent while nothing counts; counts are numbers of hospitals or departments.
 */
export const SeriesDataSchema = z
  .object({
    logId: z.string(),
    seq: z.number().int().min(0),
    series: z.record(z.string(), SeriesPointsSchema),
  })
  .strict();
export type SeriesData = z.infer<typeof SeriesDataSchema>;

/** `history:item` input: one tracked item's writes, newest first, a page at a time. */
export const ItemHistoryQuerySchema = z.object({ item: ItemRefSchema, ...page }).strict();

/** One write to a tracked item: the value it carried (null for a release), who sent it, when, and when it took effect. */
export const ItemHistoryEntrySchema = z
  .object({
    seq: Seq,
    type: z.enum(['value.set', 'value.ignored', 'value.released']),
    value: z.unknown(),
    by: ActorSchema,
    recordedAt: InstantSchema,
    effectiveAt: InstantSchema.nullable(),
  })
  .strict();
export type ItemHistoryEntry = z.infer<typeof ItemHistoryEntrySchema>;

/** `history:item` reply: a page of writes, newest first; `before` asks for the next one. */
export const ItemHistorySchema = z.object({ entries: z.array(ItemHistoryEntrySchema), before: cursor }).strict();
export type ItemHistory = z.infer<typeof ItemHistorySchema>;

/** `audit:list` input: the current log's events, newest first, optionally of one actor (`kind:id`). */
export const AuditQuerySchema = z.object({ ...page, actorId: z.string().min(1).max(200).optional() }).strict();

/** One audit line: what was done (event type and its data), by whom, when, as part of which command, from which session and address. */
export const AuditEntrySchema = z
  .object({
    seq: Seq,
    type: z.enum(Object.keys(eventDataSchemas) as [EventType, ...EventType[]]),
    data: z.unknown(),
    by: ActorSchema,
    recordedAt: InstantSchema,
    commandId: z.string(),
    origin: OriginSchema,
  })
  .strict();
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** `audit:list` reply: a page of audit lines, newest first; `before` asks for the next one. */
export const AuditPageSchema = z.object({ entries: z.array(AuditEntrySchema), before: cursor }).strict();
export type AuditPage = z.infer<typeof AuditPageSchema>;

/** `log:list` input: the current log's main-courante entries, newest first, a page at a time. */
export const LogListQuerySchema = z.object(page).strict();

/** `log:list` reply: a page of main-courante entries, newest first; `before` asks for the next (older) one. */
export const LogPageSchema = z.object({ entries: z.array(LogEntrySchema), before: cursor }).strict();
export type LogPage = z.infer<typeof LogPageSchema>;

/** `changes:list` input: nothing; the server answers for the person who asks. */
export const OwnChangesQuerySchema = z.object({}).strict();

/**
 * One item a change set: its value before and after, the version the change gave it, and what an undo
 * writes for it (the value before, held as it was, against that version; null when it cannot be undone).
 */
export const ChangedItemSchema = z
  .object({
    item: ItemRefSchema,
    from: z.unknown(),
    to: z.unknown(),
    version: Seq,
    undo: BulkChangeSchema.nullable(),
  })
  .strict();
export type ChangedItem = z.infer<typeof ChangedItemSchema>;

/**
 * Whether a change can be undone: `undoable`; `undone` already; `superseded`, an item changed since
 * (never overwritten by an undo); `forbidden`, the policy no longer lets this person write one of its items.
 */
export const undoStatuses = ['undoable', 'undone', 'superseded', 'forbidden'] as const;
export type UndoStatus = (typeof undoStatuses)[number];

/** One of a person's item changes: when, what it set, what it undid (if an undo), whether it can be undone and who stands in the way. */
export const OwnChangeSchema = z
  .object({
    commandId: z.string(),
    seq: Seq,
    recordedAt: InstantSchema,
    undoes: z.string().nullable(),
    items: z.array(ChangedItemSchema),
    status: z.enum(undoStatuses),
    /** Who undid it, or changed one of its items since. */
    by: ActorSchema.nullable(),
  })
  .strict();
export type OwnChange = z.infer<typeof OwnChangeSchema>;

/** `changes:list` reply: the person's latest item changes in the current log (RECENT_CHANGES at most), newest first. */
export const OwnChangesSchema = z.object({ changes: z.array(OwnChangeSchema) }).strict();
export type OwnChanges = z.infer<typeof OwnChangesSchema>;

/** Input schema of each query, by Socket.IO event name. */
export const querySchemas = {
  'history:series': SeriesQuerySchema,
  'history:item': ItemHistoryQuerySchema,
  'audit:list': AuditQuerySchema,
  'log:list': LogListQuerySchema,
  'changes:list': OwnChangesQuerySchema,
} as const;
export type QueryName = keyof typeof querySchemas;
/** What a client sends (defaults not yet applied). */
export type QueryInput<N extends QueryName> = z.input<(typeof querySchemas)[N]>;
/** What the server reads once the input is validated (defaults applied). */
export type QueryParams<N extends QueryName> = z.output<(typeof querySchemas)[N]>;

/** Schema of the `data` each query replies with. */
export const queryDataSchemas = {
  'history:series': SeriesDataSchema,
  'history:item': ItemHistorySchema,
  'audit:list': AuditPageSchema,
  'log:list': LogPageSchema,
  'changes:list': OwnChangesSchema,
} as const satisfies Record<QueryName, z.ZodType>;
export type QueryData<N extends QueryName> = z.infer<(typeof queryDataSchemas)[N]>;
