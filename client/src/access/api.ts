/**
 * The one helper for the HTTP API (sign-in, pairing, administration): builds the request from the
 * route's contract in `apiRoutes` and checks the reply against the route's schema, so a page only
 * ever sees `{ok: true, data}` of the right shape or a failure with a known code.
 */
import { ReplySchema, type ErrorCode, type ReplyError } from '@vigie/shared';
import { apiRoutes, type ApiBody, type ApiReply, type ApiRouteName } from '@vigie/shared/api';

/** A reply; a failure also says how long to wait when the server asked (429 `Retry-After`, seconds). */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ReplyError; retryAfterS: number | null };
export type ApiFailure = Extract<ApiResult<unknown>, { ok: false }>;

const failure = (code: ErrorCode, message: string): ApiFailure => ({
  ok: false,
  error: { code, message },
  retryAfterS: null,
});

/** `Retry-After` in seconds, given as seconds or as an HTTP date. */
function retryAfter(response: Response): number | null {
  const value = response.headers.get('Retry-After');
  if (!value) return null;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : null;
}

export async function callApi<N extends ApiRouteName>(
  name: N,
  options: { params?: Record<string, string>; body?: ApiBody<N> } = {},
): Promise<ApiResult<ApiReply<N>>> {
  const route = apiRoutes[name];
  const path = route.path.replace(/:(\w+)/g, (_, key: string) => encodeURIComponent(options.params?.[key] ?? ''));
  let response: Response;
  try {
    response = await fetch(path, {
      method: route.method,
      credentials: 'same-origin',
      // JSON on every state-changing request, bodiless or not: a cross-site form cannot send it, so the server can refuse those.
      headers:
        route.method === 'GET'
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
      ...(route.body && options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    return failure('internal', 'server unreachable');
  }
  const reply = ReplySchema.safeParse(await response.json().catch(() => null));
  if (!reply.success) return failure('internal', `unexpected reply (HTTP ${response.status})`);
  if (!reply.data.ok) return { ok: false, error: reply.data.error, retryAfterS: retryAfter(response) };
  const data = route.reply.safeParse(reply.data.data);
  if (!data.success) return failure('internal', 'reply does not match the contract');
  return { ok: true, data: data.data as ApiReply<N> };
}
