/**
 * What every event store does, whatever its engine: one suite, run against SQLite and PostgreSQL
 * (`sqlite/sqliteStore.test.ts`, `postgres/pgEventStore.test.ts`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEvent } from '@vigie/shared';
import { buildActor, buildEvents, buildLogEntry, buildMeta, openedData } from '@vigie/shared/testing';
import type { EventStore, StoreKind, StoredEvent } from './eventStore.ts';

export type OpenEventStore = (kind: StoreKind) => Promise<{ store: EventStore; cleanup: () => Promise<void> }>;

export const storedEvents = (events = buildEvents([{ type: 'incident.opened', data: openedData }])): StoredEvent[] =>
  events.map((event) => ({
    event,
    origin: { sessionId: 's1', address: '10.0.0.7' },
    idempotencyKey: `key-${event.seq}`,
  }));

export const chartChunk = (fromSeq: number, toSeq: number, recovery: number[]) => ({
  fromSeq,
  toSeq,
  registryVersion: 'test-1',
  time: 1_722_675_600_000 + toSeq,
  last: { recovery: recovery.at(-1)!, 'emergencies-open': 3 },
  points: {
    recovery: { t: Float64Array.from(recovery, (_, i) => 1_722_675_600_000 + i), v: Float64Array.from(recovery) },
    'mode:normal': { t: new Float64Array(0), v: new Float64Array(0) },
  },
});

export function eventStoreContract(name: string, open: OpenEventStore): void {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const newStore = async (kind: StoreKind = 'live') => {
    const { store, cleanup } = await open(kind);
    cleanups.push(cleanup);
    return store;
  };
  const withLog = async () => {
    const store = await newStore();
    const meta = buildMeta();
    await store.append({ logId: meta.logId, newLog: meta, events: storedEvents(), idempotency: [] });
    return { store, meta };
  };

  describe(`${name}: the event store contract`, () => {
    it('commits events and idempotency records, and reads them back in order', async () => {
      const store = await newStore();
      const meta = buildMeta();
      await store.append({
        logId: meta.logId,
        newLog: meta,
        events: storedEvents(),
        idempotency: [{ actorKey: 'person:alice', key: 'key-1', requestHash: 'h', result: { seq: 1 } }],
      });
      expect(await store.currentLog()).toEqual(meta);
      expect(await store.readEvents(meta.logId, 0, 10)).toEqual(
        buildEvents([{ type: 'incident.opened', data: openedData }]),
      );
      expect(await store.findIdempotency(meta.logId, 'person:alice', 'key-1')).toMatchObject({
        requestHash: 'h',
        result: { seq: 1 },
      });
      expect(await store.findIdempotency(meta.logId, 'person:alice', 'key-2')).toBeNull();
    });

    it('commits nothing of a batch that fails part-way', async () => {
      const { store, meta } = await withLog();
      const next = storedEvents(
        buildEvents([{ type: 'incident.closed', data: { closedAt: '2024-08-06T18:00:00.000Z' } }], { firstSeq: 2 }),
      );
      await expect(
        store.append({ logId: meta.logId, events: [...next, ...storedEvents()], idempotency: [] }),
      ).rejects.toThrow();
      expect(await store.readEvents(meta.logId, 0, 10)).toHaveLength(1);
    });

    it('refuses scenario events in a live store and accepts them in a demo store', async () => {
      const scenario = buildActor({ kind: 'scenario', id: 'scenario', name: 'scénario' });
      const events = storedEvents(buildEvents([{ type: 'incident.opened', data: openedData }], { by: scenario }));
      const meta = buildMeta();
      await expect(
        (await newStore('live')).append({ logId: meta.logId, newLog: meta, events, idempotency: [] }),
      ).rejects.toThrow(/refuses scenario/);
      await expect(
        (await newStore('demo')).append({ logId: meta.logId, newLog: meta, events, idempotency: [] }),
      ).resolves.toBeUndefined();
    });

    it('makes a newer log the current one', async () => {
      const { store, meta } = await withLog();
      const next = buildMeta({ logId: 'next-log', createdAt: '2024-08-07T09:00:00.000Z' });
      await store.append({ logId: next.logId, newLog: next, events: [], idempotency: [] });
      expect(await store.currentLog()).toEqual(next);
      expect(await store.readEvents(meta.logId, 0, 10)).toHaveLength(1);
    });

    it('decides under exclusive and commits what was decided, or nothing when it throws', async () => {
      const { store, meta } = await withLog();
      await store.exclusive({ logId: meta.logId, seq: 1 }, (tail) => {
        expect(tail).toEqual({ newLog: null, events: [] });
        const events = storedEvents(buildEvents([buildLogEntry('décidé')], { firstSeq: 2 }));
        return Promise.resolve({ logId: meta.logId, events, idempotency: [] });
      });
      await expect(
        store.exclusive({ logId: meta.logId, seq: 2 }, () => Promise.reject(new Error('refused'))),
      ).rejects.toThrow('refused');
      await store.exclusive({ logId: meta.logId, seq: 2 }, () => Promise.resolve(null));
      expect((await store.readEvents(meta.logId, 0, 10)).map((e) => e.seq)).toEqual([1, 2]);
    });

    it('pages the events of one type, of one item and of one actor, newest first', async () => {
      const store = await newStore();
      const meta = buildMeta();
      const release = { type: 'value.released' as const, data: { item: { kind: 'system' as const, id: 'h1:dpi' } } };
      const bodies: Pick<LogEvent, 'type' | 'data'>[] = [{ type: 'incident.opened', data: openedData }];
      for (let i = 0; i < 7; i++) bodies.push(buildLogEntry(`d${i}`), release);
      await store.append({
        logId: meta.logId,
        newLog: meta,
        events: storedEvents(buildEvents(bodies)),
        idempotency: [],
      });

      const first = await store.typeEvents(meta.logId, 'log.entry-added', { limit: 4 });
      expect(first.events.map((e) => e.event.seq)).toEqual([14, 12, 10, 8]);
      expect(first.before).toBe(8);
      const second = await store.typeEvents(meta.logId, 'log.entry-added', { before: 8, limit: 4 });
      expect(second.events.map((e) => e.event.seq)).toEqual([6, 4, 2]);
      expect(second.before).toBeNull();

      const items = await store.itemEvents(meta.logId, 'system/h1:dpi', { limit: 3 });
      expect(items.events.map((e) => e.event.seq)).toEqual([15, 13, 11]);
      expect(items.events[0]!.origin).toEqual({ sessionId: 's1', address: '10.0.0.7' });
      const audit = await store.auditEvents(meta.logId, { before: 3, limit: 10 });
      expect(audit.events.map((e) => e.event.seq)).toEqual([2, 1]);
      const by = bodies.length > 0 ? buildEvents(bodies)[0]!.by : null;
      const mine = await store.auditEvents(meta.logId, { actorId: `${by!.kind}:${by!.id}`, limit: 2 });
      expect(mine.events.map((e) => e.event.seq)).toEqual([15, 14]);
      expect((await store.auditEvents(meta.logId, { actorId: 'person:nobody', limit: 2 })).events).toEqual([]);
    });

    it('keeps the latest snapshot and the registries', async () => {
      const { store, meta } = await withLog();
      expect(await store.latestSnapshot(meta.logId)).toBeNull();
      await store.saveSnapshot(meta.logId, { seq: 1, registryVersion: 'test-1', state: { seq: 1 } as never });
      await store.saveSnapshot(meta.logId, { seq: 2, registryVersion: 'test-1', state: { seq: 2 } as never });
      expect(await store.latestSnapshot(meta.logId)).toEqual({ seq: 2, registryVersion: 'test-1', state: { seq: 2 } });
      await store.saveRegistry('test-1', { version: 'test-1', hospitals: [] });
      await store.saveRegistry('test-1', { version: 'ignored' });
      expect(await store.loadRegistry('test-1')).toEqual({ version: 'test-1', hospitals: [] });
      expect(await store.loadRegistry('test-2')).toBeNull();
      await store.setLogRegistry(meta.logId, 'test-2');
      expect((await store.currentLog())!.registryVersion).toBe('test-2');
    });

    it('keeps each snapshot’s chart chunk beside the earlier ones, points exact to the bit, read back in seq order', async () => {
      const { store, meta } = await withLog();
      const snapshot = (seq: number, series?: ReturnType<typeof chartChunk>) =>
        store.saveSnapshot(meta.logId, {
          seq,
          registryVersion: 'test-1',
          state: { seq } as never,
          ...(series ? { series } : {}),
        });
      await snapshot(5, chartChunk(0, 5, [0.1, 1 / 3]));
      await snapshot(9, chartChunk(5, 9, [2 / 7]));
      await snapshot(12);

      const heads = await store.seriesHeads(meta.logId);
      const chunks = await store.readSeriesChunks(meta.logId, 0, 9, 10);
      expect(heads.map((h) => [h.fromSeq, h.toSeq, h.counts])).toEqual([
        [0, 5, { recovery: 2 }],
        [5, 9, { recovery: 1 }],
      ]);
      expect(heads[1]).toMatchObject({ registryVersion: 'test-1', time: 1_722_675_600_009, last: { recovery: 2 / 7 } });
      expect(chunks.map((c) => [...c.points.recovery!.v])).toEqual([[0.1, 1 / 3], [2 / 7]]);
      expect(Object.keys(chunks[0]!.points)).toEqual(['recovery']);
      expect(await store.readSeriesChunks(meta.logId, 5, 9, 10)).toHaveLength(1);
      expect(await store.readSeriesChunks(meta.logId, 0, 8, 10)).toHaveLength(1);

      // One saved from seq 0 replaces every earlier chunk of the log.
      await snapshot(14, chartChunk(0, 14, [0.5, 0.6]));
      expect((await store.seriesHeads(meta.logId)).map((h) => [h.fromSeq, h.toSeq])).toEqual([[0, 14]]);
    });
  });
}
