/** Who did something: a person, the demo scenario, a monitoring integration, or the registry's initial values. */
import { z } from 'zod';
import { actorKinds } from './scales.ts';

/** The public face of an actor, carried on every value and streamed to clients. */
export const ActorSchema = z
  .object({ kind: actorKinds.schema, id: z.string().min(1).max(100), name: z.string().min(1).max(200) })
  .strict();
export type Actor = z.infer<typeof ActorSchema>;

/** Where a write came from: kept in the audit trail, never streamed. */
export const OriginSchema = z
  .object({ sessionId: z.string().max(200).nullable(), address: z.string().max(100).nullable() })
  .strict();
export type Origin = z.infer<typeof OriginSchema>;

/** A machine actor's writes never override a value a person holds. */
export const isPerson = (a: Actor) => a.kind === 'person';

/** The actor of the values a new log starts with. */
export const REGISTRY_ACTOR: Actor = { kind: 'system', id: 'registry', name: 'registre' };
