import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { statementFields } from '@vigie/shared/testing';
import type { CommandName, LogEvent, Reply } from '@vigie/shared';
import { IncidentLog, type RequestContext } from '../log/incidentLog.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqliteStore.ts';
import { buildPrincipal, defaultRegistry, tempDir } from '../testing.ts';
import type { Role } from '../domain/context.ts';

const registry = defaultRegistry();
const origin = { sessionId: null, address: '127.0.0.1' };
const as = (role: Role): RequestContext => ({ principal: buildPrincipal(role), origin });
/** A commander limited to one hospital other than the ones the cases write. */
const outOfScope: RequestContext = {
  principal: { ...buildPrincipal('commander', 'person-avicenne'), scope: { hospitals: ['avicenne'], ghus: [] } },
  origin,
};
let n = 0;
const key = () => `cmd-test-${++n}-key`;

interface Case {
  name: CommandName;
  /** A valid input (may depend on the log, e.g. a draft's id). */
  valid: (log: IncidentLog) => Record<string, unknown>;
  invalid: Record<string, unknown>;
  /** The least role allowed; the role below it must be refused. */
  refusedRole: Role;
  /** Whether the item is versioned (a stale expectedVersion is a conflict). */
  versioned: boolean;
  /** Whether a commander limited to another hospital is refused (the command writes a hospital's or the group's item). */
  scoped: boolean;
  /** The event it records, and what the situation then says (read by `effect`). */
  event: LogEvent['type'];
  effect: (log: IncidentLog) => unknown;
  expected: unknown;
}

const draftId = (log: IncidentLog) => Object.values(log.situation.statements)[0]!.id;

const cases: Case[] = [
  {
    name: 'incident:update',
    valid: () => ({ fields: { phase: 'qualification' } }),
    invalid: { fields: { phase: 'perdu' } },
    refusedRole: 'commander',
    versioned: true,
    scoped: false,
    event: 'incident.updated',
    effect: (l) => l.situation.incident?.phase,
    expected: 'qualification',
  },
  {
    name: 'incident:close',
    valid: () => ({}),
    invalid: { closedAt: 'hier' },
    refusedRole: 'commander',
    versioned: true,
    scoped: false,
    event: 'incident.closed',
    effect: (l) => l.situation.incident?.closedAt !== null,
    expected: true,
  },
  {
    name: 'hospital:set-response-level',
    valid: () => ({ hospitalId: 'cochin', level: 'niveau-2' }),
    invalid: { hospitalId: 'cochin', level: 'niveau-3' },
    refusedRole: 'viewer',
    versioned: true,
    scoped: true,
    event: 'value.set',
    effect: (l) => l.situation.items['response-level'].cochin?.value,
    expected: 'niveau-2',
  },
  {
    name: 'hospital:set-operating-mode',
    valid: () => ({ hospitalId: 'cochin', mode: 'procedures-degradees' }),
    invalid: { hospitalId: 'cochin' },
    refusedRole: 'viewer',
    versioned: true,
    scoped: true,
    event: 'value.set',
    effect: (l) => l.situation.items['operating-mode'].cochin?.value,
    expected: 'procedures-degradees',
  },
  {
    name: 'emergency:set-status',
    valid: () => ({
      departmentId: 'cochin-adulte',
      value: { status: 'delestage', targetSiteId: 'hegp', nextReviewAt: null, note: null },
    }),
    invalid: {
      departmentId: 'cochin-adulte',
      value: { status: 'delestage', targetSiteId: null, nextReviewAt: null, note: null },
    },
    refusedRole: 'viewer',
    versioned: true,
    scoped: true,
    event: 'value.set',
    effect: (l) => l.situation.items.emergency['cochin-adulte']?.value,
    expected: { status: 'delestage', targetSiteId: 'hegp', nextReviewAt: null, note: null },
  },
  {
    name: 'system:set-status',
    valid: () => ({ hospitalId: 'cochin', systemId: 'dpi', status: 'isole' }),
    invalid: { hospitalId: 'cochin', systemId: 'dpi', status: 'cassé' },
    refusedRole: 'viewer',
    versioned: true,
    scoped: true,
    event: 'value.set',
    effect: (l) => l.situation.items.system['cochin:dpi']?.value,
    expected: 'isole',
  },
  {
    name: 'samu:set-status',
    valid: () => ({ samuId: 'samu-75', status: 'degrade' }),
    invalid: { samuId: 'samu-75', status: 'normal' },
    refusedRole: 'viewer',
    versioned: true,
    scoped: true,
    event: 'value.set',
    effect: (l) => l.situation.items.samu['samu-75']?.value,
    expected: 'degrade',
  },
  {
    name: 'stage:set-state',
    valid: () => ({ stageId: 'reseau', state: 'en-cours' }),
    invalid: { stageId: 'cuisine', state: 'en-cours' },
    refusedRole: 'viewer',
    versioned: true,
    scoped: true,
    event: 'value.set',
    effect: (l) => l.situation.items.stage.reseau?.value,
    expected: 'en-cours',
  },
  {
    name: 'eta:revise',
    valid: () => ({ label: 'dimanche matin', targetAt: null, reason: 'estimation' }),
    invalid: { label: '', targetAt: null, reason: '' },
    refusedRole: 'commander',
    versioned: true,
    scoped: false,
    event: 'eta.revised',
    effect: (l) => l.situation.eta.at(-1)?.label,
    expected: 'dimanche matin',
  },
  {
    name: 'log:add-entry',
    valid: () => ({ type: 'decision', text: 'Passage au papier' }),
    invalid: { type: 'decision', text: '   ' },
    refusedRole: 'viewer',
    versioned: false,
    scoped: false,
    event: 'log.entry-added',
    effect: (l) => l.situation.log.at(-1)?.text,
    expected: 'Passage au papier',
  },
  {
    name: 'statement:draft',
    valid: () => ({ fields: statementFields }),
    invalid: { fields: { cause: 'x' } },
    refusedRole: 'viewer',
    versioned: false,
    scoped: false,
    event: 'statement.drafted',
    effect: (l) => Object.values(l.situation.statements).filter((st) => st.status === 'draft').length,
    expected: 2,
  },
  {
    name: 'statement:edit',
    valid: (log) => ({ statementId: draftId(log), fields: { ...statementFields, body: 'modifié' } }),
    invalid: { statementId: 'x', fields: {} },
    refusedRole: 'viewer',
    versioned: true,
    scoped: false,
    event: 'statement.edited',
    effect: (l) => l.situation.statements[draftId(l)]?.fields.body,
    expected: 'modifié',
  },
  {
    name: 'statement:publish',
    valid: (log) => ({ statementId: draftId(log) }),
    invalid: { statementId: 42 },
    refusedRole: 'commander',
    versioned: true,
    scoped: false,
    event: 'statement.published',
    effect: (l) => l.situation.statements[draftId(l)]?.status,
    expected: 'published',
  },
];

