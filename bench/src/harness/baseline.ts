/** Starts and stops the bare Socket.IO baseline process, pinned to the server core. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { SERVER_CORE, forkPinned, nextMessage } from './pinned.ts';
import { profiled } from './profile.ts';

export interface Memory {
  rss: number;
  /** Of which the young generation (empty after a collection; resident or not by the recent allocation rate). */
  young: number;
  /** JS heap used + external. */
  heap: number;
}

/**
 * `profile`: sampled as Vigie is where Vigie is, so both pay the profiler's small cost (the profile is
 * dropped); `nodeArgs`: Node flags, as Vigie gets them in the same scenario (default: --expose-gc);
 * `databaseUrl`: one node of several sharing broadcasts through Socket.IO's PostgreSQL adapter on
 * that database (its `socket_io_attachments` table created beforehand: see `createAttachmentsTable`).
 */
export async function startBaseline(options: { profile?: boolean; nodeArgs?: string[]; databaseUrl?: string } = {}) {
  const cpu = options.profile ? profiled() : null;
  const proc = forkPinned(
    join(import.meta.dirname, 'baselineServer.ts'),
    SERVER_CORE,
    [...(options.nodeArgs ?? ['--expose-gc']), ...(cpu?.nodeArgs ?? [])],
    options.databaseUrl ? { BASELINE_DATABASE_URL: options.databaseUrl } : {},
  );
  const port = await nextMessage(proc, (m) => (m as { port?: number }).port);
  return {
    proc,
    url: `http://127.0.0.1:${port}`,
    /** How many nodes this one hears through the adapter, itself included (1 with the in-memory adapter). */
    nodes: async () => {
      proc.send({ nodes: true });
      return nextMessage(proc, (m) => (m as { nodes?: number }).nodes);
    },
    /** Resident memory (and the young generation's share) and JS heap + external memory after full collections, in bytes. */
    memory: async () => {
      proc.send({ gc: true });
      return nextMessage(proc, (m) => ('rss' in (m as object) ? (m as Memory) : undefined));
    },
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
      if (cpu) rmSync(cpu.dir, { recursive: true, force: true });
    },
  };
}

/**
 * The table Socket.IO's PostgreSQL adapter keeps payloads over NOTIFY's limit in (as its README
 * creates it): made once, before the nodes start, so two nodes never race to create it.
 */
export async function createAttachmentsTable(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS socket_io_attachments (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)',
    );
  } finally {
    await client.end();
  }
}
