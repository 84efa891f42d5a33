/** Calls the HTTP API as a browser would: JSON, the session cookie, and optionally an Origin. */
import type { Reply } from '@vigie/shared';
import { apiRoutes, type ApiRouteName } from '@vigie/shared/api';

export interface ApiCall {
  cookie?: string;
  params?: Record<string, string>;
  body?: unknown;
  origin?: string;
  headers?: Record<string, string>;
}

export interface ApiResult {
  status: number;
  reply: Reply;
  /** The session cookie the reply set (`vigie_session=…`), if any. */
  cookie: string | null;
  headers: Headers;
}

export async function callApi(url: string, name: ApiRouteName, call: ApiCall = {}): Promise<ApiResult> {
  const route = apiRoutes[name];
  const path = route.path.replace(/:(\w+)/g, (_, p: string) => encodeURIComponent(call.params?.[p] ?? ''));
  const response = await fetch(url + path, {
    method: route.method,
    headers: {
      'Content-Type': 'application/json',
      ...(call.cookie ? { Cookie: call.cookie } : {}),
      ...(call.origin ? { Origin: call.origin } : {}),
      ...call.headers,
    },
    ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
  });
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('vigie_session='));
  return {
    status: response.status,
    reply: (await response.json()) as Reply,
    cookie: setCookie ? setCookie.split(';')[0]! : null,
    headers: response.headers,
  };
}
