import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEvent } from '@vigie/shared';
import { buildActor, buildEvents, buildLogEntry, buildMeta, openedData } from '@vigie/shared/testing';
import { tempDir } from '../../testing.ts';
import type { StoredEvent } from '../eventStore.ts';
import { openSqliteStore } from './sqliteStore.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function newStore(kind: 'demo' | 'live' = 'live') {
  const tmp = tempDir();
  cleanups.push(tmp.remove);
  const path = join(tmp.dir, 'store.sqlite');
  const store = openSqliteStore(path, kind);
  cleanups.unshift(() => store.db.open && store.db.close());
  return { store, path };
}

const stored = (events = buildEvents([{ type: 'incident.opened', data: openedData }])): StoredEvent[] =>
  events.map((event) => ({
    event,
    origin: { sessionId: 's1', address: '10.0.0.7' },
    idempotencyKey: `key-${event.seq}`,
  }));

describe('openSqliteStore', () => {
  it('uses WAL, synced by the store rather than inside SQLite’s commit (test/durability/walSync.test.ts)', () => {
    const { store } = newStore();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
  });

  it('keeps 64 MiB of pages in memory, not SQLite’s 2 MiB: a long log’s index tails are written on every commit', () => {
    const { store } = newStore();
    expect(store.db.pragma('cache_size', { simple: true })).toBe(-64 * 1024);
  });

  it('refuses to open a demo store as a live one', async () => {
    const { store, path } = newStore('demo');
    await store.close();
    expect(() => openSqliteStore(path, 'live')).toThrow(/demo store/);
  });
});

describe('SqliteStore.append', () => {
  it('commits events and idempotency records, and reads them back in order', async () => {
    const { store } = newStore();
    const meta = buildMeta();
    await store.append({
      logId: meta.logId,
      newLog: meta,
      events: stored(),
      idempotency: [{ actorKey: 'person:alice', key: 'key-1', requestHash: 'h', result: { seq: 1 } }],
    });
    expect(await store.currentLog()).toEqual(meta);
    const events = await store.readEvents(meta.logId, 0, 10);
    expect(events).toEqual(buildEvents([{ type: 'incident.opened', data: openedData }]));
    expect(await store.findIdempotency(meta.logId, 'person:alice', 'key-1')).toMatchObject({
      requestHash: 'h',
      result: { seq: 1 },
    });
  });

  it('commits nothing of a batch that fails part-way', async () => {
    const { store } = newStore();
    const meta = buildMeta();
    await store.append({ logId: meta.logId, newLog: meta, events: stored(), idempotency: [] });
    const duplicate = stored(
      buildEvents([{ type: 'incident.closed', data: { closedAt: '2024-08-06T18:00:00.000Z' } }], { firstSeq: 2 }),
    );
    await expect(
      store.append({ logId: meta.logId, events: [...duplicate, ...stored()], idempotency: [] }),
    ).rejects.toThrow();
    expect(await store.readEvents(meta.logId, 0, 10)).toHaveLength(1);
  });

  it('keeps events write-once', async () => {
    const { store } = newStore();
    const meta = buildMeta();
    await store.append({ logId: meta.logId, newLog: meta, events: stored(), idempotency: [] });
    expect(() => store.db.prepare(`UPDATE events SET type = 'x'`).run()).toThrow(/write-once/);
    expect(() => store.db.prepare(`DELETE FROM events`).run()).toThrow(/write-once/);
  });

  it('refuses scenario events in a live store and accepts them in a demo store', async () => {
    const scenario = buildActor({ kind: 'scenario', id: 'scenario', name: 'scénario' });
    const events = stored(buildEvents([{ type: 'incident.opened', data: openedData }], { by: scenario }));
    const meta = buildMeta();
    await expect(
      newStore('live').store.append({ logId: meta.logId, newLog: meta, events, idempotency: [] }),
    ).rejects.toThrow(/refuses scenario/);
    await expect(
      newStore('demo').store.append({ logId: meta.logId, newLog: meta, events, idempotency: [] }),
    ).resolves.toBeUndefined();
  });
});

describe('SqliteStore.typeEvents', () => {
  it('pages the events of one type newest first, through an index rather than the whole log', async () => {
    const { store } = newStore();
    const meta = buildMeta();
    const entry = (i: number) => buildLogEntry(`d${i}`);
    const release = { type: 'value.released' as const, data: { item: { kind: 'system' as const, id: 'h1:dpi' } } };
    const bodies: Pick<LogEvent, 'type' | 'data'>[] = [{ type: 'incident.opened', data: openedData }];
    for (let i = 0; i < 7; i++) bodies.push(entry(i), release);
    await store.append({ logId: meta.logId, newLog: meta, events: stored(buildEvents(bodies)), idempotency: [] });

    const first = await store.typeEvents(meta.logId, 'log.entry-added', { limit: 4 });
    expect(first.events.map((e) => e.event.seq)).toEqual([14, 12, 10, 8]);
    expect(first.before).toBe(8);
    const second = await store.typeEvents(meta.logId, 'log.entry-added', { before: 8, limit: 4 });
    expect(second.events.map((e) => e.event.seq)).toEqual([6, 4, 2]);
    expect(second.before).toBeNull();

    // The plan of the very statement typeEvents runs.
    const { source } = (store as unknown as { statements: { selectTypeEvents: { source: string } } }).statements
      .selectTypeEvents;
    const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${source}`).all('x', 'log.entry-added', 10, 4) as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/events_by_type/);
  });
});

describe('SqliteStore chart chunks', () => {
  const chunk = (fromSeq: number, toSeq: number, recovery: number[]) => ({
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

  async function withLog() {
    const { store, path } = newStore();
    const meta = buildMeta();
    await store.append({ logId: meta.logId, newLog: meta, events: stored(), idempotency: [] });
    const snapshot = (seq: number, series?: ReturnType<typeof chunk>) =>
      store.saveSnapshot(meta.logId, {
        seq,
        registryVersion: 'test-1',
        state: { seq } as never,
        ...(series ? { series } : {}),
      });
    return { store, path, meta, snapshot };
  }

  it('keeps each snapshot’s chunk beside the earlier ones, points exact to the bit, and reads them back in seq order', async () => {
    const { store, meta, snapshot } = await withLog();
    await snapshot(5, chunk(0, 5, [0.1, 1 / 3]));
    await snapshot(9, chunk(5, 9, [2 / 7]));
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
  });

  it('replaces every earlier chunk of the log with one saved from seq 0', async () => {
    const { store, meta, snapshot } = await withLog();
    await snapshot(5, chunk(0, 5, [0.1]));
    await snapshot(9, chunk(5, 9, [0.2]));

    await snapshot(14, chunk(0, 14, [0.5, 0.6]));

    expect((await store.seriesHeads(meta.logId)).map((h) => [h.fromSeq, h.toSeq])).toEqual([[0, 14]]);
  });

  it('opens a store made before chart chunks were saved, which then saves them', async () => {
    const { store, path, meta } = await withLog();
    // As the store was before its third migration.
    store.db.exec('DROP TABLE series_chunks');
    store.db.pragma('user_version = 2');
    await store.close();

    const reopened = openSqliteStore(path, 'live');
    cleanups.unshift(() => reopened.db.open && reopened.db.close());
    expect(await reopened.seriesHeads(meta.logId)).toEqual([]);
    await reopened.saveSnapshot(meta.logId, {
      seq: 1,
      registryVersion: 'test-1',
      state: {} as never,
      series: chunk(0, 1, [1]),
    });
    expect(await reopened.seriesHeads(meta.logId)).toHaveLength(1);
  });
});
