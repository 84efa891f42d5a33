/**
 * The one wrapper every inbound event goes through: size limit, schema validation, a fixed reply
 * shape, and no raw exception text to the client.
 */
import type { z } from 'zod';
import { MAX_MESSAGE_BYTES, type Reply } from '@vigie/shared';
import type { VigieSocket } from './io.ts';

export const refuse = (message: string): Reply<never> => ({ ok: false, error: { code: 'invalid_payload', message } });

/** Answers any event outside the contract with invalid_payload (Socket.IO would otherwise ignore it). */
export function refuseUnknownEvents(socket: VigieSocket, known: Record<string, unknown>): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    const ack = args.at(-1);
    if (!Object.hasOwn(known, event) && typeof ack === 'function')
      (ack as (r: Reply) => void)(refuse(`unknown event "${event}"`));
  });
}

export function defineHandler<S extends z.ZodType>(
  socket: VigieSocket,
  event: string,
  schema: S,
  handle: (input: z.infer<S>) => Promise<Reply> | Reply,
): void {
  (socket as unknown as { on: (e: string, l: (...args: unknown[]) => void) => void }).on(event, (...args) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function') return; // every request expects a reply; one without a callback is dropped
    const reply = ack as (r: Reply) => void;
    if (args.length !== 2) return reply(refuse('expected exactly one payload object'));
    const payload = args[0];
    if (Buffer.byteLength(JSON.stringify(payload ?? null)) > MAX_MESSAGE_BYTES)
      return reply(refuse('payload too large'));
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      return reply(refuse(parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ')));
    }
    Promise.resolve()
      .then(() => handle(parsed.data))
      .then(reply, (error: unknown) => {
        console.error(`handler ${event} failed`, error);
        reply({ ok: false, error: { code: 'internal', message: 'the request could not be processed' } });
      });
  });
}
