import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildEvents, buildMeta, openedData } from '@vigie/shared/testing';
import { tempDir } from '../../testing.ts';
import {
  BackupCheckError,
  backupName,
  backupNow,
  latestGoodBackup,
  listBackups,
  restoreBackup,
  RestoreRefusedError,
  scheduleBackups,
} from './backups.ts';
import { openSqliteStore, type SqliteStore } from './sqliteStore.ts';
import { lockStore, StoreLockedError } from './storeLock.ts';

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

  it('removes what a backup cut short left behind, and lists each file with its state', async () => {
    const { store, dir } = await storeWithOneEvent();
    const backups = join(dir, 'b');
    const first = await backupNow(store, backups, 10, new Date(Date.UTC(2024, 7, 3, 11)));
    const cut = join(backups, backupName(new Date(Date.UTC(2024, 7, 3, 11, 5))) + '.partial');
    writeFileSync(cut, 'half a copy');
    writeFileSync(`${cut}-journal`, 'its journal');
    writeFileSync(join(backups, backupName(new Date(Date.UTC(2024, 7, 3, 11, 7)))), '');
    expect(listBackups(backups).map((b) => [b.name, b.state, b.events])).toEqual([
      [backupName(new Date(Date.UTC(2024, 7, 3, 11, 7))), 'empty', 0],
      [backupName(new Date(Date.UTC(2024, 7, 3, 11, 5))) + '.partial', 'partial', 0],
      [backupName(new Date(Date.UTC(2024, 7, 3, 11))), 'good', 1],
    ]);
    expect(latestGoodBackup(backups)).toBe(first);

    await backupNow(store, backups, 10, new Date(Date.UTC(2024, 7, 3, 11, 10)));
    expect(readdirSync(backups).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('keeps no file of a copy that holds fewer events than were committed', async () => {
    const { store, dir } = await storeWithOneEvent();
    const backups = join(dir, 'b');
    // A store that holds less than it says was committed: the copy cannot hold it all either.
    const emptyCopy = Object.assign(Object.create(store) as SqliteStore, { eventCount: () => 2 });
    await expect(backupNow(emptyCopy, backups, 10)).rejects.toBeInstanceOf(BackupCheckError);
    expect(readdirSync(backups)).toEqual([]);
  });

  it('refuses a backup without a log before touching the store, and leaves no staging file', async () => {
    const { store, path, dir } = await storeWithOneEvent();
    await store.close();
    const before = readFileSync(path);
    const zero = join(dir, 'zero.sqlite');
    writeFileSync(zero, '');
    const fresh = join(dir, 'fresh.sqlite');
    await openSqliteStore(fresh, 'live').close();
    for (const bad of [zero, fresh, join(dir, 'missing.sqlite')]) {
      expect(() => restoreBackup(bad, path)).toThrow(RestoreRefusedError);
    }
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}.restoring`)).toBe(false);
  });

  it('refuses to restore while another process holds the store', async () => {
    const { store, path, dir } = await storeWithOneEvent();
    const backup = await backupNow(store, join(dir, 'b'), 1);
    const held = lockStore(path, 'vigie server (live)');
    try {
      expect(() => restoreBackup(backup, path)).toThrow(StoreLockedError);
    } finally {
      held.release();
    }
  });

  it('restores over a store too damaged to read, above the backup epoch', async () => {
    const { store, path, dir } = await storeWithOneEvent();
    const backup = await backupNow(store, join(dir, 'b'), 1);
    await store.close();
    writeFileSync(path, '');
    expect(restoreBackup(backup, path).epoch).toBe(2);
  });
});
