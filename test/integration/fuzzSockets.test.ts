/**
 * Property-based fuzzing of every socket event of the contract, and of names outside it, as a
 * public reader, an anonymous reader, a viewer and a commander: whatever the payload, the server
 * answers with one of the fixed codes, records nothing when it refuses, and keeps running.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientEventSchemas, errorCodes, type Reply } from '@vigie/shared';
import { startTestServer, type TestServer } from '@vigie/server/testing';
import { hostileJson } from './support/adversarial.ts';
import { observed, type Identity } from './support/observedClient.ts';
import { rawClient, type RawClient } from './support/rawFrames.ts';

const RUNS = 300;

/** Names Socket.IO keeps for itself: its parser drops a connection that uses one, by design. */
const reserved = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);
const contractEvents = Object.keys(clientEventSchemas);
const eventName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...contractEvents) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('toString', '__proto__', 'constructor', 'hasOwnProperty', 'system:explode', ''),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => !reserved.has(s)) },
);
const extraArgs = fc.oneof(
  { weight: 4, arbitrary: fc.constant([] as string[]) },
  {
    weight: 1,
    arbitrary: fc.array(
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
      { minLength: 1, maxLength: 3 },
    ),
  },
);

let server: TestServer;
const who: Record<string, () => Promise<Identity>> = {
  'a public-summary reader': () => Promise.resolve({ audience: 'public' }),
  'an anonymous reader (open read)': () => Promise.resolve({}),
  'a viewer': async () => ({ cookie: (await server.as('viewer')).cookie }),
  'a commander': async () => ({ cookie: (await server.as('commander')).cookie }),
};

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const codes = new Set<string>(errorCodes);
const state = () => `${server.app.log.situation.logId}@${server.app.log.situation.seq}`;
async function healthy() {
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
}

/** Sends one hand-written request and checks the reply and, for a refusal, that nothing changed; returns its code. */
async function probe(c: RawClient, event: string, payload: string, extras: string[]): Promise<string> {
  const before = state();
  const id = c.nextId();
  const answer = c.reply(id, 10_000);
  c.write(`2${id}[${[JSON.stringify(event), payload, ...extras].join(',')}]`);
  const reply: Reply | null = await answer;
  expect(reply, `no reply to ${event.slice(0, 40)} ${payload.slice(0, 80)}`).not.toBeNull();
  if (reply!.ok) return 'ok';
  expect(codes.has(reply!.error.code), reply!.error.code).toBe(true);
  expect(reply!.error.message).not.toMatch(/\bat .*\.ts|TypeError|RangeError|SQLITE/);
  expect(state()).toBe(before);
  return reply!.error.code;
}

/** A fuzz run answered `rate_limited` tested the budget, not the payload: few may be. */
const fewLimited = (limited: number, runs: number) => expect(limited).toBeLessThan(runs / 10);

describe('every socket event, fuzzed', () => {
  for (const [name, identity] of Object.entries(who)) {
    it(`answers any payload from ${name} with a fixed code, changing nothing when it refuses`, async () => {
      const c = await rawClient(server.url, await identity());
      let limited = 0;
      await fc.assert(
        fc.asyncProperty(eventName, hostileJson, extraArgs, async (event, payload, extras) => {
          if ((await probe(c, event, payload, extras)) === 'rate_limited') limited += 1;
        }),
        { numRuns: RUNS },
      );
      fewLimited(limited, RUNS);
      expect(c.socket.connected).toBe(true);
      c.close();
      await healthy();
    });
  }

  it('answers requests carrying binary data, and ignores ones without an acknowledgement', async () => {
    const c = await observed(server.url, { cookie: (await server.as('commander')).cookie });
    let limited = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...contractEvents),
        fc.jsonValue({ maxDepth: 3 }),
        fc.uint8Array({ maxLength: 64 }),
        async (event, value, bytes) => {
          const before = state();
          // No acknowledgement: nothing to answer, and the connection goes on.
          (c.socket.emit as (...a: unknown[]) => void)(event, value);
          const reply = await c.send(event, { value, file: Buffer.from(bytes) });
          // The request budgets (per account, and for main-courante entries) may answer first.
          if (!reply.ok && reply.error.code === 'rate_limited') return void (limited += 1);
          expect(reply).toEqual({
            ok: false,
            error: { code: 'invalid_payload', message: 'binary attachments are not accepted' },
          });
          expect(state()).toBe(before);
        },
      ),
      { numRuns: 60 },
    );
    fewLimited(limited, 60);
    expect(await c.send('sync:request', { logId: null, seq: 0 })).toMatchObject({ ok: true });
    c.close();
    await healthy();
  });

  it('closes a connection sending a 10 MB string with "message too big", and the server runs on', async () => {
    const c = await rawClient(server.url, { audience: 'public' });
    const before = state();
    c.write(`2["log:add-entry",${JSON.stringify({ text: 'x'.repeat(10_000_000) })}]`);
    const closed = await c.closed;
    expect(closed.reason).toBe('transport close');
    expect(closed.description).toMatchObject({ context: { code: 1009 } });
    expect(state()).toBe(before);
    await healthy();
  });
});
