/**
 * Property-based fuzzing of every HTTP route of the API, anonymous and signed in: random and
 * hostile bodies, wrong content types, bodies past the size limit. Every answer is a JSON reply
 * with a fixed code and a 4xx status for bad input (never a 5xx), and the server keeps running.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, type Reply } from '@vigie/shared';
import { apiRoutes, type ApiRouteName } from '@vigie/shared/api';
import { startTestServer, type TestServer } from '@vigie/server/testing';
import { awkwardString, hostileJson } from './support/adversarial.ts';

// The API allows 600 requests a minute from one address: the runs stay below it.
const RUNS = 250;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const routeNames = Object.keys(apiRoutes) as ApiRouteName[];
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  null,
);
const body = fc.oneof(
  { weight: 6, arbitrary: hostileJson },
  { weight: 1, arbitrary: awkwardString },
  { weight: 1, arbitrary: fc.integer({ min: 65 * 1024, max: 2_000_000 }).map((n) => `{"login":"${'x'.repeat(n)}"}`) },
  { weight: 1, arbitrary: fc.constantFrom('', '{', '{"a":1}garbage', 'null', '[]', '"\\ud800"', '\u0000') },
);
const param = fc.oneof(
  fc.string({ maxLength: 30 }),
  awkwardString,
  fc.constantFrom('__proto__', 'constructor', '..', '%'),
);

const codes = new Set<string>(errorCodes);

/** A path segment; a lone surrogate becomes the invalid UTF-8 a hostile client would send. */
const encode = (segment: string) => {
  try {
    return encodeURIComponent(segment);
  } catch {
    return '%ED%A0%80';
  }
};

/** Sends one request and checks the answer: JSON, a fixed code, never a 5xx; returns its code. */
async function probe(name: ApiRouteName, text: string, type: string | null, id: string, cookie: string | null) {
  const route = apiRoutes[name];
  const path = route.path.replace(/:(\w+)/g, () => encode(id) || 'x');
  const response = await fetch(server.url + path, {
    method: route.method,
    headers: { ...(type ? { 'Content-Type': type } : {}), ...(cookie ? { Cookie: cookie } : {}) },
    ...(route.method === 'GET' ? {} : { body: text }),
  });
  const label = `${route.method} ${path} ${type ?? '(no type)'} ${text.slice(0, 80)}`;
  expect(response.status, label).toBeLessThan(500);
  const reply = (await response.json()) as Reply;
  if (reply.ok) return 'ok';
  expect(codes.has(reply.error.code), label).toBe(true);
  expect(response.status, label).toBeGreaterThanOrEqual(400);
  return reply.error.code;
}

describe('every HTTP route, fuzzed', () => {
  for (const signedIn of [false, true]) {
    it(`answers any request ${signedIn ? 'from a signed-in admin' : 'without a session'} with a JSON reply and a 4xx`, async () => {
      let cookie = signedIn ? (await server.as(['admin', 'lead'])).cookie : null;
      let limited = 0;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...routeNames), body, contentType, param, async (name, text, type, id) => {
          if ((await probe(name, text, type, id, cookie)) === 'rate_limited') limited += 1;
          // Signing out ends the session under test: sign in afresh.
          if (signedIn && name === 'session:sign-out') cookie = (await server.as(['admin', 'lead'])).cookie;
        }),
        { numRuns: RUNS },
      );
      // A run answered `rate_limited` tested the budget, not the request: few may be.
      expect(limited).toBeLessThan(RUNS / 10);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    });
  }
});
