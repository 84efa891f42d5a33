/**
 * The role table (README "Access") as a fixture: every socket event and every HTTP route, tried
 * as anonymous, viewer, out-of-scope commander, commander, lead and admin with a valid request.
 * Exactly the allowed ones succeed, and only they change anything (the incident log or the access store).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientEventSchemas, type Reply } from '@vigie/shared';
import { apiRoutes, type ApiRouteName } from '@vigie/shared/api';
import { statementFields } from '@vigie/shared/testing';
import { buildPrincipal, startTestServer, type SeededSession, type TestServer } from '@vigie/server/testing';
import { callApi } from '../support/api.ts';
import { key, observe, type ObservedClient } from '../support/observedClient.ts';

type Who = 'anonymous' | 'viewer' | 'outOfScope' | 'commander' | 'lead' | 'admin';
const everyone: Who[] = ['anonymous', 'viewer', 'outOfScope', 'commander', 'lead', 'admin'];
const signedIn: Who[] = ['viewer', 'outOfScope', 'commander', 'lead', 'admin'];
const writers: Who[] = ['commander', 'lead'];
const anyCommander: Who[] = ['outOfScope', 'commander', 'lead'];
const leadOnly: Who[] = ['lead'];

/** Per socket event: who may, whether it writes, and a valid request (prepared by the lead where it needs something). */
interface SocketCase {
  allowed: Who[];
  writes: boolean;
  payload: (n: number) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

let server: TestServer;
const sessions = {} as Record<Exclude<Who, 'anonymous'>, SeededSession>;
const leadRequest = { principal: buildPrincipal('lead', 'walk-lead'), origin: { sessionId: null, address: null } };

/** Submits a change as the lead, straight through the log (set-up, not under test). */
async function asLead(name: string, input: Record<string, unknown>) {
  const reply = await server.app.log.submit(name, { idempotencyKey: key(), ...input }, leadRequest);
  if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
  return reply.data;
}

async function ensureOpenIncident() {
  const incident = server.app.log.situation.incident;
  if (!incident || incident.phase === 'cloture')
    await asLead('incident:open', { type: 'sse-numerique', title: 'Panne', cause: 'technique' });
}

const pick = <T>(values: readonly T[], n: number) => values[n % values.length]!;

const socketCases: Record<keyof typeof clientEventSchemas, SocketCase> = {
  'incident:open': {
    allowed: leadOnly,
    writes: true,
    payload: () => ({ type: 'sse-numerique', title: 'Nouvelle panne', cause: 'technique' }),
  },
  'incident:update': { allowed: leadOnly, writes: true, payload: (n) => ({ fields: { causeNote: `Note ${n}` } }) },
  'incident:close': { allowed: leadOnly, writes: true, payload: () => ({}) },
  'hospital:set-response-level': {
    allowed: writers,
    writes: true,
    payload: (n) => ({ hospitalId: 'cochin', level: pick(['niveau-1', 'niveau-2'], n) }),
  },
  'hospital:set-operating-mode': {
    allowed: writers,
    writes: true,
    payload: (n) => ({ hospitalId: 'cochin', mode: pick(['ralenti-maitrise', 'critique'], n) }),
  },
  'emergency:set-status': {
    allowed: writers,
    writes: true,
    payload: (n) => ({
      departmentId: 'cochin-adulte',
      value: {
        status: pick(['ouvertes-ralenti', 'acces-regule'], n),
        targetSiteId: null,
        nextReviewAt: null,
        note: null,
      },
    }),
  },
  'system:set-status': {
    allowed: writers,
    writes: true,
    payload: (n) => ({ hospitalId: 'cochin', systemId: 'dpi', status: pick(['degrade', 'indisponible'], n) }),
  },
  'samu:set-status': {
    allowed: writers,
    writes: true,
    payload: (n) => ({ samuId: 'samu-75', status: pick(['degrade', 'operationnel'], n) }),
  },
  'stage:set-state': {
    allowed: writers,
    writes: true,
    payload: (n) => ({ stageId: 'reseau', state: pick(['en-cours', 'a-venir'], n) }),
  },
  'item:release': {
    allowed: writers,
    writes: true,
    payload: async (n) => {
      await asLead('hospital:set-operating-mode', {
        hospitalId: 'cochin',
        mode: pick(['ralenti-maitrise', 'critique'], n),
      });
      return { item: { kind: 'operating-mode', id: 'cochin' } };
    },
  },
  'items:set': {
    allowed: writers,
    writes: true,
    payload: (n) => ({
      changes: ['dpi', 'messagerie'].map((systemId) => {
        const id = `cochin:${systemId}`;
        const version = server.app.log.situation.items.system[id]!.version;
        return { item: { kind: 'system', id, value: pick(['degrade', 'indisponible'], n) }, expectedVersion: version };
      }),
    }),
  },
  'eta:revise': {
    allowed: leadOnly,
    writes: true,
    payload: (n) => ({ label: `Dimanche ${n} h`, targetAt: null, reason: 'Révision' }),
  },
  'log:add-entry': {
    allowed: anyCommander,
    writes: true,
    payload: (n) => ({ type: 'decision', text: `Décision ${n}` }),
  },
  'statement:draft': { allowed: anyCommander, writes: true, payload: () => ({ fields: statementFields }) },
  'statement:edit': {
    allowed: anyCommander,
    writes: true,
    payload: async (n) => {
      const { statementId } = (await asLead('statement:draft', { fields: statementFields })) as { statementId: string };
      return { statementId, fields: { ...statementFields, body: `Version ${n}` } };
    },
  },
  'statement:publish': {
    allowed: leadOnly,
    writes: true,
    payload: async () => {
      const { statementId } = (await asLead('statement:draft', { fields: statementFields })) as { statementId: string };
      return { statementId };
    },
  },
  'history:series': { allowed: signedIn, writes: false, payload: () => ({ maxPoints: 10 }) },
  'history:item': { allowed: signedIn, writes: false, payload: () => ({ item: { kind: 'system', id: 'cochin:dpi' } }) },
  'audit:list': { allowed: ['lead', 'admin'], writes: false, payload: () => ({}) },
  'log:list': { allowed: signedIn, writes: false, payload: () => ({ limit: 10 }) },
  'changes:list': { allowed: anyCommander, writes: false, payload: () => ({}) },
  'sync:request': { allowed: everyone, writes: false, payload: () => ({ logId: null, seq: 0 }) },
};

/** Per HTTP route: who may, whether it writes, and a valid call (prepared with the admin's rights where it needs something). */
interface RouteCase {
  allowed: Who[];
  writes: boolean;
  call: () =>
    Promise<{ params?: Record<string, string>; body?: unknown }> | { params?: Record<string, string>; body?: unknown };
}

const admin = () => ({
  principal: {
    actor: { kind: 'person' as const, id: sessions.admin.accountId, name: 'Admin' },
    roles: ['admin' as const],
  },
  origin: { sessionId: null, address: null },
});
const newAccount = async () =>
  (await server.app.access.createAccounts([{ name: 'Walk Person', roles: ['viewer'], scope: null }], admin()))[0]!;
const newScreen = () => server.app.access.registerScreen('Écran walk', admin());

const routeCases: Record<ApiRouteName, RouteCase> = {
  'session:get': { allowed: everyone, writes: false, call: () => ({}) },
  // Signing in is open to all: the credentials are the check.
  'session:sign-in': {
    allowed: everyone,
    writes: true,
    call: async () => {
      const { login, code } = await newAccount();
      const session = await server.app.access.signInWithCode(code, { address: null });
      await server.app.access.setPassword(
        { principal: session.principal, origin: { sessionId: null, address: null } },
        'phrase de passe assez longue',
        undefined,
      );
      return { body: { login, password: 'phrase de passe assez longue' } };
    },
  },
  'session:code': {
    allowed: everyone,
    writes: true,
    call: async () => ({ body: { code: (await newAccount()).code } }),
  },
  'screen:pair': {
    allowed: everyone,
    writes: true,
    call: async () => ({ body: { secret: (await newScreen()).secret } }),
  },
  'session:password': {
    allowed: signedIn,
    writes: true,
    call: () => ({ body: { password: 'une phrase de passe' } }),
  },
  'session:sign-out': { allowed: everyone, writes: true, call: () => ({}) },
  'admin:accounts': { allowed: ['admin'], writes: false, call: () => ({}) },
  'admin:accounts:create': {
    allowed: ['admin'],
    writes: true,
    call: () => ({ body: { accounts: [{ name: 'Nouvelle Personne', roles: ['commander'], scope: null }] } }),
  },
  'admin:account:update': {
    allowed: ['admin'],
    writes: true,
    call: async () => ({ params: { id: (await newAccount()).accountId }, body: { roles: ['commander'] } }),
  },
  'admin:account:code': {
    allowed: ['admin'],
    writes: true,
    call: async () => ({ params: { id: (await newAccount()).accountId } }),
  },
  'admin:account:sessions:revoke': {
    allowed: ['admin'],
    writes: true,
    call: async () => {
      const { code, accountId } = await newAccount();
      await server.app.access.signInWithCode(code, { address: null });
      return { params: { id: accountId } };
    },
  },
  'admin:screens': { allowed: ['admin'], writes: false, call: () => ({}) },
  'admin:screens:create': { allowed: ['admin'], writes: true, call: () => ({ body: { name: 'Écran hall' } }) },
  'admin:screen:pairing': {
    allowed: ['admin'],
    writes: true,
    call: async () => ({ params: { id: (await newScreen()).screen.id } }),
  },
  'admin:screen:revoke': {
    allowed: ['admin'],
    writes: true,
    call: async () => ({ params: { id: (await newScreen()).screen.id } }),
  },
};

/** Everything the access store holds but the clocks of session use (reading touches them). */
function accessFingerprint(): string {
  const db = server.accessStore.db;
  const tables = ['accounts', 'codes', 'screens', 'pairings', 'journal'].map((t) =>
    JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()),
  );
  const sessionRows = db.prepare('SELECT id, account_id, screen_id, ended_at FROM sessions ORDER BY id').all();
  return [...tables, JSON.stringify(sessionRows)].join('\n');
}
const logFingerprint = () => `${server.app.log.situation.logId}:${server.app.log.situation.seq}`;

