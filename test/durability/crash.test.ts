import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '@vigie/shared';
import { openSqliteAccessStore, openStoreForTest, seedSession } from '@vigie/server/testing';
import { startServer, type ServerProcess } from './support/serverProcess.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'vigie-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// The drill's lead signs in with a session seeded in the access store the server process opens.
let cookie = '';
beforeAll(async () => {
  const access = openSqliteAccessStore(join(dataDir, 'vigie-access.sqlite'));
  cookie = (await seedSession(access, { name: 'Exercice', roles: ['lead'] })).cookie;
  await access.close();
});
const statuses = ['indisponible', 'degrade', 'en-cours-de-retablissement', 'operationnel'];
const hospitals = ['cochin', 'hegp', 'necker', 'bichat', 'avicenne', 'bicetre'];

/** A command payload, the same every time it is sent with the same key. */
function payload(n: number) {
  return n % 3 === 0
    ? { event: 'log:add-entry', input: { type: 'action', text: `action ${n}` } }
    : { event: 'system:set-status', input: { hospitalId: hospitals[n % 6], systemId: 'dpi', status: statuses[n % 4] } };
}

function connect(server: ServerProcess): Promise<Socket> {
  const socket = io(server.url, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function send(socket: Socket, n: number): Promise<Reply> {
  const { event, input } = payload(n);
  return new Promise((resolve) => socket.emit(event, { idempotencyKey: `drill-${n}-key`, ...input }, resolve));
}

/** Sends commands `from`… with `inFlight` outstanding until `stop()` is true; records every acknowledgement. */
async function stream(socket: Socket, from: number, inFlight: number, acked: Map<number, Reply>, stop: () => boolean) {
  let next = from;
  const worker = async () => {
    while (!stop() && socket.connected) {
      const n = next++;
      const reply = await Promise.race([
        send(socket, n),
        new Promise<null>((r) => socket.once('disconnect', () => r(null))),
      ]);
      if (reply) acked.set(n, reply);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return next;
}

/** Opens the store file after the server is gone and checks every acknowledged change is there exactly once. */
async function verify(acked: Map<number, Reply>) {
  const store = openStoreForTest(join(dataDir, 'vigie.sqlite'), 'live');
  try {
    const log = (await store.currentLog())!;
    const events = await store.readEvents(log.logId, 0, 1_000_000);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1)); // gap-free
    const byKey = new Map<string, number[]>();
    for (const { event, idempotencyKey } of (await store.auditEvents(log.logId, { limit: 1_000_000 })).events) {
      byKey.set(idempotencyKey, [...(byKey.get(idempotencyKey) ?? []), event.seq]);
    }
    for (const [n, reply] of acked) {
      if (!reply.ok) continue;
      const seqs = byKey.get(`drill-${n}-key`);
      expect(seqs, `acknowledged change ${n}`).toEqual([(reply.data as { seq: number }).seq]);
    }
    expect([...byKey.values()].every((seqs) => seqs.length === 1)).toBe(true); // nothing duplicated
    return events.length;
  } finally {
    await store.close();
  }
}

describe('crash safety', () => {
  const acked = new Map<number, Reply>();
  let next = 0;

  it('keeps every acknowledged change exactly once through SIGKILLs at random points', async () => {
    let rounds = 0;
    while (rounds < 4 || [...acked.values()].filter((r) => r.ok).length < 1000) {
      const server = await startServer(dataDir);
      const socket = await connect(server);
      // Resend what the last round had in flight: committed ones answer their original result, the rest are recorded now.
      const resent = next - 40 > 0 ? next - 40 : 0;
      const killAfter = acked.size + randomInt(150, 320);
      const streaming = stream(socket, resent, 16, acked, () => acked.size >= killAfter);
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (acked.size < killAfter) return;
          clearInterval(check);
          server.proc.kill('SIGKILL');
          resolve();
        }, 1);
      });
      expect((await server.exited)[1]).toBe('SIGKILL');
      socket.close();
      next = Math.max(next, await streaming);
      const recorded = await verify(acked);
      expect(recorded).toBeGreaterThan(0);
      rounds += 1;
    }
    const okCount = [...acked.values()].filter((r) => r.ok).length;
    console.log(`crash drill: ${rounds} SIGKILL rounds, ${okCount} acknowledged changes, all present once`);
  });

  it('stops cleanly on SIGTERM: tells clients, finishes or refuses what is in flight, loses nothing acknowledged', async () => {
    const server = await startServer(dataDir);
    const socket = await connect(server);
    const told = new Promise<void>((resolve) => socket.once('server:restarting', () => resolve()));
    const before = acked.size;
    // SIGTERM lands as the 200th acknowledgement comes in, while the stream goes on.
    let enough!: () => void;
    const acknowledged = new Promise<void>((resolve) => (enough = resolve));
    const streaming = stream(socket, next, 16, acked, () => {
      if (acked.size >= before + 200) enough();
      return false;
    });
    await acknowledged;
    server.proc.kill('SIGTERM');
    await told;
    const [code] = await server.exited;
    expect(code).toBe(0);
    socket.close();
    next = await streaming;
    const refused = [...acked.values()].filter((r) => !r.ok);
    expect(refused.every((r) => !r.ok && r.error.code === 'internal')).toBe(true);
    await verify(acked);
    expect(server.lines.some((l) => l.includes('stopped cleanly'))).toBe(true);
  });
});
