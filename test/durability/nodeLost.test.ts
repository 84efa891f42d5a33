/**
 * Two server nodes on one PostgreSQL database take a burst of 5,000 changes spread over both; one is
 * killed (SIGKILL) a third of the way through. The changes go on through the surviving node, and the
 * lost node's screens reconnect to it and catch up by sequence, as a front door would send them.
 * Every acknowledged change is in the shared log exactly once, and every screen converges to the
 * surviving node's state within 10 s of reconnecting.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { Reply } from '@vigie/shared';
import { createTestDatabase, openPostgresStores, seedSession, type TestDatabase } from '@vigie/server/testing';
import { Screen } from './support/screen.ts';
import { startServer, type ServerProcess } from './support/serverProcess.ts';

const CHANGES = 5_000;
const SCREENS_PER_NODE = 10;
const IN_FLIGHT = 16;

const dirs: string[] = [];
const servers: ServerProcess[] = [];
let db: TestDatabase | null = null;
afterAll(async () => {
  servers.forEach((s) => s.proc.kill('SIGKILL'));
  await Promise.all(servers.map((s) => s.exited));
  await db?.drop();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const statuses = ['indisponible', 'degrade', 'en-cours-de-retablissement', 'operationnel'];
const hospitals = ['cochin', 'hegp', 'necker', 'bichat', 'avicenne', 'bicetre', 'pitie-salpetriere', 'saint-louis'];

describe('a node lost during a burst', () => {
  it('keeps every acknowledged change exactly once, and the lost node’s screens converge on the other', async () => {
    db = await createTestDatabase();
    const seeding = await openPostgresStores(db.url, 'live');
    const lead = await seedSession(seeding.accessStore, { name: 'Exercice', roles: ['lead'] });
    const viewer = await seedSession(seeding.accessStore, { name: 'Écran', roles: ['viewer'] });
    await seeding.store.close();
    await seeding.release();
    const start = async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vigie-node-'));
      dirs.push(dir);
      const server = await startServer(dir, { VIGIE_DATABASE_URL: db!.url });
      servers.push(server);
      return server;
    };
    const [a, b] = [await start(), await start()];

    const screens = Array.from({ length: 2 * SCREENS_PER_NODE }, () => new Screen());
    screens.forEach((s, i) => s.connect(i < SCREENS_PER_NODE ? a.url : b.url, viewer.cookie));
    const commander = async (server: ServerProcess) => {
      const socket = io(server.url, {
        extraHeaders: { cookie: lead.cookie },
        transports: ['websocket'],
        reconnection: false,
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      return socket;
    };
    const toA = await commander(a);
    const toB = await commander(b);

    // Change n goes to node A when n is even and A is up, else to node B.
    const acked = new Map<number, { seq: number; commandId: string }>();
    let aDown = false;
    let next = 0;
    const send = (socket: Socket, n: number) =>
      new Promise<Reply | null>((resolve) =>
        socket.timeout(5_000).emit(
          'system:set-status',
          {
            idempotencyKey: `node-lost-${n}`,
            hospitalId: hospitals[n % 8],
            systemId: 'dpi',
            status: statuses[n % 4],
          },
          (err: Error | null, reply: Reply) => resolve(err ? null : reply),
        ),
      );
    const worker = async () => {
      while (next < CHANGES) {
        const n = next++;
        const reply = await send(n % 2 === 0 && !aDown ? toA : toB, n);
        if (reply?.ok) acked.set(n, reply.data as { seq: number; commandId: string });
      }
    };
    const killing = (async () => {
      while (acked.size < CHANGES / 3) await new Promise((resolve) => setTimeout(resolve, 5));
      a.proc.kill('SIGKILL');
      aDown = true;
      await a.exited;
      // The front door sends node A's screens to node B: each connects there from where it stood.
      for (const s of screens.slice(0, SCREENS_PER_NODE)) s.connect(b.url, viewer.cookie);
    })();
    await Promise.all([...Array.from({ length: IN_FLIGHT }, worker), killing]);
    expect(aDown).toBe(true);

    // Node B's final position, and the state a fresh screen connecting there is given.
    const { seq: last } = (await (await fetch(`${b.url}/readyz`)).json()) as { seq: number };
    const fresh = new Screen();
    fresh.connect(b.url, viewer.cookie);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && [fresh, ...screens].some((s) => s.seq !== last)) {
      for (const s of screens) if (!s.convergedAt && s.seq === last) s.convergedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const s of screens) if (!s.convergedAt && s.seq === last) s.convergedAt = Date.now();
    [fresh, ...screens].forEach((s) => s.close());
    [toA, toB].forEach((s) => s.close());

    expect(screens.map((s) => s.seq)).toEqual(screens.map(() => last));
    expect(new Set(screens.map((s) => s.hash))).toEqual(new Set([fresh.hash]));
    const moved = screens.slice(0, SCREENS_PER_NODE).map((s) => s.convergedAt - s.connectedAt);
    expect(Math.max(...moved)).toBeLessThan(10_000);

    // Every acknowledged change once, at its seq, with its command; nothing recorded twice.
    const check = await openPostgresStores(db.url, 'live');
    const log = (await check.store.currentLog())!;
    const { events } = await check.store.auditEvents(log.logId, { limit: 100_000 });
    await check.store.close();
    await check.release();
    const byKey = new Map<string, number[]>();
    for (const { event, idempotencyKey } of events)
      byKey.set(idempotencyKey, [...(byKey.get(idempotencyKey) ?? []), event.seq]);
    const seqs = events.map((e) => e.event.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    for (const [n, { seq }] of acked) expect(byKey.get(`node-lost-${n}`), `change ${n}`).toEqual([seq]);
    expect([...byKey.values()].filter((s) => s.length > 1)).toEqual([]);
    console.log(
      `node lost during a burst: ${acked.size} of ${CHANGES} changes acknowledged, all stored once (${events.length} events); ` +
        `the lost node's ${SCREENS_PER_NODE} screens converged on the other ${Math.max(...moved)} ms after reconnecting at worst`,
    );
  }, 150_000);
});
