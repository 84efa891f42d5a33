/** The session cookie: HttpOnly (no script reads it), SameSite=Strict, Secure over HTTPS. */
import type { IncomingMessage } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';

export const SESSION_COOKIE = 'vigie_session';

export const readSessionToken = (req: IncomingMessage): string | undefined =>
  parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];

/** A Set-Cookie value carrying `token` until `expiresAt` (or clearing the cookie when `token` is null). */
export function sessionCookie(token: string | null, expiresAt: Date, secure: boolean): string {
  return stringifySetCookie({
    name: SESSION_COOKIE,
    value: token ?? '',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    ...(token ? { expires: expiresAt } : { maxAge: 0 }),
  });
}
