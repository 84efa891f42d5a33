/**
 * Vigie as the benchmarks run it: the real server process (live mode, its own data folder) pinned
 * to the server core, with an open incident and seeded sessions for its viewers and commanders
 * (the documented benchmark fixture: real sessions, no password hashing, same handshake checks).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRegistry, openSqliteAccessStore, seedSession } from '@vigie/server/testing';
import { startServer, type ServerProcess } from '@vigie/test/server-process';
import { seedLog } from '../seed.ts';
import { SERVER_CORE, canPin } from './pinned.ts';

export interface VigieUnderTest {
  server: ServerProcess;
  viewerCookies: string[];
  commanderCookies: string[];
  dataDir: string;
  stop: () => Promise<void>;
}

/** A data folder with an open incident (and `events` more in its log) and the sessions asked for. */
export async function prepareVigie(people: { viewers: number; commanders: number }, events = 1) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-'));
  await seedLog(join(dataDir, 'vigie.sqlite'), defaultRegistry(), events);
  const access = openSqliteAccessStore(join(dataDir, 'vigie-access.sqlite'));
  const viewerCookies: string[] = [];
  const commanderCookies: string[] = [];
  for (let i = 0; i < people.viewers; i++) {
    viewerCookies.push((await seedSession(access, { name: `Écran ${i}`, roles: ['viewer'] })).cookie);
  }
  for (let i = 0; i < people.commanders; i++) {
    commanderCookies.push((await seedSession(access, { name: `Commandant ${i}`, roles: ['commander'] })).cookie);
  }
  await access.close();
  return { dataDir, viewerCookies, commanderCookies };
}

/** Starts the server on a prepared folder; `requestsPerSecond` raises the per-connection budget for burst commanders. */
export async function startVigie(
  prepared: Awaited<ReturnType<typeof prepareVigie>>,
  options: { requestsPerSecond?: number; nodeArgs?: string[] } = {},
): Promise<VigieUnderTest> {
  const server = await startServer(
    prepared.dataDir,
    { LOG_LEVEL: 'info', VIGIE_REQUESTS_PER_SECOND: String(options.requestsPerSecond ?? 20) },
    { ...(canPin ? { pin: SERVER_CORE } : {}), nodeArgs: [...(options.nodeArgs ?? []), ...profiling()] },
  );
  return {
    ...prepared,
    server,
    stop: async () => {
      server.proc.kill('SIGTERM');
      await server.exited;
    },
  };
}

export const removeData = (dataDir: string) => rmSync(dataDir, { recursive: true, force: true });

/** `VIGIE_BENCH_PROFILE=<folder>`: the server writes a V8 CPU profile there when it stops (where the time went). */
function profiling(): string[] {
  const dir = process.env['VIGIE_BENCH_PROFILE'];
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}
