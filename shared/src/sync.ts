/**
 * The realtime contract: one typed map of events per direction, with a zod schema per event,
 * used as the generics of Socket.IO's `Server` and `Socket` on both sides.
 */
import { z } from 'zod';
import { SessionEndedSchema, SessionInfoSchema } from './access.ts';
import {
  commandSchemas,
  CommandResultSchema,
  type CommandInput,
  type CommandName,
  type CommandResult,
} from './commands.ts';
import { PublicPatchSchema, SituationPatchSchema } from './projection.ts';
import { queryDataSchemas, querySchemas, type QueryData, type QueryInput, type QueryName } from './queries.ts';
import { RegistrySchema } from './registry.ts';
import type { Reply } from './reply.ts';
import { PublicSituationSchema, SituationSchema } from './situation.ts';
import { InstantSchema } from './time.ts';

/** Where a client's copy stands: the log and the last seq it has folded (null/0 for none). */
export const SyncPositionSchema = z
  .object({ logId: z.string().max(100).nullable(), seq: z.number().int().min(0) })
  .strict();
export type SyncPosition = z.infer<typeof SyncPositionSchema>;

/** A full copy of an audience's projection (the registry comes with it, except to the public). */
export const SnapshotSchema = z.discriminatedUnion('audience', [
  z
    .object({
      audience: z.literal('public'),
      logId: z.string(),
      seq: z.number().int().min(0),
      state: PublicSituationSchema,
    })
    .strict(),
  z
    .object({
      audience: z.enum(['viewer', 'staff']),
      logId: z.string(),
      seq: z.number().int().min(0),
      state: SituationSchema,
      registry: RegistrySchema,
    })
    .strict(),
]);
export type Snapshot = z.infer<typeof SnapshotSchema>;

const range = { logId: z.string(), from: z.number().int().positive(), to: z.number().int().positive() };
/** Changes covering seqs `from`..`to` of a log: a client holding `from − 1` applies it and holds `to`. */
export const PatchMessageSchema = z.discriminatedUnion('audience', [
  z.object({ audience: z.literal('public'), ...range, patch: PublicPatchSchema }).strict(),
  z.object({ audience: z.enum(['viewer', 'staff']), ...range, patch: SituationPatchSchema }).strict(),
]);
export type PatchMessage = z.infer<typeof PatchMessageSchema>;

/** Sent every few seconds: everything up to `seq` of `logId` has been sent to this client. */
export const HeartbeatSchema = z
  .object({
    logId: z.string().nullable(),
    seq: z.number().int().min(0),
    serverTime: InstantSchema,
    buildId: z.string(),
    /** Milliseconds until the next heartbeat: a client that misses three says its data is frozen. */
    intervalMs: z.number().int().positive(),
    /** False while the server cannot record changes (its database unreachable, a failover under way). */
    writable: z.boolean(),
  })
  .strict();
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

/** Sent when the server is about to stop (a restart or an upgrade): keep the copy, reconnect when it is back. */
export const RestartingSchema = z.object({ at: InstantSchema }).strict();

/**
 * Sent just before the server closes a connection that holds more unsent data than it may (a reader
 * that stopped reading): the client reconnects by itself and catches up from where it stands.
 */
export const ShedSchema = z.object({ reason: z.enum(['slow_consumer', 'flooding']) }).strict();
export type Shed = z.infer<typeof ShedSchema>;

/** Schemas of the server → client events. */
export const serverEventSchemas = {
  'situation:snapshot': SnapshotSchema,
  'situation:patched': PatchMessageSchema,
  'server:heartbeat': HeartbeatSchema,
  'server:restarting': RestartingSchema,
  'session:info': SessionInfoSchema,
  'session:ended': SessionEndedSchema,
  'connection:shed': ShedSchema,
} as const;

/** Schemas of the client → server events: the commands, the history queries, and asking to be brought up to date. */
export const clientEventSchemas = { ...commandSchemas, ...querySchemas, 'sync:request': SyncPositionSchema } as const;

type Ack = (reply: Reply) => void;

/** A request a screen sends and waits a reply for: a command or a query. */
export type RequestName = CommandName | QueryName;
export type RequestInput<N extends RequestName> = N extends CommandName
  ? CommandInput<N>
  : N extends QueryName
    ? QueryInput<N>
    : never;
/** What a request's reply carries when it succeeds: a command's result, a query's data. */
export type RequestData<N extends RequestName> = N extends CommandName
  ? CommandResult
  : N extends QueryName
    ? QueryData<N>
    : never;
/** The schema of what a request's reply carries: a screen checks the server's word like any other input. */
export const replyDataSchema = (name: RequestName): z.ZodType =>
  Object.hasOwn(queryDataSchemas, name) ? queryDataSchemas[name as QueryName] : CommandResultSchema;

/** Sends a request and resolves with its reply, both typed from the maps: a wrong payload or a misread reply does not compile. */
export type RequestFn = <N extends RequestName>(event: N, input: RequestInput<N>) => Promise<Reply<RequestData<N>>>;
/** Client → server events (Socket.IO generics). */
export type ClientToServerEvents = { [N in CommandName]: (input: CommandInput<N>, ack: Ack) => void } & {
  [N in QueryName]: (input: QueryInput<N>, ack: Ack) => void;
} & {
  'sync:request': (position: SyncPosition, ack: Ack) => void;
};
/** Server → client events (Socket.IO generics). */
export type ServerToClientEvents = {
  [N in keyof typeof serverEventSchemas]: (payload: z.infer<(typeof serverEventSchemas)[N]>) => void;
};

// The maps and their schemas must name the same events.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : never) : never;
const sameKeys: [
  SameKeys<ClientToServerEvents, typeof clientEventSchemas>,
  SameKeys<ServerToClientEvents, typeof serverEventSchemas>,
] = [true, true];
void sameKeys;

/** What a client sends in the Socket.IO handshake `auth` (who it is comes from its session cookie). */
export const HandshakeSchema = z
  .object({
    position: SyncPositionSchema.optional(),
    audience: z.enum(['public', 'viewer', 'staff']).optional(),
  })
  .strict();
export type Handshake = z.infer<typeof HandshakeSchema>;