beforeAll(async () => {
  server = await startTestServer({ openRead: false });
  sessions.viewer = await server.as('viewer');
  sessions.outOfScope = await server.as('commander', { scope: { hospitals: ['avicenne'], ghus: [] } });
  sessions.commander = await server.as('commander');
  sessions.lead = await server.as('lead');
  sessions.admin = await server.as('admin');
});
afterAll(() => server.close());

describe('the role table, walked', () => {
  it('lists a case for every registered socket event and every route', () => {
    expect(Object.keys(socketCases).sort()).toEqual(Object.keys(clientEventSchemas).sort());
    expect(Object.keys(routeCases).sort()).toEqual(Object.keys(apiRoutes).sort());
  });

  it('refuses every socket to an anonymous reader when reading without an account is off', async () => {
    const c = observe(server.url);
    const error = await new Promise<Error>((resolve) => c.socket.once('connect_error', resolve));
    c.close();
    expect(error.message).toBe('unauthorized');
  });

  it('lets exactly the allowed roles perform each socket event, and only they change anything', async () => {
    const clients = {} as Record<Who, ObservedClient>;
    // Without an account, only the public summary connects: it is the anonymous reader of this walk.
    clients.anonymous = observe(server.url, { audience: 'public' });
    for (const who of signedIn)
      clients[who] = observe(server.url, { cookie: sessions[who as Exclude<Who, 'anonymous'>].cookie });
    for (const c of Object.values(clients)) await c.until(() => c.snapshots.length > 0);

    const outcomes: string[] = [];
    const expected: string[] = [];
    let n = 0;
    for (const [event, c] of Object.entries(socketCases)) {
      for (const who of everyone) {
        await ensureOpenIncident();
        const payload = await c.payload(++n);
        const before = logFingerprint();
        const reply: Reply = await clients[who].send(event, c.writes ? { idempotencyKey: key(), ...payload } : payload);
        const changed = logFingerprint() !== before;
        const allowed = c.allowed.includes(who);
        outcomes.push(`${event} as ${who}: ${reply.ok ? 'ok' : 'refused'}${changed ? ' (changed)' : ''}`);
        expected.push(`${event} as ${who}: ${allowed ? 'ok' : 'refused'}${allowed && c.writes ? ' (changed)' : ''}`);
        if (!reply.ok) expect(['unauthorized', 'forbidden'], `${event} as ${who}`).toContain(reply.error.code);
      }
    }
    for (const c of Object.values(clients)) c.close();
    expect(outcomes).toEqual(expected);
  });

  it('lets exactly the allowed roles call each route, and only they change anything', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const [name, c] of Object.entries(routeCases) as [ApiRouteName, RouteCase][]) {
      for (const who of everyone) {
        // Signing in, out or pairing ends the session it is called with: each try gets its own.
        const cookie =
          who === 'anonymous'
            ? undefined
            : name.startsWith('session:') || name === 'screen:pair'
              ? (await server.as(who === 'outOfScope' ? 'commander' : who)).cookie
              : sessions[who].cookie;
        const call = await c.call();
        const before = [accessFingerprint(), logFingerprint()].join('\n');
        const { reply } = await callApi(server.url, name, { ...call, ...(cookie ? { cookie } : {}) });
        const changed = [accessFingerprint(), logFingerprint()].join('\n') !== before;
        const allowed = c.allowed.includes(who);
        outcomes.push(`${name} as ${who}: ${reply.ok ? 'ok' : 'refused'}${changed ? ' (changed)' : ''}`);
        // Signing out without a session has nothing to end.
        const writes = c.writes && !(name === 'session:sign-out' && who === 'anonymous');
        expected.push(`${name} as ${who}: ${allowed ? 'ok' : 'refused'}${allowed && writes ? ' (changed)' : ''}`);
        if (!reply.ok) expect(['unauthorized', 'forbidden'], `${name} as ${who}`).toContain(reply.error.code);
      }
    }
    expect(outcomes).toEqual(expected);
  });
});
