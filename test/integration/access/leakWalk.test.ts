/**
 * What each role reads, walked: every query, every HTTP read route and everything a socket is sent
 * (snapshots, patches, who it is), as every role. Draft text reaches only those who may read drafts;
 * the session and address a change came from reach only the audit trail's readers; session tokens
 * and the address a person signed in from reach nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { querySchemas } from '@vigie/shared';
import { apiRoutes, type ApiRouteName } from '@vigie/shared/api';
import { statementFields } from '@vigie/shared/testing';
import { startTestServer, type SeededSession, type TestServer } from '@vigie/server/testing';
import { callApi } from '../support/api.ts';
import { key, observe, type ObservedClient } from '../support/observedClient.ts';

type Who = 'public' | 'anonymous' | 'viewer' | 'screen' | 'outOfScope' | 'commander' | 'lead' | 'admin';
const everyone: Who[] = ['public', 'anonymous', 'viewer', 'screen', 'outOfScope', 'commander', 'lead', 'admin'];

const WRITE_ADDRESS = '203.0.113.77';
const SIGN_IN_ADDRESS = '198.51.100.23';
const DRAFTED = 'Brouillon confidentiel : 40 lits fermés';
const EDITED = 'Brouillon revu : transfert de 12 patients';

/** Payloads for the queries (any query added later is walked with an empty one). */
const queryPayloads: Record<string, unknown> = {
  'history:series': { maxPoints: 50 },
  'history:item': { item: { kind: 'system', id: 'cochin:dpi' } },
  'audit:list': {},
  'log:list': { limit: 50 },
};

let server: TestServer;
const sessions = {} as Record<'viewer' | 'outOfScope' | 'commander' | 'lead' | 'admin', SeededSession>;
let screenCookie: string;
let signedInToken: string;
let signedInSessionId: string;

/** Submits a change as the lead from a known session and address (set-up, not under test). */
async function asLead(name: string, input: Record<string, unknown>) {
  const reply = await server.app.log.submit(
    name,
    { idempotencyKey: key(), ...input },
    {
      principal: {
        actor: { kind: 'person', id: sessions.lead.accountId, name: 'Léa Responsable' },
        roles: ['lead'],
      },
      origin: { sessionId: sessions.lead.sessionId, address: WRITE_ADDRESS },
    },
  );
  if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
  return reply.data;
}

const cookieOf = (who: Who) =>
  who === 'public' || who === 'anonymous' ? undefined : who === 'screen' ? screenCookie : sessions[who].cookie;

beforeAll(async () => {
  server = await startTestServer({ openRead: true, network: { allowedOrigins: [], trustProxy: ['loopback'] } });
  sessions.viewer = await server.as('viewer');
  sessions.outOfScope = await server.as('commander', { scope: { hospitals: ['avicenne'], ghus: [] } });
  sessions.commander = await server.as('commander');
  sessions.lead = await server.as('lead');
  sessions.admin = await server.as('admin');
  const adminCaller = {
    principal: {
      actor: { kind: 'person' as const, id: sessions.admin.accountId, name: 'Admin' },
      roles: ['admin' as const],
    },
    origin: { sessionId: sessions.admin.sessionId, address: null },
  };
  const pairing = await server.app.access.registerScreen('Salle de crise – mur', adminCaller);
  screenCookie = (await callApi(server.url, 'screen:pair', { body: { secret: pairing.secret } })).cookie!;
  // A person signed in over HTTP from an address of their own: their session is stored with it.
  const [entry] = await server.app.access.createAccounts(
    [{ name: 'Marc Signé', roles: ['commander'], scope: null }],
    adminCaller,
  );
  const signedIn = await callApi(server.url, 'session:code', {
    body: { code: entry!.code },
    headers: { 'X-Forwarded-For': SIGN_IN_ADDRESS },
  });
  signedInToken = signedIn.cookie!.split('=')[1]!;
  signedInSessionId = server.accessStore.db
    .prepare('SELECT id FROM sessions WHERE address = ?')
    .pluck()
    .get(SIGN_IN_ADDRESS) as string;

  await asLead('incident:open', { type: 'sse-numerique', title: 'Panne', cause: 'technique' });
  await asLead('system:set-status', { hospitalId: 'cochin', systemId: 'dpi', status: 'degrade' });
  await asLead('log:add-entry', { type: 'decision', text: 'Passage en mode dégradé' });
}, 30_000);
afterAll(() => server.close());

/** Queries answered, per role (the walk reads real answers, not only refusals). */
const answered: Record<string, string[]> = {};

