/**
 * The HTTP API (see `apiRoutes` in shared/): JSON bodies of at most 64 kB, a request budget per
 * address, the caller's session resolved once per request, and JSON replies even for errors.
 */
import express, { type ErrorRequestHandler, type Router } from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Logger } from '../../../logger.ts';
import { readSessionToken } from '../sessionCookie.ts';
import { fail, sendReply, type ApiDeps, type ApiLocals } from './defineRoute.ts';
import { registerAdminRoutes } from './adminRoutes.ts';
import { registerSessionRoutes } from './sessionRoutes.ts';

/** Requests per minute from one address: a crisis room behind one NAT signing in together stays far below. */
const PER_ADDRESS_PER_MINUTE = 600;

export function accessApi(deps: ApiDeps): Router {
  const router = express.Router();
  const budget = new RateLimiterMemory({ points: PER_ADDRESS_PER_MINUTE, duration: 60 });
  router.use('/api', express.json({ limit: '64kb' }), (req, res, next) => {
    const address = deps.net.address(req);
    budget.consume(address).then(
      async () => {
        const locals: ApiLocals = {
          session: await deps.access.resolve(readSessionToken(req)),
          address,
          secure: deps.net.secure(req),
        };
        Object.assign(res.locals, locals);
        next();
      },
      (refusal: unknown) => {
        if (refusal instanceof Error) return next(refusal);
        const retryAfterS = Math.ceil((refusal as { msBeforeNext: number }).msBeforeNext / 1000);
        sendReply(res, fail('rate_limited', 'too many requests', { retryAfterS }));
      },
    );
  });
  registerSessionRoutes(router, deps);
  registerAdminRoutes(router, deps);
  router.use('/api', (_req, res) => sendReply(res, fail('not_found', 'no such route')));
  router.use(apiErrors(deps.logger));
  return router;
}

/** Malformed or oversized bodies get the usual reply; anything else is logged and answered `internal`. */
function apiErrors(logger: Logger): ErrorRequestHandler {
  return (error: { type?: string; status?: number }, _req, res, _next) => {
    if (error.type === 'entity.too.large') return sendReply(res, fail('invalid_payload', 'body too large'));
    if (error.status === 400 || error.type === 'entity.parse.failed')
      return sendReply(res, fail('invalid_payload', 'the body is not valid JSON'));
    // A charset or content encoding the parser cannot read (415) is the client's error too.
    if (error.status === 415) return sendReply(res, fail('invalid_payload', 'the body must be JSON in UTF-8'));
    logger.error({ err: error }, 'API request failed');
    sendReply(res, fail('internal', 'the request could not be processed'));
  };
}
