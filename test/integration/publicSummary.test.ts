/**
 * The public summary as a resource over real HTTP: /synthese (HTML readable without JavaScript) and
 * /api/v1/public/summary (JSON) show exactly the latest published point, carry a strong ETag that
 * moves with it, answer 304 to a current copy, come compressed, and never leak what the public may
 * not see (drafts, the main courante, an unpublished estimate, who did what).
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PUBLIC_SNAPSHOT_ELEMENT_ID, PublicSummarySchema, SnapshotSchema, publicPaths } from '@vigie/shared';
import { statementFields } from '@vigie/shared/testing';
import { buildPrincipal, startTestServer, type TestServer } from '@vigie/server/testing';
import { BROWSER_ENCODINGS, rawGet, type RawResponse } from './support/rawHttp.ts';

let server: TestServer;
/** The server's clock, moved by the tests: Saturday 11:00 in Paris. */
let clock = Date.parse('2024-08-03T09:00:00.000Z');
const request = { principal: buildPrincipal('lead', 'claire-martin'), origin: { sessionId: null, address: null } };
let n = 0;
async function submit(name: string, input: Record<string, unknown>) {
  const reply = await server.app.log.submit(name, { idempotencyKey: `public-http-${++n}`, ...input }, request);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data as { statementId?: string };
}
async function publish(fields: Record<string, unknown>) {
  const { statementId } = await submit('statement:draft', { fields: { ...statementFields, ...fields } });
  await submit('statement:publish', { statementId });
}

const page = (headers: Record<string, string> = {}, query = '') =>
  rawGet(server.url + publicPaths.page + query, headers);
const json = (headers: Record<string, string> = {}) => rawGet(server.url + publicPaths.summary, headers);
const text = (r: RawResponse) => r.body.toString('utf8');
const header = (r: RawResponse, name: string) => String(r.headers[name] ?? '');
/** The public snapshot the page carries for its script. */
function embedded(html: string) {
  const match = new RegExp(`<script type="application/json" id="${PUBLIC_SNAPSHOT_ELEMENT_ID}">(.*?)</script>`).exec(
    html,
  );
  return SnapshotSchema.parse(JSON.parse(match![1]!));
}

beforeEach(async () => {
  clock = Date.parse('2024-08-03T09:00:00.000Z');
  server = await startTestServer({ now: () => new Date(clock) });
  await submit('incident:open', { type: 'sse-numerique', title: 'Panne', cause: 'technique' });
});
afterEach(async () => {
  await server.close();
});

describe('GET /synthese', () => {
  it('says no point is published yet, in a page readable without JavaScript, with the security headers', async () => {
    const r = await page();
    expect(r.status).toBe(200);
    expect(header(r, 'content-type')).toBe('text/html; charset=utf-8');
    expect(text(r)).toContain('<html lang="fr"');
    expect(text(r)).toContain('<title>Synthèse publique – incident informatique</title>');
    expect(text(r)).toContain('<p>Aucun point de situation publié pour le moment.</p>');
    expect(header(r, 'content-security-policy')).toContain("script-src 'self'");
    expect(header(r, 'x-content-type-options')).toBe('nosniff');
  });

  it('shows the latest published point with its lines, its age and its next point in Paris time', async () => {
    await publish({ cause: 'Panne <électrique> & réseau', emergencies: '', nextPointAt: '2024-08-03T13:00:00.000Z' });
    clock += 12 * 60_000;
    const html = text(await page());
    expect(html).toContain(
      '<p class="public-summary__meta" data-line="published">Point de situation n° 1, publié sam. 11:00, il y a 12 min</p>',
    );
    expect(html).toContain('<span>Prochain point prévu à sam. 15:00</span>');
    expect(html).toContain('<dt>Cause</dt><dd>Panne &#60;électrique&#62; &#38; réseau</dd>');
    expect(html).toContain('data-line="power-cut"><dt>Coupure électrique</dt>');
    // An empty line is left out, as on the live page.
    expect(html).not.toContain('data-line="emergencies"');
    expect(html).not.toContain('data-flag="overdue-next-point"');
  });

  it('says it in English with ?lang=en', async () => {
    await publish({ nextPointAt: '2024-08-03T13:00:00.000Z' });
    const html = text(await page({}, '?lang=en'));
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Situation report no. 1, published Sat 11:00, 0 s ago');
    expect(html).toContain('<dt>Power cut</dt>');
  });

  it('flags an overdue next point once its time passes, and the page changes its ETag then', async () => {
    await publish({ nextPointAt: '2024-08-03T10:00:00.000Z' });
    clock = Date.parse('2024-08-03T09:59:00.000Z');
    const before = await page();
    expect(text(before)).toContain('data-overdue="false"');
    clock = Date.parse('2024-08-03T10:30:00.000Z');
    const after = await page();
    expect(text(after)).toContain(
      '<strong class="public-summary__late" data-flag="overdue-next-point"><span aria-hidden="true">⚠ </span>en retard de 30 min</strong>',
    );
    expect(header(after, 'etag')).not.toBe(header(before, 'etag'));
  });

  it('carries the public snapshot its script starts from, exactly what the public room is sent', async () => {
    await publish({ body: 'Procédures papier.' });
    const snapshot = embedded(text(await page()));
    expect(snapshot).toMatchObject({
      audience: 'public',
      logId: server.app.log.logId,
      seq: server.app.log.situation.seq,
    });
    expect(snapshot.audience === 'public' && snapshot.state.statement?.fields.body).toBe('Procédures papier.');
  });
});

