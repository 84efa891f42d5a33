/** The one reply shape of every request, on both transports. */
import { z } from 'zod';

/** The fixed set of error codes a client may receive. */
export const errorCodes = [
  'invalid_payload',
  'unauthorized',
  'forbidden',
  'conflict',
  'not_found',
  'rate_limited',
  /** The server cannot record changes for now (its database unreachable, a failover under way); nothing was changed. */
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** An error as sent to a client: a code, a message meant for people, and details such as the current value on a conflict. */
export const ReplyErrorSchema = z
  .object({ code: z.enum(errorCodes), message: z.string(), details: z.unknown().optional() })
  .strict();
export type ReplyError = z.infer<typeof ReplyErrorSchema>;

/** `{ok: true, data}` or `{ok: false, error}`. */
export const ReplySchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: ReplyErrorSchema }).strict(),
]);
export type Reply<T = unknown> = { ok: true; data: T } | { ok: false; error: ReplyError };