let log: IncidentLog;
let store: SqliteStore;
const eventsAfter = (seq: number) => store.readEvents(log.current.logId, seq, 1000);
const cleanups: (() => void)[] = [];
beforeEach(async () => {
  const tmp = tempDir();
  const opened = (store = openSqliteStore(join(tmp.dir, 's.sqlite'), 'live'));
  cleanups.push(() => {
    opened.db.close();
    tmp.remove();
  });
  log = new IncidentLog(store, registry);
  await log.open();
  await log.submit(
    'incident:open',
    { idempotencyKey: key(), type: 'sse-numerique', title: 'Panne', cause: 'indeterminee' },
    as('lead'),
  );
  await log.submit('statement:draft', { idempotencyKey: key(), fields: statementFields }, as('commander'));
});
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const code = (r: Reply) => (r.ok ? 'ok' : r.error.code);

describe.each(cases)('command $name', (c) => {
  it('succeeds for an allowed role, records its event and changes what it says', async () => {
    const before = log.situation.seq;
    const valid = c.valid(log);
    expect(c.effect(log)).not.toEqual(c.expected);
    const reply = await log.submit(c.name, { idempotencyKey: key(), ...valid }, as('lead'));
    expect(code(reply)).toBe('ok');
    expect((await eventsAfter(before)).map((e) => e.type)).toEqual([c.event]);
    expect(c.effect(log)).toEqual(c.expected);
  });

  it('refuses malformed input with invalid_payload and changes nothing', async () => {
    const before = log.situation;
    expect(code(await log.submit(c.name, { idempotencyKey: key(), ...c.invalid }, as('lead')))).toBe('invalid_payload');
    expect(log.situation).toBe(before);
  });

  it('refuses a role it does not allow with forbidden, and anonymous with unauthorized', async () => {
    const before = log.situation;
    expect(code(await log.submit(c.name, { idempotencyKey: key(), ...c.valid(log) }, as(c.refusedRole)))).toBe(
      'forbidden',
    );
    expect(
      code(await log.submit(c.name, { idempotencyKey: key(), ...c.valid(log) }, { principal: null, origin })),
    ).toBe('unauthorized');
    expect(log.situation).toBe(before);
  });
});

