/**
 * Writes a log of `count` realistic events straight into a store file (or a PostgreSQL database's
 * event store), with snapshots (and their chart points) as the server takes them. A large log is
 * seeded once per run and copied after that (start-up and growth both want a million events).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  initialSituation,
  newFoldScope,
  pairKey,
  systemStatuses,
  type LogEvent,
  type LogMeta,
  type Registry,
} from '@vigie/shared';
import { ChartSeries, foldCounting, openStoreForTest, unsavedChunk } from '@vigie/server/testing';

const SNAPSHOT_EVERY = 5000;
const BATCH = 10_000;
/** Logs at least this long are kept for the rest of the run and copied when asked for again. */
const KEEP_FROM = 100_000;

/**
 * What the events after the incident's opening are: `statuses`, system statuses with one
 * main-courante entry in 50; `main-courante`, entries with one system status in 20.
 */
export type SeedMix = 'statuses' | 'main-courante';

const isEntry: Record<SeedMix, (seq: number) => boolean> = {
  statuses: (seq) => seq % 50 === 0,
  'main-courante': (seq) => seq % 20 !== 0,
};

/** Events of a log whose main courante holds `entries` entries. */
export const eventsForEntries = (entries: number) => 1 + Math.ceil((entries * 20) / 19);

const kept = new Map<string, string>();
let keptDir: string | null = null;

export async function seedLog(
  storePath: string,
  registry: Registry,
  count: number,
  mix: SeedMix = 'statuses',
): Promise<void> {
  const key = `${registry.version} ${count} ${mix}`;
  const copy = kept.get(key);
  if (copy) {
    copyFileSync(copy, storePath);
    return;
  }
  const store = openStoreForTest(storePath, 'live');
  try {
    await writeLog(store, registry, count, isEntry[mix]);
  } finally {
    await store.close();
  }
  if (count < KEEP_FROM) return;
  if (!keptDir) {
    const dir = (keptDir = mkdtempSync(join(tmpdir(), 'vigie-bench-seeded-')));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  const path = join(keptDir, `${kept.size}.sqlite`);
  copyFileSync(storePath, path);
  kept.set(key, path);
}

/** What seeding writes through: the SQLite store, or a shared PostgreSQL database's event store (the same calls). */
export type SeedTarget = Pick<ReturnType<typeof openStoreForTest>, 'saveRegistry' | 'append' | 'saveSnapshot'>;

/** Writes the same log into a store already open (a PostgreSQL database's): never kept or copied. */
export const seedLogInto = (store: SeedTarget, registry: Registry, count: number, mix: SeedMix = 'statuses') =>
  writeLog(store, registry, count, isEntry[mix]);

async function writeLog(store: SeedTarget, registry: Registry, count: number, isEntry: (seq: number) => boolean) {
  const meta: LogMeta = {
    logId: 'bench-log',
    epoch: 1,
    demo: false,
    registryVersion: registry.version,
    createdAt: new Date().toISOString(),
  };
  await store.saveRegistry(registry.version, registry);
  await store.append({ logId: meta.logId, newLog: meta, events: [], idempotency: [] });
  const person = { kind: 'person' as const, id: 'bench', name: 'Banc d’essai' };
  const pairs = registry.hospitals.flatMap((h) => registry.systems.map((s) => pairKey(h.id, s.id)));
  let state = initialSituation(registry, meta);
  const series = ChartSeries.opened(registry, meta, state);
  let lastSnapshot = 0;
  const start = Date.now() - count * 1000;
  for (let seq = 1; seq <= count;) {
    const batch = [];
    // One fold scope per batch, as the server folds a commit: each touched record copied once.
    const scope = newFoldScope();
    for (const end = Math.min(count, seq + BATCH - 1); seq <= end; seq++) {
      const recordedAt = new Date(start + seq * 1000).toISOString();
      const body: Pick<LogEvent, 'type' | 'data'> =
        seq === 1
          ? {
              type: 'incident.opened',
              data: {
                type: 'sse-numerique',
                title: 'Banc',
                startedAt: recordedAt,
                cause: 'technique',
                causeNote: null,
                phase: 'alerte',
                powerRestoredAt: null,
                patientImpact: null,
                clock: null,
              },
            }
          : isEntry(seq)
            ? {
                type: 'log.entry-added',
                data: {
                  type: 'information',
                  text: `Entrée ${seq}`,
                  verification: 'verifiee',
                  owner: null,
                  dueAt: null,
                  effectiveAt: null,
                },
              }
            : {
                type: 'value.set',
                data: {
                  item: { kind: 'system', id: pairs[seq % pairs.length]!, value: systemStatuses.ids[seq % 6]! },
                  effectiveAt: null,
                  hold: true,
                },
              };
      const event = { ...body, seq, by: person, recordedAt, commandId: `c${seq}` } as LogEvent;
      const folded = foldCounting(state, event, scope);
      state = folded.state;
      series.apply(event, folded.write);
      batch.push({ event, origin: { sessionId: 'bench', address: '127.0.0.1' }, idempotencyKey: `k${seq}` });
      if (state.seq - lastSnapshot < SNAPSHOT_EVERY) continue;
      // Events up to this snapshot go first: a snapshot never runs ahead of the log it folds.
      await store.append({ logId: meta.logId, events: batch.splice(0), idempotency: [] });
      const chunk = unsavedChunk(series, registry);
      await store.saveSnapshot(meta.logId, { seq: state.seq, registryVersion: registry.version, state, series: chunk });
      series.saved();
      lastSnapshot = state.seq;
    }
    if (batch.length > 0) await store.append({ logId: meta.logId, events: batch, idempotency: [] });
  }
}
