/**
 * The situation: what the crisis cell knows at a point of a log. It is a pure fold of the log's
 * events (reducer.ts); each audience receives a projection of it (projection.ts).
 */
import { z } from 'zod';
import { ActorSchema } from './actor.ts';
import { ItemRefSchema, itemValueSchemas } from './items.ts';
import { MAX_LINE, MAX_SHORT_TEXT, MAX_TEXT } from './limits.ts';
import { causes, incidentTypes, logEntryTypes, phases, verifications } from './scales.ts';
import { InstantSchema } from './time.ts';

const tracked = <V extends z.ZodType>(value: V) =>
  z
    .object({
      value,
      /** Sequence number of the write that last changed this item; 0 for the registry's initial value. */
      version: z.number().int().min(0),
      by: ActorSchema,
      recordedAt: InstantSchema,
      effectiveAt: InstantSchema.nullable(),
      /** The person whose value holds against machine writes until released; null when free. */
      heldBy: ActorSchema.nullable(),
    })
    .strict();

/** A tracked value with its provenance. */
export type Tracked<V> = {
  value: V;
  version: number;
  by: z.infer<typeof ActorSchema>;
  recordedAt: string;
  effectiveAt: string | null;
  heldBy: z.infer<typeof ActorSchema> | null;
};

const ItemsSchema = z
  .object({
    'response-level': z.record(z.string(), tracked(itemValueSchemas['response-level'])),
    'operating-mode': z.record(z.string(), tracked(itemValueSchemas['operating-mode'])),
    emergency: z.record(z.string(), tracked(itemValueSchemas['emergency'])),
    system: z.record(z.string(), tracked(itemValueSchemas['system'])),
    samu: z.record(z.string(), tracked(itemValueSchemas['samu'])),
    stage: z.record(z.string(), tracked(itemValueSchemas['stage'])),
  })
  .strict();

/** Derived per-hospital facts: the plan blanc's déclenchement and levée, when the hospital left normal and entered its mode. */
export const HospitalFactsSchema = z
  .object({
    planBlanc: z
      .object({
        triggeredAt: InstantSchema,
        triggeredBy: ActorSchema,
        liftedAt: InstantSchema.nullable(),
        liftedBy: ActorSchema.nullable(),
      })
      .strict()
      .nullable(),
    leftNormalAt: InstantSchema.nullable(),
    /** When the hospital entered its current fonctionnement (a write of the same mode confirms it, and keeps this). */
    modeSince: InstantSchema.nullable(),
  })
  .strict();
export type HospitalFacts = z.infer<typeof HospitalFactsSchema>;

/** The demo's scenario clock: simulated time = simStart + (now − realStart) × speed. */
export const ScenarioClockSchema = z
  .object({ simStart: InstantSchema, realStart: InstantSchema, speed: z.number().positive() })
  .strict();
export type ScenarioClock = z.infer<typeof ScenarioClockSchema>;

/** Editable facts of an incident. */
export const IncidentFieldsSchema = z
  .object({
    cause: causes.schema,
    causeNote: z.string().max(MAX_SHORT_TEXT).nullable(),
    phase: phases.schema,
    powerRestoredAt: InstantSchema.nullable(),
    patientImpact: z.string().max(MAX_SHORT_TEXT).nullable(),
  })
  .strict();
export type IncidentFields = z.infer<typeof IncidentFieldsSchema>;

/** The incident a log is about. */
export const IncidentSchema = IncidentFieldsSchema.extend({
  type: incidentTypes.schema,
  title: z.string().max(MAX_SHORT_TEXT),
  startedAt: InstantSchema,
  closedAt: InstantSchema.nullable(),
  openedBy: ActorSchema,
  /** Who last changed the incident, when it was recorded, and when it took effect if said. */
  updatedBy: ActorSchema,
  updatedAt: InstantSchema,
  effectiveAt: InstantSchema.nullable(),
  version: z.number().int().min(0),
}).strict();
export type Incident = z.infer<typeof IncidentSchema>;

/** One revision of the estimated return to normal; every revision is kept. */
export const EtaRevisionSchema = z
  .object({
    seq: z.number().int().positive(),
    label: z.string().min(1).max(MAX_SHORT_TEXT),
    targetAt: InstantSchema.nullable(),
    reason: z.string().max(MAX_SHORT_TEXT),
    by: ActorSchema,
    recordedAt: InstantSchema,
    effectiveAt: InstantSchema.nullable(),
  })
  .strict();