describe.each(cases.filter((c) => c.scoped))("command $name outside a commander's scope", (c) => {
  it('is refused with forbidden and changes nothing', async () => {
    const before = log.situation;
    const reply = await log.submit(c.name, { idempotencyKey: key(), ...c.valid(log) }, outOfScope);
    expect(!reply.ok && reply.error).toMatchObject({ code: 'forbidden', message: 'outside your scope' });
    expect(log.situation).toBe(before);
  });
});

describe.each(cases.filter((c) => c.versioned))('command $name on a versioned item', (c) => {
  it('refuses a request made against an older version with conflict, naming the current value', async () => {
    // Someone else changes the item first; the request still carries the version seen before.
    const seen = log.situation.seq;
    expect(code(await log.submit(c.name, { idempotencyKey: key(), ...c.valid(log) }, as('lead')))).toBe('ok');
    const before = log.situation;
    const stale = { idempotencyKey: key(), ...c.valid(log), expectedVersion: Math.min(seen, before.seq - 1) };
    const reply = await log.submit(c.name, stale, as('lead'));
    expect(code(reply)).toBe('conflict');
    expect(!reply.ok && reply.error.details).toHaveProperty('current');
    expect(log.situation).toBe(before);
  });
});

describe('command incident:open', () => {
  it('is for the lead only and starts a new log', async () => {
    const input = { type: 'sse-numerique', title: 'Deuxième', cause: 'cyber-suspectee' };
    expect(code(await log.submit('incident:open', { idempotencyKey: key(), ...input }, as('commander')))).toBe(
      'forbidden',
    );
    expect(
      code(await log.submit('incident:open', { idempotencyKey: key(), ...input, cause: 'panne' }, as('lead'))),
    ).toBe('invalid_payload');
    const previous = log.logId;
    expect(code(await log.submit('incident:open', { idempotencyKey: key(), ...input }, as('lead')))).toBe('ok');
    expect(log.logId).not.toBe(previous);
  });
});

describe('command item:release', () => {
  it('releases a held value, and is a conflict when nobody holds it', async () => {
    const item = { kind: 'system', id: 'cochin:dpi' };
    expect(code(await log.submit('item:release', { idempotencyKey: key(), item }, as('commander')))).toBe('conflict');
    await log.submit(
      'system:set-status',
      { idempotencyKey: key(), hospitalId: 'cochin', systemId: 'dpi', status: 'degrade' },
      as('commander'),
    );
    expect(code(await log.submit('item:release', { idempotencyKey: key(), item }, as('viewer')))).toBe('forbidden');
    expect(
      code(
        await log.submit('item:release', { idempotencyKey: key(), item: { kind: 'system', id: 'x' } }, as('commander')),
      ),
    ).toBe('not_found');
    expect(code(await log.submit('item:release', { idempotencyKey: key(), item }, as('commander')))).toBe('ok');
    expect(log.situation.items.system['cochin:dpi']?.heldBy).toBeNull();
  });
});

describe('command stage:set-state', () => {
  it('validates a stage only after every earlier stage', async () => {
    const set = (stageId: string) =>
      log.submit('stage:set-state', { idempotencyKey: key(), stageId, state: 'validee' }, as('commander'));
    expect(code(await set('messagerie-telephonie'))).toBe('invalid_payload');
    expect(code(await set('reseau'))).toBe('ok');
    expect(code(await set('messagerie-telephonie'))).toBe('ok');
  });
});

