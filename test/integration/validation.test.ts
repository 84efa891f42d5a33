import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_LINE, MAX_TEXT, type Reply } from '@vigie/shared';
import { statementFields } from '@vigie/shared/testing';
import { startTestServer, type SeededSession, type TestServer } from '@vigie/server/testing';
import { contractViolations, key, observed, type ObservedClient } from './support/observedClient.ts';

let server: TestServer;
let c: ObservedClient;
let me: SeededSession;

beforeEach(async () => {
  server = await startTestServer();
  me = await server.as('commander');
  c = await observed(server.url, me);
  // One recorded change, so "nothing more was recorded" is checked against a log that has something.
  expect((await c.send('samu:set-status', { idempotencyKey: key(), samuId: 'samu-75', status: 'degrade' })).ok).toBe(
    true,
  );
});
afterEach(async () => {
  c.close();
  await server.close();
  expect(contractViolations).toEqual([]);
});

const code = (r: Reply) => (r.ok ? 'ok' : r.error.code);
const valid = () => ({ idempotencyKey: key(), hospitalId: 'cochin', systemId: 'dpi', status: 'indisponible' });

/** Sends a bad request and checks its code, and that nothing was recorded. */
async function refused(event: string, payload: unknown, expected: string) {
  const before = server.app.log.situation;
  const reply = await c.send(event, payload);
  expect(code(reply)).toBe(expected);
  expect(!reply.ok && reply.error.message).not.toMatch(/at .*\.ts|TypeError|SQLITE/);
  expect(server.app.log.situation).toBe(before);
  const tail = await server.store.readEvents(server.app.log.current.logId, before.seq - 1, 10);
  expect(tail.map((e) => e.seq)).toEqual([before.seq]);
}

describe('inbound validation', () => {
  it('refuses a malformed payload with invalid_payload', async () => {
    await refused('system:set-status', { ...valid(), status: 'explosé' }, 'invalid_payload');
    await refused('system:set-status', { ...valid(), extra: true }, 'invalid_payload');
    await refused('system:set-status', 'not an object', 'invalid_payload');
    await refused('system:set-status', { ...valid(), idempotencyKey: 'short' }, 'invalid_payload');
  });

  it('refuses an unknown event with invalid_payload', async () => {
    await refused('system:explode', valid(), 'invalid_payload');
  });

  it('refuses positional arguments with invalid_payload', async () => {
    const before = server.app.log.situation;
    const reply = await new Promise<Reply>((resolve) => {
      (c.socket.emit as (...a: unknown[]) => void)('system:set-status', valid(), 'second', resolve);
    });
    expect(code(reply)).toBe('invalid_payload');
    expect(server.app.log.situation).toBe(before);
  });

  it('refuses an oversized payload with invalid_payload naming the limit, and keeps the connection', async () => {
    const before = server.app.log.situation;
    const text = Array.from({ length: 30 }, () => 'é'.repeat(1000));
    expect(await c.send('log:add-entry', { idempotencyKey: key(), type: 'decision', text })).toEqual({
      ok: false,
      error: { code: 'invalid_payload', message: 'payload too large (limit 48 KiB)' },
    });
    expect(
      await c.send('log:add-entry', { idempotencyKey: key(), type: 'decision', text: 'x'.repeat(60_000) }),
    ).toEqual({
      ok: false,
      error: { code: 'invalid_payload', message: 'payload has a string longer than 20000 characters' },
    });
    expect(server.app.log.situation).toBe(before);
    expect(code(await c.send('system:set-status', valid()))).toBe('ok');
  });

  it('accepts the largest valid point de situation, accents included', async () => {
    const line = 'é'.repeat(MAX_LINE);
    const fields = {
      ...statementFields,
      cause: line,
      powerCut: line,
      expectedReturn: line,
      patientImpact: line,
      samu: line,
      emergencies: line,
      systems: line,
      body: 'è'.repeat(MAX_TEXT),
    };
    const lead = await observed(server.url, await server.as('lead'));
    await lead.send('incident:open', {
      idempotencyKey: key(),
      type: 'sse-numerique',
      title: 'Panne',
      cause: 'technique',
    });
    expect(await lead.send('statement:draft', { idempotencyKey: key(), fields })).toMatchObject({ ok: true });
    lead.close();
  });

  it('answers an unknown event named like an object property', async () => {
    for (const event of ['toString', 'constructor', 'hasOwnProperty']) await refused(event, valid(), 'invalid_payload');
  });

  it('refuses ids that are object property names, recording nothing', async () => {
    await refused('samu:set-status', { idempotencyKey: key(), samuId: 'constructor', status: 'degrade' }, 'not_found');
    await refused(
      'hospital:set-operating-mode',
      { idempotencyKey: key(), hospitalId: 'toString', mode: 'critique' },
      'not_found',
    );
  });

  it('answers a frame well above the payload limit but under the engine ceiling, and keeps the connection', async () => {
    const before = server.app.log.situation;
    const reply = await c.send('log:add-entry', { idempotencyKey: key(), type: 'decision', text: 'x'.repeat(900_000) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(server.app.log.situation).toBe(before);
    expect(c.socket.connected).toBe(true);
    expect(code(await c.send('system:set-status', valid()))).toBe('ok');
  });

  it('closes a connection that sends a frame above the engine ceiling (1 MiB) with "message too big", and serves others', async () => {
    const before = server.app.log.situation;
    const dropped = new Promise<[string, unknown]>((resolve) =>
      c.socket.once('disconnect', (reason, description) => resolve([reason, description])),
    );
    (c.socket.emit as (...a: unknown[]) => void)(
      'log:add-entry',
      { idempotencyKey: key(), type: 'decision', text: 'x'.repeat(2_000_000) },
      () => undefined,
    );
    const [reason, description] = await dropped;
    // What the client can tell its user: the WebSocket was closed with 1009, "message too big".
    expect(reason).toBe('transport close');
    expect(description).toMatchObject({ context: { code: 1009 } });
    expect(server.app.log.situation).toBe(before);
    const other = await observed(server.url, await server.as('commander'));
    expect(code(await other.send('system:set-status', valid()))).toBe('ok');
    other.close();
  });

  it('refuses a stale expected version with conflict and the current value with its author', async () => {
    expect(code(await c.send('system:set-status', valid()))).toBe('ok');
    const current = server.app.log.situation.items.system['cochin:dpi']!;
    const before = server.app.log.situation;
    const reply = await c.send('system:set-status', {
      ...valid(),
      status: 'degrade',
      expectedVersion: current.version - 1,
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { current: { value: 'indisponible', by: { id: me.accountId } } } },
    });
    expect(server.app.log.situation).toBe(before);
  });

  it('refuses a change from an anonymous reader with unauthorized', async () => {
    const anonymous = await observed(server.url);
    const before = server.app.log.situation;
    expect(code(await anonymous.send('system:set-status', valid()))).toBe('unauthorized');
    expect(server.app.log.situation).toBe(before);
    anonymous.close();
  });

  it('refuses a lead-only change from a commander with forbidden', async () => {
    await refused('eta:revise', { idempotencyKey: key(), label: 'lundi', targetAt: null, reason: '' }, 'forbidden');
  });
});
