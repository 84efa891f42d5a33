/**
 * Tracked items: every status a person or a machine sets (response level, operating mode,
 * emergency department, hospital × system, SAMU, recovery stage), addressed as `{kind, id}`.
 */
import { z } from 'zod';
import { MAX_SHORT_TEXT } from './limits.ts';
import {
  emergencyStatuses,
  operatingModes,
  responseLevels,
  samuStatuses,
  stageStates,
  systemStatuses,
} from './scales.ts';
import { InstantSchema } from './time.ts';

/** An emergency department's status, with where it diverts to and when it is re-evaluated. */
export const EmergencyValueSchema = z
  .object({
    status: emergencyStatuses.schema,
    targetSiteId: z.string().max(100).nullable(),
    nextReviewAt: InstantSchema.nullable(),
    note: z.string().max(MAX_SHORT_TEXT).nullable(),
  })
  .strict()
  .refine((v) => (v.status === 'delestage') === (v.targetSiteId !== null), {
    message: 'targetSiteId is required for délestage and only for it',
    path: ['targetSiteId'],
  });
export type EmergencyValue = z.infer<typeof EmergencyValueSchema>;

/** The value schema of each item kind. */
export const itemValueSchemas = {
  'response-level': responseLevels.schema,
  'operating-mode': operatingModes.schema,
  emergency: EmergencyValueSchema,
  system: systemStatuses.schema,
  samu: samuStatuses.schema,
  stage: stageStates.schema,
} as const;
export type ItemKind = keyof typeof itemValueSchemas;
export const itemKinds = Object.keys(itemValueSchemas) as ItemKind[];

/** The scale each item kind's status words come from. */
const itemScales = {
  'response-level': responseLevels,
  'operating-mode': operatingModes,
  emergency: emergencyStatuses,
  system: systemStatuses,
  samu: samuStatuses,
  stage: stageStates,
} as const;

/** An item's status in words (an unknown id is shown as itself). */
export const statusLabel = (kind: ItemKind, status: string, lang: 'fr' | 'en'): string =>
  (itemScales[kind].label as (id: string, l: 'fr' | 'en') => string)(status, lang);
export type ItemValue<K extends ItemKind> = z.infer<(typeof itemValueSchemas)[K]>;

/** Which item: its kind and id (hospital id, department id, `hospital:system`, SAMU id or stage id). */
export const ItemRefSchema = z
  .object({ kind: z.enum(itemKinds as [ItemKind, ...ItemKind[]]), id: z.string().min(1).max(200) })
  .strict();
export type ItemRef = z.infer<typeof ItemRefSchema>;

const write = <K extends ItemKind>(kind: K) =>
  z.object({ kind: z.literal(kind), id: z.string().min(1).max(200), value: itemValueSchemas[kind] }).strict();

/** An item ref with a value valid for its kind. */
export const ItemWriteSchema = z.discriminatedUnion('kind', [
  write('response-level'),
  write('operating-mode'),
  write('emergency'),
  write('system'),
  write('samu'),
  write('stage'),
]);
export type ItemWrite = z.infer<typeof ItemWriteSchema>;
