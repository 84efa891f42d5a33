/**
 * Start-up with a long log: from the server process's start to the first snapshot a client
 * receives, with 10k / 100k / 1M events; and the online backup and restore times at 100k.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import {
  backupNow,
  defaultRegistry,
  openSqliteAccessStore,
  openStoreForTest,
  restoreBackup,
  seedSession,
} from '@vigie/server/testing';
import { startServer } from '@vigie/test/server-process';
import { bySize, type Size } from './harness/size.ts';
import { seedLog } from './seed.ts';

/** Milliseconds from spawning the server to the first snapshot received, and what the server said of its own start. */
async function timeToFirstSnapshot(dataDir: string): Promise<{ snapshotMs: number; serverReadyMs: number }> {
  // A real viewer's session (seeded, so no hashing is timed): the first snapshot goes through the handshake checks.
  const access = openSqliteAccessStore(join(dataDir, 'vigie-access.sqlite'));
  const { cookie } = await seedSession(access, { name: 'Mesure', roles: ['viewer'] });
  await access.close();
  const started = performance.now();
  const server = await startServer(dataDir);
  try {
    const serverReadyMs = Number(/ready (\d+) ms/.exec(server.lines.join('\n'))?.[1]);
    const socket = io(server.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
    await new Promise((resolve) => socket.once('situation:snapshot', resolve));
    const snapshotMs = performance.now() - started;
    socket.close();
    return { snapshotMs, serverReadyMs };
  } finally {
    server.proc.kill('SIGTERM');
    await server.exited;
  }
}

export async function startup(size: Size): Promise<string[]> {
  const registry = defaultRegistry();
  const sizes = bySize(size, { smoke: [1_000], quick: [1_000, 10_000], full: [10_000, 100_000, 1_000_000] });
  const backupAt = bySize(size, { smoke: 1_000, quick: 10_000, full: 100_000 });
  const lines = [
    '| events | seed (s) | store (MB) | process start → first snapshot (ms) | server ready (ms) |',
    '|---:|---:|---:|---:|---:|',
  ];
  for (const events of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-startup-'));
    try {
      const storePath = join(dir, 'vigie.sqlite');
      const seedStart = performance.now();
      await seedLog(storePath, registry, events);
      const seedS = (performance.now() - seedStart) / 1000;
      await timeToFirstSnapshot(dir); // warm the transpile cache, as a restarted service would have it
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await timeToFirstSnapshot(dir));
      const median = runs.map((r) => r.snapshotMs).sort((a, b) => a - b)[1]!;
      const ready = runs.map((r) => r.serverReadyMs).sort((a, b) => a - b)[1]!;
      const mb = statSync(storePath).size / 1e6;
      lines.push(
        `| ${events.toLocaleString('en')} | ${seedS.toFixed(1)} | ${mb.toFixed(0)} | ${median.toFixed(0)} | ${ready} |`,
      );
      if (events === backupAt) lines.push(...(await backupAndRestore(storePath, dir, events)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return lines;
}

async function backupAndRestore(storePath: string, dir: string, size: number): Promise<string[]> {
  const store = openStoreForTest(storePath, 'live');
  const t0 = performance.now();
  const backup = await backupNow(store, join(dir, 'backups'), 2);
  const backupMs = performance.now() - t0;
  await store.close();
  const t1 = performance.now();
  restoreBackup(backup, storePath);
  const restoreMs = performance.now() - t1;
  return [
    `| backup / restore at ${size.toLocaleString('en')} events | online backup ${backupMs.toFixed(0)} ms | restore ${restoreMs.toFixed(0)} ms | | |`,
  ];
}
