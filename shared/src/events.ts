/**
 * The events of a log: every accepted change becomes one or more of these, numbered by a
 * gap-free `seq` within its log. The situation is their fold (reducer.ts).
 */
import { z } from 'zod';
import { ActorSchema } from './actor.ts';
import { ItemRefSchema, ItemWriteSchema } from './items.ts';
import { MAX_SHORT_TEXT, MAX_TEXT } from './limits.ts';
import { incidentTypes, logEntryTypes, verifications } from './scales.ts';
import { IncidentFieldsSchema, ScenarioClockSchema, StatementFieldsSchema } from './situation.ts';
import { InstantSchema } from './time.ts';

const StatementIdSchema = z.string().min(1).max(100);

/** The payload of each event type. */
export const eventDataSchemas = {
  'incident.opened': IncidentFieldsSchema.extend({
    type: incidentTypes.schema,
    title: z.string().max(MAX_SHORT_TEXT),
    startedAt: InstantSchema,
    clock: ScenarioClockSchema.nullable(),
  }).strict(),
  'incident.updated': IncidentFieldsSchema.partial()
    .extend({ effectiveAt: InstantSchema.nullable().optional() })
    .strict(),
  'incident.closed': z.object({ closedAt: InstantSchema }).strict(),
  /** A write to a tracked item; `hold` when a person wrote it and holds it against machine writes. */
  'value.set': z
    .object({
      item: ItemWriteSchema,
      effectiveAt: InstantSchema.nullable(),
      hold: z.boolean(),
      /** The command this write compensates (an undo); the history keeps both. */
      undoes: z.string().min(1).max(100).optional(),
      /** A person's write: the value it replaced and whether a person held it (what an undo puts back). */
      previous: z.object({ value: z.unknown(), held: z.boolean() }).strict().optional(),
    })
    .strict(),
  /** A machine write to an item a person holds: recorded, not applied. */
  'value.ignored': z
    .object({ item: ItemWriteSchema, effectiveAt: InstantSchema.nullable(), heldBy: ActorSchema })
    .strict(),
  /** A person hands an item back to automation. */
  'value.released': z.object({ item: ItemRefSchema }).strict(),
  'eta.revised': z
    .object({
      label: z.string().min(1).max(MAX_SHORT_TEXT),
      targetAt: InstantSchema.nullable(),
      reason: z.string().max(MAX_SHORT_TEXT),
      effectiveAt: InstantSchema.nullable(),
    })
    .strict(),
  'log.entry-added': z
    .object({
      type: logEntryTypes.schema,
      text: z.string().min(1).max(MAX_TEXT),
      verification: verifications.schema.nullable(),
      owner: z.string().max(MAX_SHORT_TEXT).nullable(),
      dueAt: InstantSchema.nullable(),
      effectiveAt: InstantSchema.nullable(),
    })
    .strict(),
  'statement.drafted': z.object({ id: StatementIdSchema, fields: StatementFieldsSchema }).strict(),
  'statement.edited': z.object({ id: StatementIdSchema, fields: StatementFieldsSchema }).strict(),
  /** `effectiveAt`: when it was published on the incident's clock (the scenario's in a demo), if not now. */
  'statement.published': z
    .object({
      id: StatementIdSchema,
      number: z.number().int().positive(),
      effectiveAt: InstantSchema.nullable().optional(),
    })
    .strict(),
  /** The server started with a newer registry that only adds ids to the one the log ran with. */
  'registry.changed': z.object({ from: z.string().min(1), to: z.string().min(1), added: z.array(z.string()) }).strict(),
} as const;
export type EventType = keyof typeof eventDataSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventDataSchemas)[T]>;

const envelope = <T extends EventType>(type: T) =>
  z
    .object({
      seq: z.number().int().positive(),
      type: z.literal(type),
      data: eventDataSchemas[type],
      by: ActorSchema,
      recordedAt: InstantSchema,
      /** Groups the events of one command (a bulk change is one command, many events). */
      commandId: z.string().min(1).max(100),
    })
    .strict();

/** One event of a log, as stored and folded. */
export const LogEventSchema = z.discriminatedUnion('type', [
  envelope('incident.opened'),
  envelope('incident.updated'),
  envelope('incident.closed'),
  envelope('value.set'),
  envelope('value.ignored'),
  envelope('value.released'),
  envelope('eta.revised'),
  envelope('log.entry-added'),
  envelope('statement.drafted'),
  envelope('statement.edited'),
  envelope('statement.published'),
  envelope('registry.changed'),
]);
export type LogEvent = z.infer<typeof LogEventSchema>;
/** An event before the log numbers it. */
export type NewEvent = LogEvent extends infer E ? (E extends LogEvent ? Omit<E, 'seq'> : never) : never;