export type EtaRevision = z.infer<typeof EtaRevisionSchema>;

/** A human main-courante entry. */
export const LogEntrySchema = z
  .object({
    seq: z.number().int().positive(),
    type: logEntryTypes.schema,
    text: z.string().min(1).max(MAX_TEXT),
    verification: verifications.schema.nullable(),
    owner: z.string().max(MAX_SHORT_TEXT).nullable(),
    dueAt: InstantSchema.nullable(),
    by: ActorSchema,
    recordedAt: InstantSchema,
    effectiveAt: InstantSchema.nullable(),
  })
  .strict();
export type LogEntry = z.infer<typeof LogEntrySchema>;

/** An automatic journal line derived from a tracked write: applied, history only (backdated), ignored (held) or released. */
export const JournalLineSchema = z
  .object({
    seq: z.number().int().positive(),
    item: ItemRefSchema,
    value: z.unknown(),
    outcome: z.enum(['applied', 'history', 'ignored', 'released']),
    by: ActorSchema,
    recordedAt: InstantSchema,
    effectiveAt: InstantSchema.nullable(),
  })
  .strict();
export type JournalLine = z.infer<typeof JournalLineSchema>;

/** The structured fields of a point de situation (the public summary shows exactly these). */
export const StatementFieldsSchema = z
  .object({
    cause: z.string().max(MAX_LINE),
    powerCut: z.string().max(MAX_LINE),
    expectedReturn: z.string().max(MAX_LINE),
    patientImpact: z.string().max(MAX_LINE),
    samu: z.string().max(MAX_LINE),
    emergencies: z.string().max(MAX_LINE),
    systems: z.string().max(MAX_LINE),
    body: z.string().max(MAX_TEXT),
    nextPointAt: InstantSchema.nullable(),
  })
  .strict();
export type StatementFields = z.infer<typeof StatementFieldsSchema>;

/** A point de situation: a draft, or published with its number. */
export const StatementSchema = z
  .object({
    id: z.string().min(1).max(100),
    status: z.enum(['draft', 'published']),
    number: z.number().int().positive().nullable(),
    fields: StatementFieldsSchema,
    version: z.number().int().positive(),
    draftedBy: ActorSchema,
    /** Who last drafted, edited or published it, and when. */
    updatedBy: ActorSchema,
    updatedAt: InstantSchema,
    draftedAt: InstantSchema,
    publishedBy: ActorSchema.nullable(),
    publishedAt: InstantSchema.nullable(),
  })
  .strict();
export type Statement = z.infer<typeof StatementSchema>;

/** The situation of one log (or its projection for an audience). */
export const SituationSchema = z
  .object({
    /** The log's id and epoch (see streamId). */
    logId: z.string().min(1),
    seq: z.number().int().min(0),
    demo: z.boolean(),
    registryVersion: z.string(),
    clock: ScenarioClockSchema.nullable(),
    incident: IncidentSchema.nullable(),
    items: ItemsSchema,
    hospitals: z.record(z.string(), HospitalFactsSchema),
    /** Items ever affected during the incident: hospital × system pairs (recovery progress counts these) and SAMU. */
    affected: z.record(z.string(), z.literal(true)),
    eta: z.array(EtaRevisionSchema),
    /** The latest main-courante entries, oldest first (at most SITUATION_LOG_ENTRIES; `log:list` pages the rest). */
    log: z.array(LogEntrySchema),
    /** Main-courante entries ever added to this log (`log` holds the latest of them). */
    logCount: z.number().int().min(0),
    journal: z.array(JournalLineSchema),
    statements: z.record(z.string(), StatementSchema),
  })
  .strict();
export type Situation = z.infer<typeof SituationSchema>;

/** What the public audience sees: exactly the latest published point de situation. */
export const PublicSituationSchema = z
  .object({
    logId: z.string().min(1),
    seq: z.number().int().min(0),
    demo: z.boolean(),
    clock: ScenarioClockSchema.nullable(),
    statement: z
      .object({ number: z.number().int().positive(), publishedAt: InstantSchema, fields: StatementFieldsSchema })
      .strict()
      .nullable(),
  })
  .strict();
export type PublicSituation = z.infer<typeof PublicSituationSchema>;
