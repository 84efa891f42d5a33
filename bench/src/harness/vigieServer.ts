/**
 * Vigie as the benchmarks run it: the real server process (live mode, its own data folder, or a node
 * of a shared PostgreSQL database) pinned to the server core, with an open incident and seeded
 * sessions for its viewers and commanders (the documented benchmark fixture: real sessions, no
 * password hashing, same handshake checks).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRegistry, openPostgresStores, openSqliteAccessStore, seedSession } from '@vigie/server/testing';
import { startServer, type ServerProcess } from '@vigie/test/server-process';
import { seedLog, seedLogInto } from '../seed.ts';
import { profiled } from './profile.ts';
import { SERVER_CORE, canPin } from './pinned.ts';

export interface PreparedVigie {
  dataDir: string;
  /** The shared PostgreSQL database the server runs on (VIGIE_DATABASE_URL); null: the SQLite files in dataDir. */
  databaseUrl: string | null;
  viewerCookies: string[];
  commanderCookies: string[];
}

export interface VigieUnderTest extends PreparedVigie {
  server: ServerProcess;
  /** Where the server writes its CPU profile when it stops (started with `profile`). */
  profileDir: string | null;
  stop: () => Promise<void>;
}

type Sessions = Parameters<typeof seedSession>[0];

/**
 * A data folder with an open incident (and `events` more in its log) and the sessions asked for;
 * with `databaseUrl`, the log and the sessions go into that PostgreSQL database (every node started
 * on it shares them) and the folder stays empty.
 */
export async function prepareVigie(
  people: { viewers: number; commanders: number },
  events = 1,
  options: { databaseUrl?: string } = {},
): Promise<PreparedVigie> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-'));
  const seedPeople = async (access: Sessions) => {
    const viewerCookies: string[] = [];
    const commanderCookies: string[] = [];
    for (let i = 0; i < people.viewers; i++) {
      viewerCookies.push((await seedSession(access, { name: `Écran ${i}`, roles: ['viewer'] })).cookie);
    }
    for (let i = 0; i < people.commanders; i++) {
      commanderCookies.push((await seedSession(access, { name: `Commandant ${i}`, roles: ['commander'] })).cookie);
    }
    return { viewerCookies, commanderCookies };
  };
  if (options.databaseUrl) {
    const shared = await openPostgresStores(options.databaseUrl, 'live');
    try {
      await seedLogInto(shared.store, defaultRegistry(), events);
      return { dataDir, databaseUrl: options.databaseUrl, ...(await seedPeople(shared.accessStore)) };
    } finally {
      await shared.accessStore.close();
      await shared.store.close();
      await shared.release();
    }
  }
  await seedLog(join(dataDir, 'vigie.sqlite'), defaultRegistry(), events);
  const access = openSqliteAccessStore(join(dataDir, 'vigie-access.sqlite'));
  try {
    return { dataDir, databaseUrl: null, ...(await seedPeople(access)) };
  } finally {
    await access.close();
  }
}

/**
 * Starts the server on a prepared folder (or database); `requestsPerSecond` raises the per-connection
 * budget for burst commanders; `env`: more settings.
 */
export async function startVigie(
  prepared: PreparedVigie,
  options: { requestsPerSecond?: number; nodeArgs?: string[]; profile?: boolean; env?: Record<string, string> } = {},
): Promise<VigieUnderTest> {
  const cpu = options.profile ? profiled() : null;
  const server = await startServer(
    prepared.dataDir,
    {
      LOG_LEVEL: 'info',
      VIGIE_REQUESTS_PER_SECOND: String(options.requestsPerSecond ?? 20),
      ...(prepared.databaseUrl ? { VIGIE_DATABASE_URL: prepared.databaseUrl } : {}),
      ...options.env,
    },
    { ...(canPin ? { pin: SERVER_CORE } : {}), nodeArgs: [...(options.nodeArgs ?? []), ...(cpu?.nodeArgs ?? [])] },
  );
  return {
    ...prepared,
    server,
    profileDir: cpu?.dir ?? null,
    stop: async () => {
      server.proc.kill('SIGTERM');
      await server.exited;
    },
  };
}

/**
 * What the server logs on SIGUSR2: event-loop delay since the previous signal (null on the first,
 * which starts measuring), and memory (after a collection with --expose-gc).
 */
export interface Diagnostics {
  loopDelayMs: { p50: number; p99: number; max: number } | null;
  rss: number;
  /** Of which the young generation (V8's new spaces). */
  youngGeneration: number;
  heapUsed: number;
  external: number;
}

export async function diagnostics(server: ServerProcess): Promise<Diagnostics> {
  const seen = server.lines.length;
  server.proc.kill('SIGUSR2');
  // Up to 30 s: the server collects garbage three times first, and a loaded machine may hold it up.
  for (let i = 0; i < 1200; i++) {
    const line = server.lines.slice(seen).find((l) => l.includes('"diagnostics"'));
    if (line) return JSON.parse(line) as Diagnostics;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the server did not report its diagnostics');
}

export const removeData = (dataDir: string) => rmSync(dataDir, { recursive: true, force: true });