describe('effectiveAt', () => {
  it('refuses a time in the future', async () => {
    const reply = await log.submit(
      'samu:set-status',
      {
        idempotencyKey: key(),
        samuId: 'samu-75',
        status: 'degrade',
        effectiveAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
      as('commander'),
    );
    expect(code(reply)).toBe('invalid_payload');
  });
});

describe('command items:set (bulk change)', () => {
  const system = (hospitalId: string, status: string) => ({
    item: { kind: 'system', id: `${hospitalId}:dpi`, value: status },
    expectedVersion: log.situation.items.system[`${hospitalId}:dpi`]!.version,
  });
  const stage = (id: string) => ({
    item: { kind: 'stage', id, value: 'validee' },
    expectedVersion: log.situation.items.stage[id]!.version,
  });
  const bulk = (changes: unknown[], who = as('commander'), extra = {}) =>
    log.submit('items:set', { idempotencyKey: key(), changes, ...extra }, who);

  it('validates several stages together when the change brings the earlier ones too', async () => {
    expect(code(await bulk([stage('messagerie-telephonie'), stage('reseau')]))).toBe('ok');
  });

  it('records one event per item under one command id, and replies each new version', async () => {
    const before = log.situation.seq;
    const reply = await bulk([system('cochin', 'isole'), system('hegp', 'isole'), system('bichat', 'degrade')]);
    expect(reply.ok).toBe(true);
    const data = reply.ok ? (reply.data as { commandId: string; written: { id: string; version: number }[] }) : null;
    const events = await eventsAfter(before);
    expect(events.map((e) => [e.type, e.commandId])).toEqual(Array(3).fill(['value.set', data!.commandId]));
    expect(data!.written.map((w) => w.id)).toEqual(['cochin:dpi', 'hegp:dpi', 'bichat:dpi']);
    for (const w of data!.written) expect(log.situation.items.system[w.id]!.version).toBe(w.version);
  });

  it('refuses the whole change when one item changed since it was loaded, naming it and who changed it', async () => {
    const seen = [system('cochin', 'isole'), system('hegp', 'isole')];
    await log.submit(
      'system:set-status',
      { idempotencyKey: key(), hospitalId: 'hegp', systemId: 'dpi', status: 'degrade' },
      as('lead'),
    );
    const before = log.situation;
    const reply = await bulk(seen);
    expect(code(reply)).toBe('conflict');
    const details = !reply.ok ? (reply.error.details as { conflicts: { item: unknown; current: unknown }[] }) : null;
    expect(details!.conflicts).toHaveLength(1);
    expect(details!.conflicts[0]).toMatchObject({
      item: { kind: 'system', id: 'hegp:dpi' },
      current: { value: 'degrade', by: { name: 'Personne lead' } },
    });
    expect(log.situation).toBe(before);
  });

  it('is undone by a compensating change that the history keeps beside it', async () => {
    const previous = ['cochin', 'hegp'].map((h) => log.situation.items.system[`${h}:dpi`]!.value);
    const change = await bulk([system('cochin', 'isole'), system('hegp', 'isole')]);
    const { commandId, written } = change.ok
      ? (change.data as { commandId: string; written: { id: string; version: number }[] })
      : { commandId: '', written: [] };
    const undo = written.map((w, i) => ({
      item: { kind: 'system', id: w.id, value: previous[i] },
      expectedVersion: w.version,
    }));
    const at = log.situation.seq;
    expect(code(await bulk(undo, as('commander'), { undoes: commandId }))).toBe('ok');
    expect(['cochin', 'hegp'].map((h) => log.situation.items.system[`${h}:dpi`]!.value)).toEqual(previous);
    const events = await eventsAfter(at - 2);
    expect(events.map((e) => (e.type === 'value.set' ? [e.data.item.value, e.data.undoes ?? null] : null))).toEqual([
      ['isole', null],
      ['isole', null],
      [previous[0], commandId],
      [previous[1], commandId],
    ]);
    // Undoing twice is a conflict: the items are no longer at the versions the change wrote.
    expect(code(await bulk(undo, as('commander'), { undoes: commandId }))).toBe('conflict');
  });

  it("refuses a change with one item outside a commander's scope, and viewers", async () => {
    const before = log.situation;
    expect(code(await bulk([system('avicenne', 'isole'), system('cochin', 'isole')], outOfScope))).toBe('forbidden');
    expect(code(await bulk([system('avicenne', 'isole')], as('viewer')))).toBe('forbidden');
    expect(code(await bulk([system('avicenne', 'isole')], outOfScope))).toBe('ok');
    expect(log.situation.seq).toBe(before.seq + 1);
  });

  it('refuses malformed changes: an item twice, an unknown item, a closed diversion site, none, a stage out of order', async () => {
    const before = log.situation;
    expect(code(await bulk([system('cochin', 'isole'), system('cochin', 'degrade')]))).toBe('invalid_payload');
    expect(
      code(await bulk([{ item: { kind: 'system', id: 'nulle-part:dpi', value: 'isole' }, expectedVersion: 0 }])),
    ).toBe('not_found');
    const closed = registry.hospitals.flatMap((h) => h.sites).find((site) => site.closed !== null)!;
    const divert = {
      item: {
        kind: 'emergency',
        id: 'cochin-adulte',
        value: { status: 'delestage', targetSiteId: closed.id, nextReviewAt: null, note: null },
      },
      expectedVersion: log.situation.items.emergency['cochin-adulte']!.version,
    };
    expect(code(await bulk([system('hegp', 'isole'), divert]))).toBe('invalid_payload');
    expect(code(await bulk([]))).toBe('invalid_payload');
    expect(code(await bulk([stage('messagerie-telephonie')]))).toBe('invalid_payload');
    expect(log.situation).toBe(before);
  });
});
