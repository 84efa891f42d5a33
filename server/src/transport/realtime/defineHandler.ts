/**
 * Every inbound event goes through one dispatcher per socket (a middleware, after the request
 * budget): schema validation, a fixed reply shape, and no raw exception text to the client. Sizes
 * and shapes were bounded when the frame was decoded (boundedParser): a refused payload arrives as
 * a RefusedInput and is answered here. The handlers live in one table shared by every socket: a
 * connection holds no listener per event, which keeps an idle screen's memory small.
 */
import type { z } from 'zod';
import type { Reply } from '@vigie/shared';
import type { Logger } from '../../logger.ts';
import { RefusedInput } from './boundedParser.ts';
import type { VigieSocket } from './io.ts';

export const refuse = (message: string): Reply<never> => ({ ok: false, error: { code: 'invalid_payload', message } });

const internal: Reply<never> = {
  ok: false,
  error: { code: 'internal', message: 'the request could not be processed' },
};

export interface Handler {
  schema: z.ZodType;
  handle: (socket: VigieSocket, input: unknown) => Promise<Reply> | Reply;
}

export const defineHandler = <S extends z.ZodType>(
  schema: S,
  handle: (socket: VigieSocket, input: z.infer<S>) => Promise<Reply> | Reply,
): Handler => ({ schema, handle: handle as Handler['handle'] });

/** Where a failing handler is reported: the app's logger, or the console when there is none. */
export type FailureLogger = Pick<Logger, 'error'>;

const consoleLogger: FailureLogger = {
  error: (details: unknown, message?: string) => console.error(message, details),
};

/** An event name as it may be quoted back: short, whatever the client sent. */
const quoted = (event: unknown) => JSON.stringify(String(event).slice(0, 100));

/**
 * Answers each event from `handlers`; one outside the contract gets invalid_payload (Socket.IO would
 * otherwise ignore it). Any failure of a handler (a throw or a rejection) is logged and answered
 * `internal`, and nothing a frame carries can raise out of here: an exception escaping a middleware
 * would end the process.
 */
export function dispatchEvents(
  socket: VigieSocket,
  handlers: Readonly<Record<string, Handler>>,
  logger: FailureLogger = consoleLogger,
): void {
  // Never calls `next`: no per-socket listener is registered, the reply is the handler's.
  socket.use((packet) => {
    let answered = false;
    let ack: ((r: Reply) => void) | null = null;
    const reply = (r: Reply) => {
      if (answered || !ack) return;
      answered = true;
      try {
        ack(r);
      } catch (error) {
        logger.error({ err: error }, 'reply could not be sent');
      }
    };
    const failed = (event: unknown) => (error: unknown) => {
      logger.error({ err: error, event: String(event).slice(0, 100) }, 'request failed');
      reply(internal);
    };
    const [event, ...args] = packet as unknown[];
    try {
      const last = args.at(-1);
      if (typeof last !== 'function') return; // every request expects a reply; one without a callback is dropped
      ack = last as (r: Reply) => void;
      const refused = args.find((a): a is RefusedInput => a instanceof RefusedInput);
      if (refused) return reply(refuse(refused.message));
      const handler = typeof event === 'string' && Object.hasOwn(handlers, event) ? handlers[event] : undefined;
      if (!handler) return reply(refuse(`unknown event ${quoted(event)}`));
      if (args.length !== 2) return reply(refuse('expected exactly one payload object'));
      const parsed = handler.schema.safeParse(args[0]);
      if (!parsed.success) {
        return reply(
          refuse(parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ')),
        );
      }
      Promise.resolve()
        .then(() => handler.handle(socket, parsed.data))
        .then(reply, failed(event))
        .catch(failed(event));
    } catch (error) {
      failed(event)(error);
    }
  });
}
