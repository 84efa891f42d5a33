/** Signing in and out, one-time codes, setting one's password, and pairing a wall screen. */
import type { Response, Router } from 'express';
import type { SignedIn } from '../../../access/access.ts';
import { CommandError } from '../../../domain/commandError.ts';
import { readSessionToken, sessionCookie } from '../sessionCookie.ts';
import { defineRoute, type ApiDeps, type ApiLocals } from './defineRoute.ts';

export function registerSessionRoutes(router: Router, { access, logger }: ApiDeps): void {
  const from = (req: { headers: Record<string, unknown> }, locals: ApiLocals) => ({
    address: locals.address,
    userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
  });
  /** Sets the new session's cookie, ending the one the browser held before (if any). */
  const open = async (res: Response, locals: ApiLocals, signedIn: SignedIn) => {
    if (locals.session) await access.signOut(locals.session.session.id);
    res.append('Set-Cookie', sessionCookie(signedIn.token, signedIn.expiresAt, locals.secure));
    return signedIn.info;
  };

  defineRoute(router, logger, 'session:get', null, (_body, { req, res, locals }) => {
    if (!locals.session) return Promise.resolve(access.anonymous());
    // The cookie lives as long as the session, which each use extends (a wall screen's: indefinitely).
    res.append('Set-Cookie', sessionCookie(readSessionToken(req) ?? null, locals.session.expiresAt, locals.secure));
    return Promise.resolve(locals.session.info);
  });
  defineRoute(router, logger, 'session:sign-in', null, async (body, { req, res, locals }) =>
    open(res, locals, await access.signIn(body.login, body.password, from(req, locals))),
  );
  defineRoute(router, logger, 'session:code', null, async (body, { req, res, locals }) =>
    open(res, locals, await access.signInWithCode(body.code, from(req, locals))),
  );
  defineRoute(router, logger, 'screen:pair', null, async (body, { req, res, locals }) =>
    open(res, locals, await access.pairScreen(body.secret, from(req, locals))),
  );
  defineRoute(router, logger, 'session:sign-out', null, async (_body, { res, locals }) => {
    if (locals.session) await access.signOut(locals.session.session.id);
    res.append('Set-Cookie', sessionCookie(null, new Date(0), locals.secure));
    return {};
  });
  defineRoute(router, logger, 'session:password', null, async (body, { locals }) => {
    const session = locals.session;
    if (!session) throw new CommandError('unauthorized', 'sign in first');
    await access.setPassword(
      { principal: session.principal, origin: { sessionId: session.session.id, address: locals.address } },
      body.password,
      body.currentPassword,
    );
    return {};
  });
}
