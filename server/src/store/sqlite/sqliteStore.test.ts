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
  it('uses WAL with synchronous=FULL, read back from the file', () => {
    const { store } = newStore();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
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
