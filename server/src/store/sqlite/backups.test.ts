import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildEvents, buildMeta, openedData } from '@vigie/shared/testing';
import { tempDir } from '../../testing.ts';
import { backupName, backupNow, restoreBackup, scheduleBackups } from './backups.ts';
import { openSqliteStore } from './sqliteStore.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((c) => c());
  vi.useRealTimers();
});

async function storeWithOneEvent() {
  const tmp = tempDir();
  const path = join(tmp.dir, 'vigie.sqlite');
  const store = openSqliteStore(path, 'live');
  cleanups.push(() => {
    void store.close();
    tmp.remove();
  });
  const meta = buildMeta();
  const [event] = buildEvents([{ type: 'incident.opened', data: openedData }]);
  await store.append({
    logId: meta.logId,
    newLog: meta,
    events: [{ event: event!, origin: { sessionId: null, address: null }, idempotencyKey: 'k1' }],
    idempotency: [],
  });
  return { store, path, dir: tmp.dir, meta };
}

describe('backups', () => {
  it('writes a readable copy and keeps only the newest ones', async () => {
    const { store, dir, meta } = await storeWithOneEvent();
    const backups = join(dir, 'backups');
    for (let i = 0; i < 4; i++) await backupNow(store, backups, 2, new Date(Date.UTC(2024, 7, 3, 11, i)));
    expect(readdirSync(backups)).toEqual([
      backupName(new Date(Date.UTC(2024, 7, 3, 11, 2))),
      backupName(new Date(Date.UTC(2024, 7, 3, 11, 3))),
    ]);
    const copy = openSqliteStore(join(backups, readdirSync(backups)[1]!), 'live');
    expect(await copy.readEvents(meta.logId, 0, 10)).toHaveLength(1);
    await copy.close();
  });

  it('runs on schedule', async () => {
    vi.useFakeTimers();
    const { store, dir } = await storeWithOneEvent();
    const done: string[] = [];
    const stop = scheduleBackups(store, {
      dir: join(dir, 'b'),
      everyMs: 60_000,
      keep: 10,
      onDone: (p) => done.push(p),
      onError: () => undefined,
    });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(done).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(done).toHaveLength(1));
    stop();
  });

  it('restores under a new epoch and keeps the replaced store', async () => {
    const { store, path, dir } = await storeWithOneEvent();
    const backup = await backupNow(store, join(dir, 'b'), 1);
    await store.close();
    const { epoch, keptAs } = restoreBackup(backup, path);
    expect(epoch).toBe(2);
    expect(keptAs).toMatch(/before-restore/);
    const restored = openSqliteStore(path, 'live');
    expect((await restored.currentLog())?.epoch).toBe(2);
    await restored.close();
  });
});
