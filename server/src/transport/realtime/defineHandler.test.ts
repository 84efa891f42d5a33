import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Reply } from '@vigie/shared';
import { RefusedInput } from './boundedParser.ts';
import { defineHandler, dispatchEvents, type FailureLogger } from './defineHandler.ts';
import type { VigieSocket } from './io.ts';

/** The dispatcher's middleware, as Socket.IO would call it with each decoded packet. */
function dispatcher(handlers: Parameters<typeof dispatchEvents>[1], logger: FailureLogger) {
  let middleware: ((packet: unknown[], next: () => void) => void) | undefined;
  const socket = { use: (fn: typeof middleware) => (middleware = fn) } as unknown as VigieSocket;
  dispatchEvents(socket, handlers, logger);
  /** Sends `[event, ...args]` with an acknowledgement and resolves with the reply. */
  return (event: unknown, ...args: unknown[]) =>
    new Promise<Reply>((resolve) => middleware!([event, ...args, resolve], () => undefined));
}

const internal = { ok: false, error: { code: 'internal', message: 'the request could not be processed' } };

describe('dispatchEvents', () => {
  const logged: string[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  const logger = { error: (_details: unknown, message?: string) => logged.push(message ?? '') } as FailureLogger;
  beforeEach(() => {
    logged.length = 0;
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => process.off('unhandledRejection', onUnhandled));

  const send = dispatcher(
    {
      'throws:now': defineHandler(z.object({}), () => {
        throw new Error('store exploded');
      }),
      'throws:later': defineHandler(z.object({}), async () => {
        await Promise.resolve();
        throw new RangeError('Maximum call stack size exceeded');
      }),
      'rejects:nothing': defineHandler(z.object({}), () => Promise.reject(new Error('nothing'))),
      'ping:ok': defineHandler(z.object({}), () => ({ ok: true, data: 'pong' })),
    },
    logger,
  );

  it('answers internal for a handler that throws or rejects, logs it, and answers the next request', async () => {
    for (const event of ['throws:now', 'throws:later', 'rejects:nothing'])
      expect(await send(event, {})).toEqual(internal);
    expect(logged).toEqual(['request failed', 'request failed', 'request failed']);
    expect(await send('ping:ok', {})).toEqual({ ok: true, data: 'pong' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });

  it('answers a payload refused while decoding with the refusal, naming the limit', async () => {
    expect(await send('ping:ok', new RefusedInput('payload nested deeper than 16 levels'))).toEqual({
      ok: false,
      error: { code: 'invalid_payload', message: 'payload nested deeper than 16 levels' },
    });
  });

  it('quotes an unknown event name back shortened', async () => {
    const reply = await send('x'.repeat(20_000), {});
    expect(!reply.ok && reply.error.message.length).toBeLessThan(130);
  });

  it('survives an acknowledgement that throws', async () => {
    let middleware: ((packet: unknown[], next: () => void) => void) | undefined;
    const socket = { use: (fn: typeof middleware) => (middleware = fn) } as unknown as VigieSocket;
    dispatchEvents(socket, { 'ping:ok': defineHandler(z.object({}), () => ({ ok: true, data: 1 })) }, logger);
    const throwingAck = () => {
      throw new Error('socket gone');
    };
    expect(() => middleware!(['nope', {}, throwingAck], () => undefined)).not.toThrow();
    middleware!(['ping:ok', {}, throwingAck], () => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(logged).toEqual(['reply could not be sent', 'reply could not be sent']);
    expect(unhandled).toEqual([]);
  });
});
