/** Writes a log of `count` realistic events straight into a store file, with snapshots as the server takes them. */
import {
  applyEvent,
  initialSituation,
  pairKey,
  systemStatuses,
  type LogEvent,
  type LogMeta,
  type Registry,
} from '@vigie/shared';
import { openStoreForTest } from '@vigie/server/testing';

const SNAPSHOT_EVERY = 5000;
const BATCH = 10_000;

export async function seedLog(storePath: string, registry: Registry, count: number): Promise<void> {
  const store = openStoreForTest(storePath, 'live');
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
  let lastSnapshot = 0;
  const start = Date.now() - count * 1000;
  for (let seq = 1; seq <= count;) {
    const batch = [];
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
          : seq % 50 === 0
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
      state = applyEvent(state, event);
      batch.push({ event, origin: { sessionId: 'bench', address: '127.0.0.1' }, idempotencyKey: `k${seq}` });
    }
    await store.append({ logId: meta.logId, events: batch, idempotency: [] });
    if (state.seq - lastSnapshot >= SNAPSHOT_EVERY) {
      await store.saveSnapshot(meta.logId, { seq: state.seq, registryVersion: registry.version, state });
      lastSnapshot = state.seq;
    }
  }
  await store.close();
}
