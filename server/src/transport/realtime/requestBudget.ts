/** Requests per second a connection may send: beyond it, each gets `rate_limited` and nothing happens. */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Reply } from '@vigie/shared';
import type { VigieSocket } from './io.ts';

const refusal: Reply<never> = { ok: false, error: { code: 'rate_limited', message: 'too many requests: slow down' } };

export function requestBudget(perSecond: number) {
  const limiter = new RateLimiterMemory({ points: perSecond, duration: 1 });
  return (socket: VigieSocket) => {
    socket.use((packet, next) => {
      limiter.consume(socket.id).then(
        () => next(),
        () => {
          const ack = packet.at(-1) as unknown;
          if (typeof ack === 'function') (ack as (r: Reply) => void)(refusal);
        },
      );
    });
  };
}
