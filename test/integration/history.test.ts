import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isEmergencyOpen,
  isInformed,
  operatingModes,
  queryDataSchemas,
  recoveryProgress,
  type QueryData,
  type QueryInput,
  type QueryName,
  type Reply,
} from '@vigie/shared';
import { buildPrincipal, defaultRegistry, startTestServer, type TestServer } from '@vigie/server/testing';
import { contractViolations, key, observed, type ObservedClient } from './support/observedClient.ts';

let server: TestServer;
const clients: ObservedClient[] = [];
const track = async (connecting: Promise<ObservedClient>) => {
  const client = await connecting;
  clients.push(client);
  return client;
};

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server.close();
  expect(contractViolations).toEqual([]);
});

const registry = defaultRegistry();
const dpi = { kind: 'system' as const, id: 'cochin:dpi' };
const statuses = ['indisponible', 'degrade', 'en-cours-de-retablissement', 'operationnel'] as const;
const origin = { sessionId: null, address: null };
const batch = { principal: buildPrincipal('commander', 'batch'), origin };
const robot = {
  principal: { actor: { kind: 'integration' as const, id: 'supervision', name: 'Supervision' }, roles: [] },
  origin,
};

/** Sends a query; an accepted reply's data must parse with the shared schema (the contract check). */
async function query<N extends QueryName>(
  c: ObservedClient,
  name: N,
  input: QueryInput<N>,
): Promise<Reply<QueryData<N>>> {
  const reply = await c.send(name, input);
  if (reply.ok) {
    const parsed = queryDataSchemas[name].safeParse(reply.data);
    if (!parsed.success) contractViolations.push(`${name} reply: ${parsed.error.message}`);
  }
  return reply as Reply<QueryData<N>>;
}

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.error.code}: ${reply.error.message}`);
  return reply.data;
}

const code = (reply: Reply) => (reply.ok ? 'ok' : reply.error.code);

/** Records `count` status changes straight through the log, as a commander, one after another. */
async function writes(count: number, hospitalIds = ['cochin']) {
  for (let i = 0; i < count; i++) {
    const hospitalId = hospitalIds[i % hospitalIds.length]!;
    const status = statuses[(i + Math.floor(i / hospitalIds.length)) % statuses.length];
    const reply = await server.app.log.submit(
      'system:set-status',
      { idempotencyKey: key(), hospitalId, systemId: 'dpi', status },
      batch,
    );
    expect(reply.ok).toBe(true);
  }
}

async function openIncident(l: ObservedClient) {
  data(
    await l.send('incident:open', { idempotencyKey: key(), type: 'sse-numerique', title: 'Panne', cause: 'technique' }),
  );
}

describe('history:item', () => {
  it('lists every value an item took, with who set it, when and when it took effect, newest first', async () => {
    const leadSession = await server.as('lead');
    const cmdSession = await server.as('commander', { name: 'Claire Commandant' });
    const l = await track(observed(server.url, leadSession));
    const c = await track(observed(server.url, cmdSession));
    const viewer = await track(observed(server.url));
    await openIncident(l);
    const backdated = new Date(Date.now() - 60 * 60_000).toISOString();
    const set = (who: ObservedClient, status: string, extra = {}) =>
      who.send('system:set-status', { idempotencyKey: key(), hospitalId: 'cochin', systemId: 'dpi', status, ...extra });
    data(await set(c, 'indisponible'));
    data(await set(l, 'degrade', { effectiveAt: backdated }));
    expect(
      (
        await server.app.log.submit(
          'system:set-status',
          { idempotencyKey: key(), hospitalId: 'cochin', systemId: 'dpi', status: 'operationnel' },
          robot,
        )
      ).ok,
    ).toBe(true);
    data(await l.send('item:release', { idempotencyKey: key(), item: dpi }));

    const history = data(await query(viewer, 'history:item', { item: dpi }));

    expect(history.before).toBeNull();
    expect(history.entries).toMatchObject([
      { type: 'value.released', value: null, by: { id: leadSession.accountId }, effectiveAt: null },
      {
        type: 'value.ignored',
        value: 'operationnel',
        by: { kind: 'integration', id: 'supervision' },
        effectiveAt: null,
      },
      { type: 'value.set', value: 'degrade', by: { id: leadSession.accountId }, effectiveAt: backdated },
      {
        type: 'value.set',
        value: 'indisponible',
        by: { id: cmdSession.accountId, name: 'Claire Commandant' },
        effectiveAt: null,
      },
    ]);
    const seqs = history.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    for (const e of history.entries) expect(Math.abs(Date.parse(e.recordedAt) - Date.now())).toBeLessThan(10_000);
  });

  it('refuses an item that does not exist and a page larger than the limit', async () => {
    const viewer = await track(observed(server.url));
    expect(code(await query(viewer, 'history:item', { item: { kind: 'system', id: 'nowhere:dpi' } }))).toBe(
      'not_found',
    );
    expect(code(await query(viewer, 'history:item', { item: { kind: 'system', id: 'constructor' } }))).toBe(
      'not_found',
    );
    expect(code(await query(viewer, 'history:item', { item: dpi, limit: 201 }))).toBe('invalid_payload');
  });
});

describe('paging', () => {
  /**
   * Reads a query page by page from the first page read at the start, writing more events between
   * pages; returns the pages' seqs and the full list read at the start.
   */
  async function pageWhileWriting<N extends 'history:item' | 'audit:list'>(
    c: ObservedClient,
    name: N,
    input: QueryInput<N>,
  ): Promise<{ paged: number[]; atStart: number[]; pages: number }> {
    const atStart = data(await query(c, name, { ...input, limit: 200 })).entries.map((e) => e.seq);
    let page = data(await query(c, name, { ...input, limit: 5 }));
    const paged = page.entries.map((e) => e.seq);
    let pages = 1;
    while (page.before !== null) {
      await writes(3, ['cochin', 'hegp']);
      page = data(await query(c, name, { ...input, limit: 5, before: page.before }));
      paged.push(...page.entries.map((e) => e.seq));
      pages += 1;
    }
    return { paged, atStart, pages };
  }

  it('returns the same item history page by page while new values arrive: no duplicates, no gaps', async () => {
    const viewer = await track(observed(server.url));
    await writes(23);

    const { paged, atStart, pages } = await pageWhileWriting(viewer, 'history:item', { item: dpi });

    expect(atStart).toHaveLength(23);
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(paged).toEqual(atStart);
    expect(data(await query(viewer, 'history:item', { item: dpi, limit: 200 })).entries.length).toBeGreaterThan(23);
  });

  it('returns the same audit trail page by page while new events arrive', async () => {
    const l = await track(observed(server.url, await server.as('lead')));
    await writes(17, ['cochin', 'necker']);

    const { paged, atStart } = await pageWhileWriting(l, 'audit:list', {});

    expect(atStart).toEqual(Array.from({ length: 17 }, (_, i) => 17 - i));
    expect(paged).toEqual(atStart);
  });
});

describe('audit:list', () => {
  it('refuses the audit trail to a viewer and a commander, and gives a lead who did what, from which address and session', async () => {
    const leadSession = await server.as('lead');
    const cmdSession = await server.as('commander');
    const l = await track(observed(server.url, leadSession));
    const c = await track(observed(server.url, cmdSession));
    const viewer = await track(observed(server.url));
    await openIncident(l);
    data(
      await c.send('system:set-status', {
        idempotencyKey: key(),
        hospitalId: 'cochin',
        systemId: 'dpi',
        status: 'degrade',
      }),
    );

    expect(code(await query(viewer, 'audit:list', {}))).toBe('unauthorized');
    expect(code(await query(c, 'audit:list', {}))).toBe('forbidden');
    const pub = await track(observed(server.url, { audience: 'public' }));
    expect(code(await query(pub, 'history:item', { item: dpi }))).toBe('forbidden');
    const audit = data(await query(l, 'audit:list', {}));

    expect(audit.entries).toMatchObject([
      { seq: 2, type: 'value.set', by: { id: cmdSession.accountId }, origin: { sessionId: cmdSession.sessionId } },
      {
        seq: 1,
        type: 'incident.opened',
        by: { id: leadSession.accountId },
        origin: { sessionId: leadSession.sessionId },
      },
    ]);
    for (const e of audit.entries) {
      expect(e.origin.address).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
      expect(e.commandId).toEqual(expect.any(String));
    }
    const mine = data(await query(l, 'audit:list', { actorId: `person:${cmdSession.accountId}` }));
    expect(mine.entries.map((e) => e.seq)).toEqual([2]);
  });
});

describe('history:series', () => {
  it('bounds every series by maxPoints, its first and last points matching the first and last states', async () => {
    const l = await track(observed(server.url, await server.as('lead')));
    const c = await track(observed(server.url, await server.as('commander')));
    await openIncident(l);
    const startedAt = Date.parse(server.app.log.situation.incident!.startedAt);
    const first = server.app.log.situation;
    const hospitalIds = registry.hospitals.slice(0, 12).map((h) => h.id);
    await writes(200, hospitalIds);
    for (const [i, hospitalId] of hospitalIds.entries()) {
      const mode = operatingModes.ids[(i % (operatingModes.ids.length - 1)) + 1];
      data(await c.send('hospital:set-operating-mode', { idempotencyKey: key(), hospitalId, mode }));
    }
    const last = server.app.log.situation;

    const full = data(await query(c, 'history:series', { maxPoints: 2000 }));
    const reply = data(await query(c, 'history:series', { maxPoints: 8 }));

    expect(reply).toMatchObject({ logId: last.logId, seq: last.seq });
    expect(full.series['recovery']!.t.length).toBeGreaterThan(8);
    for (const [name, { t, v }] of Object.entries(reply.series)) {
      expect(t.length, name).toBeLessThanOrEqual(8);
      expect(t.length, name).toBe(v.length);
      expect(t, name).toEqual([...t].sort((a, b) => a - b));
      expect([t[0], v[0], t.at(-1), v.at(-1)], name).toEqual([
        full.series[name]!.t[0],
        full.series[name]!.v[0],
        full.series[name]!.t.at(-1),
        full.series[name]!.v.at(-1),
      ]);
    }
    // As screens read them: a registry default is not informed, so it counts as inconnu and never as open.
    const modes = (s: typeof first, mode: string) =>
      Object.values(s.items['operating-mode']).filter((h) => (isInformed(h) ? h.value : 'inconnu') === mode).length;
    const open = (s: typeof first) =>
      Object.values(s.items.emergency).filter((e) => isInformed(e) && isEmergencyOpen(e.value.status)).length;
    for (const mode of operatingModes.ids) {
      const series = reply.series[`mode:${mode}`]!;
      expect([series.t[0], series.v[0]], mode).toEqual([startedAt, modes(first, mode)]);
      expect(series.v.at(-1), mode).toBe(modes(last, mode));
    }
    expect(reply.series['emergencies-open']).toEqual({ t: [startedAt], v: [open(first)] });
    expect(reply.series['recovery']!.v.at(-1)).toBe(recoveryProgress(last, registry).overall.share);
  });

  it('refuses maxPoints out of bounds and a window ending before it starts', async () => {
    const viewer = await track(observed(server.url));
    expect(code(await query(viewer, 'history:series', { maxPoints: 1 }))).toBe('invalid_payload');
    expect(code(await query(viewer, 'history:series', { maxPoints: 2001 }))).toBe('invalid_payload');
    const from = new Date().toISOString();
    const to = new Date(Date.now() - 60_000).toISOString();
    expect(code(await query(viewer, 'history:series', { from, to }))).toBe('invalid_payload');
    expect(code(await query(viewer, 'history:series', {}))).toBe('ok');
  });
});
