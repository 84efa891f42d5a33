/**
 * The site drill, on the two-site deployment `deploy/two-sites/up.sh` stands up on this machine
 * (pg_auto_failover: site A's primary, site B's synchronous standby, a Vigie node per site, nginx in
 * front): during a stream of changes through nginx, site A — its PostgreSQL and its Vigie node — is
 * cut at once (`cut-site.sh a`: SIGKILL). The standby is promoted, the node at site B takes changes
 * again, the screens behind nginx carry on. Counted and printed: acknowledged changes lost (0),
 * duplicates (0), seconds from the cut to the first change accepted at site B (target ≤ 30 s), and
 * seconds until every screen has converged.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { Reply } from '@vigie/shared';
import { openPostgresStores, seedSession } from '@vigie/server/testing';
import { freePort } from './support/postgresServer.ts';
import { Screen } from './support/screen.ts';

const SITES = resolve(import.meta.dirname, '../../deploy/two-sites');
const parent = mkdtempSync(join(tmpdir(), 'vigie-drill-'));
// PostgreSQL runs as its own user, which must reach the folder.
chmodSync(parent, 0o755);
const state = join(parent, 'sites');
const env: Record<string, string> = { VIGIE_TWO_SITES_DIR: state };

const run = (script: string, args: string[] = [], timeout = 240_000) =>
  spawnSync('bash', [join(SITES, script), ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout });

afterAll(() => {
  run('down.sh', [], 60_000);
  rmSync(parent, { recursive: true, force: true });
});

const statuses = ['indisponible', 'degrade', 'en-cours-de-retablissement', 'operationnel'];
const hospitals = ['cochin', 'hegp', 'necker', 'bichat', 'avicenne', 'bicetre'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the site drill', () => {
  it('loses nothing acknowledged when site A is cut, and takes changes again at site B within 30 s', async () => {
    for (const name of ['NGINX_PORT', 'MONITOR_PORT', 'PG_PORT_A', 'PG_PORT_B', 'VIGIE_PORT_A', 'VIGIE_PORT_B']) {
      env[name] = String(await freePort());
    }
    const up = run('up.sh');
    expect(up.status, `${up.stdout}${up.stderr}`).toBe(0);
    const front = `http://127.0.0.1:${env.NGINX_PORT!}`;
    const dbUrl = /DB_URL="([^"]+)"/.exec(readFileSync(join(state, 'two-sites.env'), 'utf8'))![1]!;

    const seeding = await openPostgresStores(dbUrl, 'live');
    const leads = [
      await seedSession(seeding.accessStore, { name: 'Exercice A', roles: ['lead'] }),
      await seedSession(seeding.accessStore, { name: 'Exercice B', roles: ['lead'] }),
    ];
    const viewer = await seedSession(seeding.accessStore, { name: 'Écran', roles: ['viewer'] });
    await seeding.store.close();
    await seeding.release();

    // Everyone through the front door, reconnecting through it by themselves.
    const screens = Array.from({ length: 6 }, () => new Screen());
    screens.forEach((s) => s.connect(front, viewer.cookie, { reconnect: true }));
    const commanders: Socket[] = leads.map((l) =>
      io(front, { extraHeaders: { cookie: l.cookie }, transports: ['websocket'], reconnectionDelay: 200 }),
    );

    const replies: { key: string; at: number; reply: Reply }[] = [];
    let n = 0;
    let stop = false;
    const stream = async (socket: Socket) => {
      while (!stop) {
        if (!socket.connected) {
          await sleep(50);
          continue;
        }
        const i = n++;
        const key = `site-drill-${i}`;
        const input = { idempotencyKey: key, hospitalId: hospitals[i % 6], systemId: 'dpi', status: statuses[i % 4] };
        const reply = await new Promise<Reply>((done) =>
          socket
            .timeout(20_000)
            .emit('system:set-status', input, (err: Error | null, r: Reply) =>
              done(err ? { ok: false, error: { code: 'internal', message: 'no reply' } } : r),
            ),
        );
        replies.push({ key, at: Date.now(), reply });
        await sleep(60);
      }
    };
    const streaming = Promise.all(commanders.map(stream));
    while (replies.filter((r) => r.reply.ok).length < 100) await sleep(50);

    const cutAt = Date.now();
    const cut = run('cut-site.sh', ['a'], 60_000);
    expect(cut.status, `${cut.stdout}${cut.stderr}`).toBe(0);
    let resumedAt: number | null = null;
    for (let i = 0; i < 1200 && resumedAt === null; i++) {
      resumedAt = replies.find((r) => r.at > cutAt + 100 && r.reply.ok)?.at ?? null;
      await sleep(100);
    }
    await sleep(3_000);
    stop = true;
    await streaming;
    commanders.forEach((c) => c.close());
    expect(resumedAt, 'a change accepted at site B after the cut').not.toBeNull();

    // Where site B stands, and the state a fresh screen is given there: every screen converges to it.
    const { seq: last } = (await (await fetch(`${front}/readyz`)).json()) as { seq: number };
    const fresh = new Screen();
    // Reconnecting as the others do: a first attempt may meet the lost node before nginx has set it aside.
    fresh.connect(front, viewer.cookie, { reconnect: true });
    let convergedAt = Date.now();
    for (let i = 0; i < 300 && [fresh, ...screens].some((s) => s.seq !== last); i++) {
      await sleep(100);
      convergedAt = Date.now();
    }
    [fresh, ...screens].forEach((s) => s.close());
    expect(screens.map((s) => s.seq)).toEqual(screens.map(() => last));
    expect(new Set(screens.map((s) => s.hash))).toEqual(new Set([fresh.hash]));

    // The promoted standby holds every acknowledged change once.
    const check = await openPostgresStores(dbUrl, 'live');
    const log = (await check.store.currentLog())!;
    const { events } = await check.store.auditEvents(log.logId, { limit: 100_000 });
    await check.store.close();
    await check.release();
    const stored = new Map<string, number[]>();
    for (const { event, idempotencyKey } of events) {
      stored.set(idempotencyKey, [...(stored.get(idempotencyKey) ?? []), event.seq]);
    }
    const acked = replies.filter((r) => r.reply.ok);
    const lost = acked.filter((r) => stored.get(r.key)?.[0] !== (r.reply as { data: { seq: number } }).data.seq);
    const duplicates = [...stored.values()].filter((seqs) => seqs.length > 1);
    const refused = replies.filter((r) => r.at > cutAt && !r.reply.ok).length;
    const toResume = (resumedAt! - cutAt) / 1000;
    console.log(
      `site drill: ${acked.length} changes acknowledged, ${lost.length} lost, ${duplicates.length} duplicated; ` +
        `${refused} refused while site B took over; first change accepted at site B ${toResume.toFixed(1)} s after the cut; ` +
        `every screen converged ${((convergedAt - cutAt) / 1000).toFixed(1)} s after the cut`,
    );
    expect(lost).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(toResume).toBeLessThanOrEqual(30);
  }, 420_000);
});