/** Everything one role was sent, as text: its stream and the replies to every read it may try. */
async function readAll(who: Who, statementId: () => Promise<string>): Promise<string> {
  const client: ObservedClient = observe(server.url, {
    ...(who === 'public' ? { audience: 'public' as const } : {}),
    ...(cookieOf(who) ? { cookie: cookieOf(who)! } : {}),
  });
  await client.until(() => client.snapshots.length > 0);
  // A draft edited while connected: its text would travel in a patch. The public room is sent none for it
  // (nothing it is shown changed): the second heartbeat after the edit comes after its broadcast.
  const beats = client.heartbeats.length;
  await statementId();
  await client.until(() => (who === 'public' ? client.heartbeats.length > beats + 1 : client.patches.length > 0));
  // The stream's lists by reference: what arrives until the end is serialised with them.
  const read: unknown[] = [client.snapshots, client.patches, client.sessions];
  for (const query of Object.keys(querySchemas)) {
    const reply = await client.send(query, queryPayloads[query] ?? {});
    if (reply.ok) (answered[who] ??= []).push(query);
    read.push(reply);
  }
  const snapshotsBefore = client.snapshots.length;
  const synced = await client.send('sync:request', { logId: null, seq: 0 });
  read.push(synced);
  for (const [name, route] of Object.entries(apiRoutes) as [ApiRouteName, (typeof apiRoutes)[ApiRouteName]][]) {
    if (route.method !== 'GET' || route.path.includes(':')) continue;
    const cookie = cookieOf(who);
    read.push((await callApi(server.url, name, cookie ? { cookie } : {})).reply);
  }
  // The snapshot the sync request sent is read too.
  if (synced.ok && (synced.data as { sent: string }).sent === 'snapshot')
    await client.until(() => client.snapshots.length > snapshotsBefore);
  client.close();
  return JSON.stringify(read);
}

describe('what each role reads', () => {
  it('lets draft text, sessions and addresses reach only the roles that may see them', async () => {
    const { statementId } = (await asLead('statement:draft', {
      fields: { ...statementFields, body: DRAFTED },
    })) as { statementId: string };
    let n = 0;
    const edit = async () => {
      await asLead('statement:edit', { statementId, fields: { ...statementFields, body: `${EDITED} (${++n})` } });
      return statementId;
    };

    const secrets = {
      'draft text': [DRAFTED, EDITED],
      'the session a change came from': [sessions.lead.sessionId],
      'the address a change came from': [WRITE_ADDRESS],
      'another person’s session': [signedInSessionId],
      'the address a person signed in from': [SIGN_IN_ADDRESS],
      'a session token': [signedInToken, ...Object.values(sessions).map((s) => s.token)],
    };
    const mayRead: Record<keyof typeof secrets, Who[]> = {
      'draft text': ['outOfScope', 'commander', 'lead'],
      // The audit trail says who did what from which session and address: for the lead and admins only.
      'the session a change came from': ['lead', 'admin'],
      'the address a change came from': ['lead', 'admin'],
      'another person’s session': [],
      'the address a person signed in from': [],
      'a session token': [],
    };

    const seen: string[] = [];
    const expected: string[] = [];
    for (const who of everyone) {
      const text = await readAll(who, edit);
      for (const [what, needles] of Object.entries(secrets) as [keyof typeof secrets, string[]][]) {
        const found = needles.some((needle) => text.includes(needle));
        seen.push(`${who} ${found ? 'reads' : 'does not read'} ${what}`);
        expected.push(`${who} ${mayRead[what].includes(who) ? 'reads' : 'does not read'} ${what}`);
      }
    }
    expect(seen).toEqual(expected);
    expect(answered.lead).toEqual(Object.keys(querySchemas));
    // An admin manages access and writes no item: it has no changes of its own to undo.
    expect(answered.admin).toEqual(Object.keys(querySchemas).filter((q) => q !== 'changes:list'));
  });

  it('still tells an admin who drafted which statement, when and from where', async () => {
    const { statementId } = (await asLead('statement:draft', {
      fields: { ...statementFields, body: DRAFTED },
    })) as { statementId: string };
    const admin = observe(server.url, { cookie: sessions.admin.cookie });
    const reply = await admin.send('audit:list', {});
    admin.close();
    expect(reply.ok).toBe(true);
    const { entries } = (reply as { data: { entries: { type: string; data: unknown; origin: unknown }[] } }).data;
    const drafted = entries.find(
      (e) => e.type === 'statement.drafted' && (e.data as { id: string }).id === statementId,
    );
    expect(drafted).toMatchObject({
      data: { id: statementId, fields: { body: '', cause: '' } },
      origin: { sessionId: sessions.lead.sessionId, address: WRITE_ADDRESS },
    });
  });
});