describe('caching', () => {
  it('sends a strong ETag and a short public Cache-Control, and answers 304 to a copy that is still current', async () => {
    await publish({});
    for (const get of [page, json]) {
      const first = await get();
      const etag = header(first, 'etag');
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(header(first, 'cache-control')).toBe('public, max-age=5, stale-while-revalidate=10');
      expect(header(first, 'vary')).toBe('Accept-Encoding');
      const again = await get({ 'If-None-Match': etag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(header(again, 'etag')).toBe(etag);
      expect((await get({ 'If-None-Match': '"something-else"' })).status).toBe(200);
    }
  });

  it('keeps the same ETag while nothing public changes, and moves it when a new point is published', async () => {
    await publish({ cause: 'Première cause.' });
    const first = { page: await page(), json: await json() };
    // Changes the public does not see leave both the page and the JSON as they were.
    await submit('system:set-status', { hospitalId: 'cochin', systemId: 'dpi', status: 'indisponible' });
    await submit('log:add-entry', { type: 'decision', text: 'Passage au papier' });
    await submit('statement:draft', { fields: { ...statementFields, cause: 'BROUILLON' } });
    expect(header(await page(), 'etag')).toBe(header(first.page, 'etag'));
    expect(header(await json(), 'etag')).toBe(header(first.json, 'etag'));

    await publish({ cause: 'Seconde cause.' });
    const second = { page: await page(), json: await json() };
    expect(header(second.page, 'etag')).not.toBe(header(first.page, 'etag'));
    expect(header(second.json, 'etag')).not.toBe(header(first.json, 'etag'));
    expect(text(second.page)).toContain('Point de situation n° 2');
    expect(text(second.page)).toContain('Seconde cause.');
    expect(text(second.page)).not.toContain('Première cause.');
    expect((await page({ 'If-None-Match': header(first.page, 'etag') })).status).toBe(200);
  });

  it('sends brotli to a browser, gzip to a client that takes only gzip, and the same bytes decoded, each with its own ETag', async () => {
    await publish({});
    for (const get of [page, json]) {
      const plain = await get();
      expect(plain.headers['content-encoding']).toBeUndefined();
      const br = await get({ 'Accept-Encoding': BROWSER_ENCODINGS });
      expect(header(br, 'content-encoding')).toBe('br');
      expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
      expect(br.body.length).toBeLessThan(plain.body.length);
      const gz = await get({ 'Accept-Encoding': 'gzip' });
      expect(header(gz, 'content-encoding')).toBe('gzip');
      expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
      expect(new Set([plain, br, gz].map((r) => header(r, 'etag'))).size).toBe(3);
      expect((await get({ 'Accept-Encoding': BROWSER_ENCODINGS, 'If-None-Match': header(br, 'etag') })).status).toBe(
        304,
      );
    }
  });

  it('answers HEAD with the headers alone', async () => {
    const head = await rawGet(server.url + publicPaths.page, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(header(head, 'content-length'))).toBe((await page()).body.length);
  });
});

describe('GET /api/v1/public/summary', () => {
  it('gives the published point as the shared schema says, and whether its next point is overdue', async () => {
    const none = PublicSummarySchema.parse(JSON.parse(text(await json())));
    expect(none).toEqual({ demo: false, clock: null, statement: null, nextPointOverdue: false });

    await publish({ cause: 'Cause publiée.', nextPointAt: '2024-08-03T10:00:00.000Z' });
    const summary = PublicSummarySchema.parse(JSON.parse(text(await json())));
    expect(summary.statement).toMatchObject({ number: 1, publishedAt: '2024-08-03T09:00:00.000Z' });
    expect(summary.statement?.fields.cause).toBe('Cause publiée.');
    expect(summary.nextPointOverdue).toBe(false);
    clock = Date.parse('2024-08-03T10:00:01.000Z');
    expect(PublicSummarySchema.parse(JSON.parse(text(await json()))).nextPointOverdue).toBe(true);
  });

  it('answers however many requests come from one address: no API budget, no session looked up', async () => {
    const statuses = await Promise.all(Array.from({ length: 700 }, () => json().then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});

describe('what the public may not see', () => {
  it('never appears in the page or the JSON: drafts, main courante, an unpublished estimate, who did what', async () => {
    await publish({ cause: 'Cause publiée.' });
    await submit('statement:draft', { fields: { ...statementFields, body: 'BROUILLON-SECRET' } });
    await submit('log:add-entry', { type: 'decision', text: 'MAIN-COURANTE-INTERNE' });
    await submit('eta:revise', { label: 'ESTIMATION-NON-PUBLIEE', targetAt: null, reason: 'RAISON-INTERNE' });
    await submit('system:set-status', { hospitalId: 'cochin', systemId: 'dpi', status: 'indisponible' });
    for (const r of [await page(), await page({}, '?lang=en'), await json()]) {
      const body = text(r);
      expect(body).toContain('Cause publiée.');
      for (const secret of [
        'BROUILLON-SECRET',
        'MAIN-COURANTE-INTERNE',
        'ESTIMATION-NON-PUBLIEE',
        'RAISON-INTERNE',
        'claire-martin',
        'Personne lead',
        'cochin',
        'indisponible',
      ])
        expect(body, secret).not.toContain(secret);
    }
  });
});

describe('in the demo', () => {
  it('says DÉMONSTRATION with the simulated time, and ages the point on the scenario clock', async () => {
    await server.close();
    server = await startTestServer({ kind: 'demo', now: () => new Date(clock) });
    const scenario = {
      principal: {
        actor: { kind: 'scenario' as const, id: 'scenario', name: 'scénario' },
        roles: [],
        scenario: { speed: 60 },
      },
      origin: { sessionId: null, address: null },
    };
    const say = async (name: string, input: Record<string, unknown>) => {
      const reply = await server.app.log.submit(name, { idempotencyKey: `public-demo-${++n}`, ...input }, scenario);
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.data as { statementId?: string };
    };
    // Saturday 11:00 in Paris on the scenario's clock, one simulated hour per real minute.
    const simStart = '2024-08-03T09:00:00.000Z';
    await say('incident:open', { type: 'sse-numerique', title: 'Panne', cause: 'technique', startedAt: simStart });
    const { statementId } = await say('statement:draft', { fields: statementFields });
    await say('statement:publish', { statementId, effectiveAt: simStart });
    clock += 60_000;
    const html = text(await page());
    expect(html).toContain(
      '<div class="demo-banner" role="note"><strong>DÉMONSTRATION</strong><span class="demo-banner__clock">heure simulée : sam. 12:00</span></div>',
    );
    expect(html).toContain('Point de situation n° 1, publié sam. 11:00, il y a 1 h 00 min');
    expect(PublicSummarySchema.parse(JSON.parse(text(await json())))).toMatchObject({
      demo: true,
      clock: { speed: 60 },
    });
  });
});
