/**
 * The one wrapper every API route goes through: its method and path from the shared route table,
 * body validation, the caller's session, the policy check, and the reply shape with its HTTP status.
 */
import type { Request, Response, Router } from 'express';
import type { ErrorCode, Reply } from '@vigie/shared';
import { apiRoutes, type ApiReply, type ApiRouteName } from '@vigie/shared/api';
import type { z } from 'zod';
import type { Access, Caller, ResolvedSession } from '../../../access/access.ts';
import { CommandError } from '../../../domain/commandError.ts';
import type { Logger } from '../../../logger.ts';
import { can, type Action } from '../../../policies/can.ts';
import type { Network } from '../network.ts';

export const httpStatus: Record<ErrorCode, number> = {
  invalid_payload: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** What every route of the API is given. */
export interface ApiDeps {
  access: Access;
  net: Network;
  logger: Logger;
}

/** What the API's session middleware leaves on `res.locals`. */
export interface ApiLocals {
  session: ResolvedSession | null;
  address: string;
  secure: boolean;
}

export interface RouteContext {
  req: Request;
  res: Response;
  locals: ApiLocals;
  /** The signed-in caller (set when the route requires an action). */
  caller: Caller | null;
}

type Body<N extends ApiRouteName> = (typeof apiRoutes)[N]['body'] extends z.ZodType
  ? z.output<(typeof apiRoutes)[N]['body']>
  : undefined;

export function sendReply(res: Response, reply: Reply): void {
  if (!reply.ok) {
    res.status(httpStatus[reply.error.code]);
    const retry = (reply.error.details as { retryAfterS?: number } | undefined)?.retryAfterS;
    if (reply.error.code === 'rate_limited' && retry) res.setHeader('Retry-After', String(retry));
  }
  res.setHeader('Cache-Control', 'no-store');
  res.json(reply);
}

export const fail = (code: ErrorCode, message: string, details?: unknown): Reply<never> => ({
  ok: false,
  error: { code, message, ...(details === undefined ? {} : { details }) },
});

export function defineRoute<N extends ApiRouteName>(
  router: Router,
  logger: Logger,
  name: N,
  action: Action | null,
  handle: (body: Body<N>, ctx: RouteContext) => Promise<ApiReply<N>>,
): void {
  const route = apiRoutes[name];
  const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
  router[method](route.path, (req, res) => {
    const locals = res.locals as ApiLocals;
    const run = async (): Promise<Reply> => {
      const parsed = route.body ? route.body.safeParse(req.body ?? {}) : null;
      if (parsed && !parsed.success)
        return fail(
          'invalid_payload',
          parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        );
      let caller: Caller | null = null;
      if (action) {
        const principal = locals.session?.principal;
        if (!principal) return fail('unauthorized', 'sign in first');
        if (!can(principal, action)) return fail('forbidden', 'your role does not allow this');
        caller = { principal, origin: { sessionId: locals.session!.session.id, address: locals.address } };
      }
      return { ok: true, data: await handle(parsed?.data as Body<N>, { req, res, locals, caller }) };
    };
    run().then(
      (reply) => sendReply(res, reply),
      (error: unknown) => {
        if (error instanceof CommandError) return sendReply(res, fail(error.code, error.message, error.details));
        logger.error({ err: error, route: name }, 'route failed');
        sendReply(res, fail('internal', 'the request could not be processed'));
      },
    );
  });
}
