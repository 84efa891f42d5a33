/**
 * The shared database lost for 20 seconds under a server taking changes (its PostgreSQL killed, then
 * started again on its folder): every change in between is refused with `unavailable`, the screens
 * are told changes are suspended and then resumed, no change is acknowledged that the database does
 * not hold, and the server takes changes again by itself, with no restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { Heartbeat, Reply } from '@vigie/shared';
import { openPostgresStores, seedSession } from '@vigie/server/testing';
import { startPostgres, type PostgresServer } from './support/postgresServer.ts';
import { startServer, type ServerProcess } from './support/serverProcess.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'vigie-db-lost-'));
let pg: PostgresServer | null = null;
let server: ServerProcess | null = null;
afterAll(async () => {
  server?.proc.kill('SIGKILL');
  await pg?.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

const OUTAGE_MS = 20_000;
const statuses = ['indisponible', 'degrade', 'en-cours-de-retablissement', 'operationnel'];

describe('the shared database lost for 20 s', () => {
  it('refuses changes meanwhile, acknowledges none it does not hold, and resumes without a restart', async () => {
    pg = await startPostgres();
    // The lead's session, in the access store the server opens.
    const seeding = await openPostgresStores(pg.url, 'live');
    const { cookie } = await seedSession(seeding.accessStore, { name: 'Exercice', roles: ['lead'] });
    await seeding.store.close();
    await seeding.release();

    server = await startServer(dataDir, { VIGIE_DATABASE_URL: pg.url, VIGIE_HEARTBEAT_MS: '500' });
    const socket: Socket = io(server.url, { extraHeaders: { cookie }, transports: ['websocket'] });
    const beats: { at: number; writable: boolean }[] = [];
    socket.on('server:heartbeat', (hb: Heartbeat) => beats.push({ at: Date.now(), writable: hb.writable }));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));

    const replies: { n: number; at: number; reply: Reply }[] = [];
    let n = 0;
    const send = async () => {
      const i = n++;
      const input = {
        idempotencyKey: `database-lost-${i}`,
        hospitalId: 'cochin',
        systemId: 'dpi',
        status: statuses[i % 4],
      };
      // A reply that never comes is a failure of its own (the server must answer every request).
      const reply = await new Promise<Reply>((resolve) =>
        socket
          .timeout(20_000)
          .emit('system:set-status', input, (err: Error | null, r: Reply) =>
            resolve(err ? { ok: false, error: { code: 'internal', message: 'no reply' } } : r),
          ),
      );
      replies.push({ n: i, at: Date.now(), reply });
    };
    const sendFor = async (ms: number) => {
      for (const until = Date.now() + ms; Date.now() < until;) {
        await send();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    await sendFor(1_000);
    expect(replies.filter((r) => !r.reply.ok)).toEqual([]);
    const cutAt = Date.now();
    await pg.kill();
    await sendFor(OUTAGE_MS);
    const backAt = Date.now();
    await pg.start();
    // Sends until one is taken again (the server tries the database every second), then a few more.
    let resumedAt: number | null = null;
    for (let i = 0; i < 300 && resumedAt === null; i++) {
      await send();
      if (replies.at(-1)!.reply.ok) resumedAt = Date.now();
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await sendFor(1_000);

    const during = replies.filter((r) => r.at > cutAt + 2_000 && r.at < backAt);
    expect(during.length).toBeGreaterThan(50);
    for (const r of during) {
      expect(r.reply).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    }
    expect(resumedAt).not.toBeNull();
    expect(resumedAt! - backAt).toBeLessThan(10_000);
    // The screens heard it: suspended during the outage, writable again after.
    expect(beats.some((b) => b.at > cutAt && b.at < backAt && !b.writable)).toBe(true);
    expect(beats.at(-1)!.writable).toBe(true);
    // The same server process all along.
    expect(server.proc.exitCode).toBeNull();

    // Every acknowledged change is in the database, at the seq and with the command it was acknowledged with.
    const check = await openPostgresStores(pg.url, 'live');
    const log = (await check.store.currentLog())!;
    const events = await check.store.readEvents(log.logId, 0, 100_000);
    const bySeq = new Map(events.map((e) => [e.seq, e]));
    const acked = replies.filter((r) => r.reply.ok);
    for (const { reply } of acked) {
      const data = (reply as { data: { seq: number; commandId: string } }).data;
      expect(bySeq.get(data.seq)?.commandId).toBe(data.commandId);
    }
    console.log(
      `database lost ${OUTAGE_MS / 1000} s: ${replies.length} changes sent, ${acked.length} acknowledged (all stored), ` +
        `${during.length} refused as unavailable; taken again ${((resumedAt! - backAt) / 1000).toFixed(1)} s after the database was back`,
    );
    await check.store.close();
    await check.release();
    socket.close();
  }, 120_000);
});
