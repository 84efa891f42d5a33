import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEvents, buildLogEntry, buildMeta, openedData } from '@vigie/shared/testing';
import { tempDir } from '../../testing.ts';
import { inspectInWorker } from './inspectInWorker.ts';
import { inspectStoreFile } from './inspectStore.ts';
import { openSqliteStore } from './sqliteStore.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function folder() {
  const tmp = tempDir();
  cleanups.push(tmp.remove);
  return tmp.dir;
}

/** A closed store whose log holds events numbered `seqs` (write-once events: a gap can only be written in). */
async function storeWith(seqs: number[], path = join(folder(), 'vigie.sqlite')) {
  const store = openSqliteStore(path, 'live');
  const meta = buildMeta();
  const bodies = seqs.map((_, i) =>
    i === 0
      ? { type: 'incident.opened' as const, data: openedData }
      : buildLogEntry('x'.repeat(2000), { type: 'information', verification: 'verifiee' }),
  );
  const events = buildEvents(bodies).map((e, i) => ({ ...e, seq: seqs[i]! }));
  await store.append({
    logId: meta.logId,
    newLog: meta,
    events: events.map((event) => ({
      event,
      origin: { sessionId: null, address: null },
      idempotencyKey: `k${event.seq}`,
    })),
    idempotency: [],
  });
  await store.close();
  return path;
}

describe('inspectStoreFile', () => {
  it('finds a store with a gap-free log good, and counts its events', async () => {
    const path = await storeWith([1, 2, 3]);
    expect(inspectStoreFile(path)).toMatchObject({ state: 'good', events: 3, problem: null });
  });

  it('tells a missing file, a zero-byte file and a store without a log apart', async () => {
    const dir = folder();
    expect(inspectStoreFile(join(dir, 'none.sqlite')).state).toBe('missing');
    writeFileSync(join(dir, 'zero.sqlite'), '');
    expect(inspectStoreFile(join(dir, 'zero.sqlite'))).toMatchObject({
      state: 'empty',
      problem: 'the file is empty (zero bytes)',
    });
    await openSqliteStore(join(dir, 'fresh.sqlite'), 'live').close();
    expect(inspectStoreFile(join(dir, 'fresh.sqlite'))).toMatchObject({
      state: 'empty',
      problem: 'the store holds no incident log',
    });
  });

  it('finds a log with missing events damaged', async () => {
    const path = await storeWith([1, 2, 4]);
    expect(inspectStoreFile(path)).toMatchObject({
      state: 'damaged',
      problem: expect.stringMatching(/some are missing/) as string,
    });
  });

  it('finds a store with pages overwritten damaged, in a worker thread too', async () => {
    const path = await storeWith(Array.from({ length: 400 }, (_, i) => i + 1));
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(statSync(path).size / 2 / 4096) * 4096);
    closeSync(fd);
    expect(inspectStoreFile(path).state).toBe('damaged');
    expect((await inspectInWorker(path)).state).toBe('damaged');
  });
});
