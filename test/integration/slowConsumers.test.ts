/**
 * Readers that stop reading while asking for snapshots, against the real server process: they are
 * shed as slow consumers, the server's memory stays bounded, an honest viewer keeps receiving every
 * change, and the shed readers, reading again, reconnect by themselves and catch up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { openSqliteAccessStore, seedSession } from '@vigie/server/testing';
import { startServer, type ServerProcess } from '../durability/support/serverProcess.ts';
import { key, observed } from './support/observedClient.ts';
import { stalledClient, type StalledClient } from './support/stalledClient.ts';

const READERS = 20;
/** How long the readers stay stalled (the figure in the reliability notes is taken with 20 s). */
const STALL_MS = Number(process.env.VIGIE_STALL_SECONDS ?? 8) * 1000;
const MB = 1024 * 1024;

const dataDir = mkdtempSync(join(tmpdir(), 'vigie-slow-'));
let server: ServerProcess;
const cookies = { stalled: '', viewer: '', commander: '' };

/** The server's memory after a full collection (it logs it on SIGUSR2; started with --expose-gc). */
async function memory(): Promise<{ rss: number; heapUsed: number; external: number }> {
  const seen = server.lines.length;
  server.proc.kill('SIGUSR2');
  const line = await vi.waitFor(
    () => {
      const found = server.lines.slice(seen).find((l) => l.includes('"diagnostics"'));
      if (!found) throw new Error('the server did not report its memory');
      return found;
    },
    { timeout: 10_000, interval: 25 },
  );
  return JSON.parse(line) as { rss: number; heapUsed: number; external: number };
}

beforeAll(async () => {
  const access = openSqliteAccessStore(join(dataDir, 'vigie-access.sqlite'));
  // One viewer account (a wall-screen cookie, say) opens every stalled connection.
  cookies.stalled = (await seedSession(access, { name: 'Écran figé', roles: ['viewer'] })).cookie;
  cookies.viewer = (await seedSession(access, { name: 'Lecteur', roles: ['viewer'] })).cookie;
  cookies.commander = (await seedSession(access, { name: 'Commandant', roles: ['commander'] })).cookie;
  await access.close();
  // Budgets as high as the drills set them: what bounds memory here is backpressure alone. The cap is
  // below one snapshot, so a reader is shed as soon as one waits for it beyond the kernel's buffers.
  // (The sessions are seeded before the store exists: the new incident is started on purpose.)
  server = await startServer(
    dataDir,
    { VIGIE_MAX_QUEUED_KB: '64', VIGIE_START_AFRESH: '1' },
    { nodeArgs: ['--expose-gc'] },
  );
});

afterAll(async () => {
  server?.proc.kill('SIGKILL');
  await server?.exited;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('readers that stop reading', () => {
  it('are shed as slow consumers, memory stays bounded, an honest viewer keeps up, and the shed catch up', async () => {
    const viewer = await observed(server.url, { cookie: cookies.viewer });
    const commander = await observed(server.url, { cookie: cookies.commander });
    const stalled: StalledClient[] = await Promise.all(
      Array.from({ length: READERS }, () => stalledClient(server.url, { cookie: cookies.stalled })),
    );
    // Closed whatever happens: a stalled reader reconnects by itself and would go on knocking.
    onTestFinished(() => [...stalled, viewer, commander].forEach((c) => c.close()));
    await memory(); // the first report starts the server's measurements
    const before = await memory();

    stalled.forEach((s) => s.stall());
    // An honest commander changes a status ten times a second; the honest viewer must hold each change.
    const lags: number[] = [];
    const statuses = ['degrade', 'indisponible'] as const;
    for (let n = 0, started = Date.now(); Date.now() - started < STALL_MS; n++) {
      const sent = Date.now();
      const reply = await commander.send('system:set-status', {
        idempotencyKey: key(),
        hospitalId: 'cochin',
        systemId: 'dpi',
        status: statuses[n % 2],
      });
      expect(reply.ok).toBe(true);
      const seq = (reply as { data: { seq: number } }).data.seq;
      await viewer.until(() => viewer.patches.some((p) => p.to >= seq), 5000);
      lags.push(Date.now() - sent);
      await new Promise((r) => setTimeout(r, 100)); // the honest pace (ten changes a second) is the subject
    }
    const during = await memory();
    const shed = server.lines.filter((l) => l.includes('slow_consumer'));
    const grown = { rss: (during.rss - before.rss) / MB, heap: (during.heapUsed - before.heapUsed) / MB };

    expect(shed.length).toBeGreaterThanOrEqual(READERS);
    expect(JSON.parse(shed[0]!)).toMatchObject({ reason: 'slow_consumer', actor: expect.any(String) });
    expect(grown.rss).toBeLessThan(100);
    expect(grown.heap).toBeLessThan(50);
    expect(Math.max(...lags)).toBeLessThan(1000);

    // Reading again, each shed reader reconnects by itself and catches up with the viewer.
    stalled.forEach((s) => s.resume());
    const head = viewer.patches.at(-1)!.to;
    await Promise.all(
      stalled.map(async (s) => {
        await vi.waitFor(() => expect(s.socket.connected && s.seq >= head).toBe(true), {
          timeout: 10_000,
          interval: 50,
        });
        expect([s.connects > 1, s.seq]).toEqual([true, head]);
      }),
    );
  });
});
