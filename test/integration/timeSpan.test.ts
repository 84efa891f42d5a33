/**
 * Times a client gives, through the socket: when a change took effect lies within the incident's span
 * (at most 7 days before it started, at most a minute ahead of the clock); planned times (a due date,
 * a next review, the next point de situation) at most 30 days ahead; the estimated return to normal at
 * most a year ahead. Anything else is refused `invalid_payload`, naming the bound, and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '@vigie/shared';
import { statementFields } from '@vigie/shared/testing';
import { startTestServer, type TestServer } from '@vigie/server/testing';
import { key, observed, type ObservedClient } from './support/observedClient.ts';

const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const YEAR_ONE = '0001-01-01T00:00:00.000Z';

let server: TestServer;
let lead: ObservedClient;
/** The incident started 2 days ago (opened late, as happens). */
const startedAt = at(-2 * DAY);

beforeAll(async () => {
  server = await startTestServer();
  lead = await observed(server.url, { cookie: (await server.as(['lead', 'commander'])).cookie });
  const opened = await lead.send('incident:open', {
    idempotencyKey: key(),
    type: 'sse-numerique',
    title: 'Panne',
    cause: 'technique',
    startedAt,
  });
  expect(opened.ok).toBe(true);
});
afterAll(async () => {
  lead.close();
  await server.close();
});

/** Sends a change and says how it was answered, checking a refusal changed nothing. */
async function send(event: string, payload: Record<string, unknown>): Promise<string> {
  const before = server.app.log.situation.seq;
  const reply: Reply = await lead.send(event, { idempotencyKey: key(), ...payload });
  if (reply.ok) return 'ok';
  expect(server.app.log.situation.seq).toBe(before);
  return `${reply.error.code}: ${reply.error.message}`;
}

const samu = (effectiveAt: string) => send('samu:set-status', { samuId: 'samu-75', status: 'degrade', effectiveAt });

describe('when a change took effect', () => {
  it('refuses year 0001 and anything more than 7 days before the incident started, naming the bound', async () => {
    const earliest = new Date(Date.parse(startedAt) - 7 * DAY).toISOString();
    expect(await samu(YEAR_ONE)).toBe(
      `invalid_payload: effectiveAt ${YEAR_ONE} is too early: the earliest accepted is ${earliest} (7 days before the incident started)`,
    );
    expect(await samu(at(-9 * DAY - 60_000))).toMatch(/^invalid_payload: effectiveAt .* is too early/);
    expect(await samu(at(-8 * DAY))).toBe('ok');
    expect(await samu(at(-3_600_000))).toBe('ok');
  });

  it('refuses a time more than a minute ahead of the server clock, naming the bound', async () => {
    expect(await samu(at(5 * 60_000))).toMatch(
      /^invalid_payload: effectiveAt .* is too late: the latest accepted is .* \(1 minute ahead of the server clock\)$/,
    );
    expect(await samu(at(30_000))).toBe('ok');
  });

  it('checks it on every change that carries one', async () => {
    const draft = await lead.send('statement:draft', { idempotencyKey: key(), fields: statementFields });
    const { statementId } = (draft as { ok: true; data: { statementId: string } }).data;
    const refused = [
      send('items:set', {
        effectiveAt: YEAR_ONE,
        changes: [
          {
            item: { kind: 'system', id: 'cochin:dpi', value: 'degrade' },
            expectedVersion: server.app.log.situation.items.system['cochin:dpi']!.version,
          },
        ],
      }),
      send('log:add-entry', { type: 'decision', text: 'Décision', effectiveAt: YEAR_ONE }),
      send('eta:revise', { label: 'Lundi', targetAt: null, reason: 'r', effectiveAt: YEAR_ONE }),
      send('incident:update', { fields: { phase: 'qualification' }, effectiveAt: YEAR_ONE }),
      send('statement:draft', { fields: statementFields, effectiveAt: YEAR_ONE }),
      send('statement:edit', { statementId, fields: statementFields, effectiveAt: YEAR_ONE }),
      send('statement:publish', { statementId, effectiveAt: YEAR_ONE }),
      send('incident:close', { effectiveAt: YEAR_ONE }),
    ];
    for (const reply of await Promise.all(refused)) expect(reply).toMatch(/^invalid_payload: effectiveAt .* too early/);
  });

  it('bounds when the power came back like any fact', async () => {
    expect(await send('incident:update', { fields: { powerRestoredAt: YEAR_ONE } })).toMatch(
      /^invalid_payload: fields.powerRestoredAt .* too early/,
    );
    expect(await send('incident:update', { fields: { powerRestoredAt: at(DAY) } })).toMatch(
      /^invalid_payload: fields.powerRestoredAt .* too late/,
    );
  });
});

describe('planned times', () => {
  it('accepts a due date, a next review or a next point within 30 days, and refuses one further or before the incident', async () => {
    const entry = (dueAt: string) => send('log:add-entry', { type: 'action', text: 'Rappeler', dueAt });
    expect(await entry(at(10 * DAY))).toBe('ok');
    expect(await entry(at(45 * DAY))).toMatch(
      /^invalid_payload: dueAt .* is too late: the latest accepted is .* \(30 days ahead of the server clock\)$/,
    );
    expect(await entry(YEAR_ONE)).toMatch(/^invalid_payload: dueAt .* too early/);

    const review = (nextReviewAt: string) =>
      send('emergency:set-status', {
        departmentId: 'cochin-adulte',
        value: { status: 'ouvertes-ralenti', targetSiteId: null, nextReviewAt, note: null },
      });
    expect(await review(at(2 * 3_600_000))).toBe('ok');
    expect(await review('9999-12-31T00:00:00.000Z')).toMatch(/^invalid_payload: value.nextReviewAt .* too late/);
    expect(await review(YEAR_ONE)).toMatch(/^invalid_payload: value.nextReviewAt .* too early/);

    const point = (nextPointAt: string) => send('statement:draft', { fields: { ...statementFields, nextPointAt } });
    expect(await point(at(3_600_000))).toBe('ok');
    expect(await point(at(60 * DAY))).toMatch(/^invalid_payload: fields.nextPointAt .* too late/);
  });

  it('accepts an estimated return to normal within a year', async () => {
    const eta = (targetAt: string) => send('eta:revise', { label: 'Plus tard', targetAt, reason: 'Révision' });
    expect(await eta(at(90 * DAY))).toBe('ok');
    expect(await eta('9999-12-31T00:00:00.000Z')).toMatch(
      /^invalid_payload: targetAt .* is too late: the latest accepted is .* \(a year ahead of the server clock\)$/,
    );
  });
});

describe('when an incident started', () => {
  it('refuses a start more than 7 days back or more than a minute ahead', async () => {
    const open = (start: string) =>
      send('incident:open', { type: 'sse-numerique', title: 'Autre panne', cause: 'technique', startedAt: start });
    expect(await open(YEAR_ONE)).toMatch(/^invalid_payload: startedAt .* is too early: .* \(7 days before now\)$/);
    expect(await open(at(DAY))).toMatch(/^invalid_payload: startedAt .* too late/);
  });
});
