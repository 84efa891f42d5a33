import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandResult, Reply } from '@vigie/shared';
import { buildPrincipal, defaultRegistry, tempDir, withOverrides } from '../testing.ts';
import { StoreUnavailableError, type EventStore } from '../store/eventStore.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqliteStore.ts';
import { IncidentLog, type Committed, type IncidentLogOptions, type RequestContext } from './incidentLog.ts';

const registry = defaultRegistry();
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const origin = { sessionId: 'session-1', address: '192.0.2.10' };
const as = (role: Parameters<typeof buildPrincipal>[0] = 'lead', id?: string): RequestContext => ({
  principal: buildPrincipal(role, id),
  origin,
});
const robot: RequestContext = {
  principal: { actor: { kind: 'integration', id: 'supervision', name: 'Supervision' }, roles: [] },
  origin,
};
let keyCounter = 0;
const key = () => `key-${++keyCounter}-xxxxxxxx`;

async function openLog(wrap?: (s: SqliteStore) => EventStore, options: IncidentLogOptions = {}) {
  const tmp = tempDir();
  const path = join(tmp.dir, 'log.sqlite');
  const sqlite = openSqliteStore(path, 'live');
  cleanups.push(() => {
    void sqlite.close();
    tmp.remove();
  });
  const log = new IncidentLog(wrap ? wrap(sqlite) : sqlite, registry, options);
  await log.open();
  return { log, sqlite, path };
}

const openIncident = (log: IncidentLog) =>
  log.submit(
    'incident:open',
    { idempotencyKey: key(), type: 'sse-numerique', title: 'Panne', cause: 'indeterminee' },
    as('lead'),
  );
const setSystem = (log: IncidentLog, status: string, request = as('commander'), extra: Record<string, unknown> = {}) =>
  log.submit(
    'system:set-status',
    { idempotencyKey: key(), hospitalId: 'cochin', systemId: 'dpi', status, ...extra },
    request,
  );

