import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildMeta } from '@vigie/shared/testing';
import { tempDir } from '../../testing.ts';
import { chartChunk, eventStoreContract, storedEvents as stored } from '../eventStoreContract.ts';
import { openSqliteStore } from './sqliteStore.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function newStore(kind: 'demo' | 'live' = 'live') {
  const tmp = tempDir();
  cleanups.push(tmp.remove);
  const path = join(tmp.dir, 'store.sqlite');
  const store = openSqliteStore(path, kind);
  cleanups.unshift(() => void store.close());
  return { store, path };
}

eventStoreContract('SqliteStore', (kind) => {
  const { store } = newStore(kind);
  return Promise.resolve({ store, cleanup: () => store.close() });
});

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

describe('SqliteStore', () => {
  it('keeps events write-once', async () => {
    const { store } = newStore();
    const meta = buildMeta();
    await store.append({ logId: meta.logId, newLog: meta, events: stored(), idempotency: [] });
    expect(() => store.db.prepare(`UPDATE events SET type = 'x'`).run()).toThrow(/write-once/);
    expect(() => store.db.prepare(`DELETE FROM events`).run()).toThrow(/write-once/);
  });

  it('reads the events of one type through an index rather than the whole log', () => {
    const { store } = newStore();
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
  it('opens a store made before chart chunks were saved, which then saves them', async () => {
    const { store, path } = newStore();
    const meta = buildMeta();
    await store.append({ logId: meta.logId, newLog: meta, events: stored(), idempotency: [] });
    // As the store was before its third migration.
    store.db.exec('DROP TABLE series_chunks');
    store.db.pragma('user_version = 2');
    await store.close();

    const reopened = openSqliteStore(path, 'live');
    cleanups.unshift(() => void reopened.close());
    expect(await reopened.seriesHeads(meta.logId)).toEqual([]);
    await reopened.saveSnapshot(meta.logId, {
      seq: 1,
      registryVersion: 'test-1',
      state: {} as never,
      series: chartChunk(0, 1, [1]),
    });
    expect(await reopened.seriesHeads(meta.logId)).toHaveLength(1);
  });
});
