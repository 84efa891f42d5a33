/** Writes a live incident of `count` events straight into a store file (and a snapshot at its end, as the server keeps). */
import { applyEvent, initialSituation, pairKeys, systemStatuses, type LogEvent, type LogMeta } from '@vigie/shared';
import { buildMeta, openedData } from '@vigie/shared/testing';
import { defaultRegistry, openStoreForTest } from '@vigie/server/testing';

const BATCH = 5000;

export async function seedStore(storePath: string, count: number) {
  const registry = defaultRegistry();
  const store = openStoreForTest(storePath, 'live');
  const meta: LogMeta = buildMeta({ logId: 'seeded-log', registryVersion: registry.version });
  await store.saveRegistry(registry.version, registry);
  await store.append({ logId: meta.logId, newLog: meta, events: [], idempotency: [] });
  const person = { kind: 'person' as const, id: 'seed', name: 'Préparation' };
  const pairs = pairKeys(registry);
  const start = Date.parse('2024-08-03T09:00:00.000Z');
  let state = initialSituation(registry, meta);
  for (let seq = 1; seq <= count;) {
    const batch = [];
    for (const end = Math.min(count, seq + BATCH - 1); seq <= end; seq++) {
      const body =
        seq === 1
          ? { type: 'incident.opened', data: openedData }
          : {
              type: 'value.set',
              data: {
                item: { kind: 'system', id: pairs[seq % pairs.length]!, value: systemStatuses.ids[seq % 6]! },
                effectiveAt: null,
                hold: true,
              },
            };
      const recordedAt = new Date(start + seq * 1000).toISOString();
      const event = { ...body, seq, by: person, recordedAt, commandId: `c${seq}` } as LogEvent;
      state = applyEvent(state, event);
      batch.push({ event, origin: { sessionId: 'seed', address: '127.0.0.1' }, idempotencyKey: `k${seq}` });
    }
    await store.append({ logId: meta.logId, events: batch, idempotency: [] });
  }
  await store.saveSnapshot(meta.logId, { seq: state.seq, registryVersion: registry.version, state });
  await store.close();
}