function ok(reply: Reply<CommandResult>): CommandResult {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.error.code}: ${reply.error.message}`);
  return reply.data;
}

describe('IncidentLog.submit', () => {
  it('numbers events gap-free and commits concurrent requests in one group', async () => {
    let appends = 0;
    const { log } = await openLog((s) => withOverrides(s, { append: (b) => (appends++, s.append(b)) }), {
      batchDecideMs: Number.POSITIVE_INFINITY, // the group's size is the subject, not this machine's speed
    });
    ok(await openIncident(log));
    appends = 0;
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) => setSystem(log, i % 2 ? 'indisponible' : 'degrade')),
    );
    expect(replies.map((r) => ok(r).seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    expect(appends).toBe(1);
    expect(log.situation.seq).toBe(101);
  });

  it('commits a group once its deciding time is spent, each group holding at least one request', async () => {
    let appends = 0;
    const { log } = await openLog((s) => withOverrides(s, { append: (b) => (appends++, s.append(b)) }), {
      batchDecideMs: 0,
    });
    ok(await openIncident(log));
    appends = 0;
    const replies = await Promise.all(Array.from({ length: 20 }, () => setSystem(log, 'indisponible')));
    expect(replies.map((r) => ok(r).seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(appends).toBe(20);
  });

  it('commits requests of many items in groups of about 250 events, never splitting a request', async () => {
    const groups: number[] = [];
    const { log } = await openLog((s) =>
      withOverrides(s, { append: (b) => (groups.push(b.events.length), s.append(b)) }),
    );
    ok(await openIncident(log));
    groups.length = 0;
    const hospitals = registry.hospitals.slice(0, 10).map((h) => h.id);
    const systems = registry.systems.map((s) => s.id);
    const requests = Array.from({ length: 60 }, (_, i) =>
      log.submit(
        'items:set',
        {
          idempotencyKey: key(),
          changes: hospitals.map((h) => ({
            item: {
              kind: 'system',
              id: `${h}:${systems[i % systems.length]!}`,
              value: i % 2 ? 'degrade' : 'indisponible',
            },
          })),
        },
        as('commander'),
      ),
    );
    const replies = (await Promise.all(requests)).map(ok);

    expect(groups.reduce((a, b) => a + b, 0)).toBe(600);
    expect(groups.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...groups)).toBeLessThanOrEqual(250);
    expect(replies.map((r) => r.seq)).toEqual(Array.from({ length: 60 }, (_, i) => 1 + 10 * (i + 1)));
  });

  it('answers internal, never ok, when the commit throws, and changes nothing', async () => {
    let failing = false;
    const heard: Committed[] = [];
    const { log } = await openLog((s) =>
      withOverrides(s, { append: (b) => (failing ? Promise.reject(new Error('disk full')) : s.append(b)) }),
    );
    ok(await openIncident(log));
    log.subscribe((c) => heard.push(c));
    const before = log.situation;
    failing = true;
    const reply = await setSystem(log, 'indisponible');
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: expect.not.stringContaining('disk') } });
    expect(log.situation).toBe(before);
    expect(heard).toEqual([]);
    failing = false;
    expect(ok(await setSystem(log, 'indisponible')).seq).toBe(before.seq + 1);
  });

  it('opens each incident in a new log with its own id and sequence', async () => {
    const { log } = await openLog();
    const first = log.logId;
    ok(await openIncident(log));
    expect(log.logId).not.toBe(first);
    expect(log.situation.seq).toBe(1);
    expect(log.situation.incident?.title).toBe('Panne');
  });

  it('rebuilds the same situation from the store after a restart', async () => {
    const { log, sqlite, path } = await openLog();
    ok(await openIncident(log));
    ok(await setSystem(log, 'indisponible'));
    const before = log.situation;
    sqlite.db.close();
    const reopened = new IncidentLog(openSqliteStore(path, 'live'), registry);
    await reopened.open();
    expect(reopened.situation).toEqual(before);
  });
});

describe('a store that stops taking writes', () => {
  const until = async (check: () => boolean, ms = 5_000) => {
    for (const end = Date.now() + ms; !check() && Date.now() < end;) await new Promise((r) => setTimeout(r, 10));
    return check();
  };

  it('is noticed while nothing is written, refuses changes at once, and resumes by itself once it takes them again', async () => {
    let down = false;
    const { log } = await openLog(
      (s) =>
        withOverrides(s, {
          exclusive: (position, decide) =>
            down ? Promise.reject(new StoreUnavailableError(new Error('gone'))) : s.exclusive(position, decide),
        }),
      { watchMs: 20 },
    );
    const heard: boolean[] = [];
    log.onWritable((writable) => heard.push(writable));
    ok(await openIncident(log));

    down = true;
    expect(await until(() => !log.writable)).toBe(true);
    expect(await setSystem(log, 'indisponible')).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    down = false;
    expect(await until(() => log.writable)).toBe(true);
    expect(heard).toEqual([false, true]);
    ok(await setSystem(log, 'indisponible'));
    await log.close();
  });
});

describe('idempotency', () => {
  it('returns the original result for the same key and payload, and records nothing', async () => {
    const { log } = await openLog();
    ok(await openIncident(log));
    const input = { idempotencyKey: 'same-key-123', hospitalId: 'cochin', systemId: 'dpi', status: 'indisponible' };
    const first = ok(await log.submit('system:set-status', input, as('commander')));
    const again = ok(await log.submit('system:set-status', input, as('commander')));
    expect(again).toEqual(first);
    expect(log.situation.seq).toBe(first.seq);
  });

  it('refuses the same key with a different payload as invalid_payload', async () => {
    const { log } = await openLog();
    ok(await openIncident(log));
    const input = { idempotencyKey: 'same-key-456', hospitalId: 'cochin', systemId: 'dpi', status: 'indisponible' };
    ok(await log.submit('system:set-status', input, as('commander')));
    const reply = await log.submit('system:set-status', { ...input, status: 'degrade' }, as('commander'));
    expect(reply.ok === false && reply.error.code).toBe('invalid_payload');
    expect(log.situation.items.system['cochin:dpi']?.value).toBe('indisponible');
  });

  it('scopes keys to their actor', async () => {
    const { log } = await openLog();
    ok(await openIncident(log));
    const input = { idempotencyKey: 'shared-key-789', hospitalId: 'cochin', systemId: 'dpi', status: 'indisponible' };
    const a = ok(await log.submit('system:set-status', input, as('commander', 'a')));
    const b = ok(await log.submit('system:set-status', input, as('commander', 'b')));
    expect(b.seq).toBe(a.seq + 1);
  });

  it('survives a restart of the log', async () => {
    const { log, sqlite, path } = await openLog();
    ok(await openIncident(log));
    const input = { idempotencyKey: 'durable-key-1', hospitalId: 'cochin', systemId: 'dpi', status: 'indisponible' };
    const first = ok(await log.submit('system:set-status', input, as('commander')));
    sqlite.db.close();
    const reopened = new IncidentLog(openSqliteStore(path, 'live'), registry);
    await reopened.open();
    expect(ok(await reopened.submit('system:set-status', input, as('commander')))).toEqual(first);
    expect(reopened.situation.seq).toBe(first.seq);
  });
});

describe('people over automation', () => {
  it('records a machine write to a held value as ignored and names who holds it', async () => {
    const { log } = await openLog();
    ok(await openIncident(log));
    ok(await setSystem(log, 'degrade'));
    const reply = ok(await setSystem(log, 'operationnel', robot));
    expect(reply).toMatchObject({
      ignored: [{ item: { kind: 'system', id: 'cochin:dpi' }, heldBy: { kind: 'person', id: 'person-commander' } }],
    });
    expect(log.situation.items.system['cochin:dpi']?.value).toBe('degrade');
    expect(log.situation.journal.at(-1)).toMatchObject({ outcome: 'ignored', value: 'operationnel' });
  });

  it('lets only a person release a held value', async () => {
    const { log } = await openLog();
    ok(await openIncident(log));
    ok(await setSystem(log, 'degrade'));
    const release = { idempotencyKey: key(), item: { kind: 'system', id: 'cochin:dpi' } };
    expect(await log.submit('item:release', release, robot)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(log.situation.items.system['cochin:dpi']?.heldBy).not.toBeNull();
  });

  it('lets automation write again once a person releases the value', async () => {
    const { log } = await openLog();
    ok(await openIncident(log));
    ok(await setSystem(log, 'degrade'));
    ok(
      await log.submit(
        'item:release',
        { idempotencyKey: key(), item: { kind: 'system', id: 'cochin:dpi' } },
        as('commander'),
      ),
    );
    expect(ok(await setSystem(log, 'operationnel', robot)).ignored).toBeUndefined();
    expect(log.situation.items.system['cochin:dpi']).toMatchObject({ value: 'operationnel', heldBy: null });
  });
});
