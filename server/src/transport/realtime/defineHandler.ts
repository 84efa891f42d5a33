/**
 * Every inbound event goes through one dispatcher per socket (a middleware, after the request
 * budget): size limit, schema validation, a fixed reply shape, and no raw exception text to the
 * client. The handlers live in one table shared by every socket: a connection holds no listener per
 * event, which keeps an idle screen's memory small.
 */
import type { z } from 'zod';
import { MAX_MESSAGE_BYTES, type Reply } from '@vigie/shared';
import type { VigieSocket } from './io.ts';

export const refuse = (message: string): Reply<never> => ({ ok: false, error: { code: 'invalid_payload', message } });

export interface Handler {
  schema: z.ZodType;
  handle: (socket: VigieSocket, input: unknown) => Promise<Reply> | Reply;
}

export const defineHandler = <S extends z.ZodType>(
  schema: S,
  handle: (socket: VigieSocket, input: z.infer<S>) => Promise<Reply> | Reply,
): Handler => ({ schema, handle: handle as Handler['handle'] });

/** Answers each event from `handlers`; one outside the contract gets invalid_payload (Socket.IO would otherwise ignore it). */
export function dispatchEvents(socket: VigieSocket, handlers: Readonly<Record<string, Handler>>): void {
  // Never calls `next`: no per-socket listener is registered, the reply is the handler's.
  socket.use((packet) => {
    const [event, ...args] = packet as unknown[];
    const ack = args.at(-1);
    if (typeof ack !== 'function') return; // every request expects a reply; one without a callback is dropped
    const reply = ack as (r: Reply) => void;
    const handler = typeof event === 'string' && Object.hasOwn(handlers, event) ? handlers[event] : undefined;
    if (!handler) return reply(refuse(`unknown event "${String(event)}"`));
    if (args.length !== 2) return reply(refuse('expected exactly one payload object'));
    const payload = args[0];
    if (Buffer.byteLength(JSON.stringify(payload ?? null)) > MAX_MESSAGE_BYTES)
      return reply(refuse('payload too large'));
    const parsed = handler.schema.safeParse(payload);
    if (!parsed.success) {
      return reply(refuse(parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ')));
    }
    Promise.resolve()
      .then(() => handler.handle(socket, parsed.data))
      .then(reply, (error: unknown) => {
        console.error(`handler ${String(event)} failed`, error);
        reply({ ok: false, error: { code: 'internal', message: 'the request could not be processed' } });
      });
  });
}
