/**
 * Client → server requests: every change a person or a tool asks for, with its input schema.
 * Each carries an idempotency key (scoped to its actor, kept for the life of the log).
 */
import { z } from 'zod';
import { ItemRefSchema, ItemWriteSchema, EmergencyValueSchema, type ItemRef } from './items.ts';
import { IDEMPOTENCY_KEY, MAX_BULK_ITEMS, MAX_SHORT_TEXT, MAX_TEXT } from './limits.ts';
import {
  causes,
  incidentTypes,
  logEntryTypes,
  operatingModes,
  responseLevels,
  samuStatuses,
  stageStates,
  systemStatuses,
  recoveryStages,
  verifications,
} from './scales.ts';
import { IncidentFieldsSchema, StatementFieldsSchema, type Tracked } from './situation.ts';
import { ActorSchema } from './actor.ts';
import { InstantSchema } from './time.ts';

const Id = z.string().min(1).max(100);

/** Fields every change request carries. */
const base = {
  idempotencyKey: z.string().min(IDEMPOTENCY_KEY.min).max(IDEMPOTENCY_KEY.max),
  /** The version of the item the requester saw; a newer one makes the request a conflict. */
  expectedVersion: z.number().int().min(0).optional(),
  /** When it actually happened, if earlier than now ("téléphonie rétablie à 03:00" logged at 08:00). */
  effectiveAt: InstantSchema.optional(),
};
const command = <S extends z.ZodRawShape>(shape: S) => z.object({ ...base, ...shape }).strict();

/**
 * One item of a change: its new value and the version the writer saw (a screen always sends it;
 * automation may write whatever the current version); `hold: false` leaves the value to automation
 * instead of holding it (an undo putting back what a machine had set).
 */
export const BulkChangeSchema = z
  .object({
    item: ItemWriteSchema,
    expectedVersion: z.number().int().min(0).optional(),
    hold: z.boolean().optional(),
  })
  .strict();
export type BulkChange = z.infer<typeof BulkChangeSchema>;

/** Input schema of each command, by Socket.IO event name. */
export const commandSchemas = {
  'incident:open': command({
    type: incidentTypes.schema,
    title: z.string().min(1).max(MAX_SHORT_TEXT),
    cause: causes.schema,
    causeNote: z.string().max(MAX_SHORT_TEXT).nullable().optional(),
    startedAt: InstantSchema.optional(),
  }),
  'incident:update': command({
    fields: IncidentFieldsSchema.partial()
      .strict()
      .refine((f) => Object.keys(f).length > 0, 'no field to update'),
  }),
  'incident:close': command({}),
  'hospital:set-response-level': command({ hospitalId: Id, level: responseLevels.schema }),
  'hospital:set-operating-mode': command({ hospitalId: Id, mode: operatingModes.schema }),
  'emergency:set-status': command({ departmentId: Id, value: EmergencyValueSchema }),
  'system:set-status': command({ hospitalId: Id, systemId: Id, status: systemStatuses.schema }),
  'samu:set-status': command({ samuId: Id, status: samuStatuses.schema }),
  'stage:set-state': command({ stageId: recoveryStages.schema, state: stageStates.schema }),
  'item:release': command({ item: ItemRefSchema }),
  /**
   * A bulk change: all of it or nothing. Each item carries the version the person saw (one conflict
   * refuses the whole change); `undoes` names the command this one compensates (an undo).
   */
  'items:set': z
    .object({
      idempotencyKey: base.idempotencyKey,
      effectiveAt: base.effectiveAt,
      changes: z
        .array(BulkChangeSchema)
        .min(1)
        .max(MAX_BULK_ITEMS)
        .refine(
          (c) => new Set(c.map((x) => `${x.item.kind}\n${x.item.id}`)).size === c.length,
          'an item appears twice',
        ),
      undoes: z.string().min(1).max(100).optional(),
    })
    .strict(),
  'eta:revise': command({
    label: z.string().min(1).max(MAX_SHORT_TEXT),
    targetAt: InstantSchema.nullable(),
    reason: z.string().max(MAX_SHORT_TEXT),
  }),
  'log:add-entry': command({
    type: logEntryTypes.schema,
    text: z.string().trim().min(1).max(MAX_TEXT),
    verification: verifications.schema.nullable().optional(),
    owner: z.string().max(MAX_SHORT_TEXT).nullable().optional(),
    dueAt: InstantSchema.nullable().optional(),
  }),
  'statement:draft': command({ fields: StatementFieldsSchema }),
  'statement:edit': command({ statementId: Id, fields: StatementFieldsSchema }),
  'statement:publish': command({ statementId: Id }),
} as const;
export type CommandName = keyof typeof commandSchemas;
export type CommandInput<N extends CommandName> = z.infer<(typeof commandSchemas)[N]>;
export const commandNames = Object.keys(commandSchemas) as CommandName[];

/** What an accepted change replies: the seq range it was recorded at, and the writes that values a person holds ignored. */
export const CommandResultSchema = z
  .object({
    commandId: z.string(),
    seq: z.number().int().positive(),
    /** The items it set and the version each now has (what an undo must find unchanged). */
    written: z.array(ItemRefSchema.extend({ version: z.number().int().positive() })).optional(),
    ignored: z.array(z.object({ item: ItemRefSchema, heldBy: ActorSchema }).strict()).optional(),
    statementId: z.string().optional(),
  })
  .strict();
export type CommandResult = z.infer<typeof CommandResultSchema>;

/**
 * The details of a `conflict` reply: every item that changed since it was loaded (`conflicts`), and
 * when only one did, its current value and who set it (`current`).
 */
export interface ConflictDetails {
  current?: Tracked<unknown>;
  conflicts?: { item: ItemRef; current: Tracked<unknown> }[];
}
