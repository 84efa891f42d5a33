import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  watch,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { backupNow, openSqliteAccessStore, openStoreForTest, seedSession } from '@vigie/server/testing';
import { seedStore } from './support/seedStore.ts';
import { refusedStart, runCli, startServer, type ServerProcess } from './support/serverProcess.ts';

const root = mkdtempSync(join(tmpdir(), 'vigie-store-safety-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const running: ServerProcess[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) {
    s.proc.kill('SIGKILL');
    await s.exited;
  }
});

let n = 0;
/** A fresh data folder holding a live incident of `events` events and an access store where someone has signed in. */
async function dataDirWithIncident(events = 200) {
  const dir = join(root, `d${n++}`);
  mkdirSync(dir);
  await seedStore(join(dir, 'vigie.sqlite'), events);
  const access = openSqliteAccessStore(join(dir, 'vigie-access.sqlite'));
  await seedSession(access, { name: 'Exercice', roles: ['lead'] });
  await access.close();
  return { dir, store: join(dir, 'vigie.sqlite'), backups: join(dir, 'backups') };
}

async function start(dir: string, env: Record<string, string> = {}) {
  const server = await startServer(dir, env);
  running.push(server);
  return server;
}

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const ready = async (s: ServerProcess) => (await fetch(`${s.url}/readyz`)).status;

describe('one server per store file', () => {
  it('refuses a second server on the same store, naming the one that holds it, and leaves the first serving', async () => {
    const { dir } = await dataDirWithIncident();
    const first = await start(dir);
    const second = await refusedStart(dir);
    expect(second.code).not.toBe(0);
    expect(second.stdout).toContain(`is in use by vigie server (live) (pid ${String(first.proc.pid)}`);
    expect(second.stdout).toContain(`port ${first.port}`);
    expect(await ready(first)).toBe(200);
    // The break-glass admin command writes the access store beside a running server, without the lock.
    const admin = await runCli('admin', ['marie.curie', 'Marie Curie'], dir);
    expect(admin.code).toBe(0);
    expect(admin.stdout).toContain('marie.curie');
  });

  it('lets a demo server run beside a live one on the same data folder: they share no file', async () => {
    const { dir } = await dataDirWithIncident();
    const live = await start(dir);
    const demo = await start(dir, { VIGIE_MODE: 'demo' });
    expect([await ready(live), await ready(demo)]).toEqual([200, 200]);
  });

  it('refuses pnpm restore while the server runs, and takes it once the server is gone, even killed with -9', async () => {
    const { dir, store, backups } = await dataDirWithIncident();
    const backup = await takeBackup(store, backups);
    const server = await start(dir);
    const before = digest(store);

    const refused = await runCli('restore', [backup], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `Not restored: Store ${store} is in use by vigie server (live) (pid ${String(server.proc.pid)}`,
    );
    expect(refused.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(digest(store)).toBe(before);
    expect(await ready(server)).toBe(200);

    // The kernel drops the lock with the process: nothing stale to clear by hand.
    server.proc.kill('SIGKILL');
    await server.exited;
    const restored = await runCli('restore', [backup], dir);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(/^Restored .* \(epoch 2\)/);
  });
});

/** A checked backup of the store (the store closed again after). */
async function takeBackup(storePath: string, dir: string) {
  const store = openStoreForTest(storePath, 'live');
  try {
    return await backupNow(store, dir, 10);
  } finally {
    await store.close();
  }
}

describe('start-up check', () => {
  it('refuses a store whose pages were overwritten, naming the file and the latest good backup', async () => {
    const { dir, store, backups } = await dataDirWithIncident(5000);
    const good = await takeBackup(store, backups);
    // A newer file named like a backup but empty: not a good backup to point at.
    const empty = join(backups, 'vigie-backup-29990101T000000000Z.sqlite');
    closeSync(openSync(empty, 'w'));
    // Garbage over four pages in the middle of the file, as a failing disk or a stray write would leave.
    const size = statSync(store).size;
    const fd = openSync(store, 'r+');
    writeSync(fd, Buffer.alloc(4 * 4096, 0xa5), 0, 4 * 4096, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);

    const refused = await refusedStart(dir, { VIGIE_BACKUP_DIR: backups });
    expect(refused.code).toBe(78); // not restarted by the service unit: a restart would not cure it
    expect(refused.stdout).toContain(`Store ${store} is damaged`);
    expect(refused.stdout).toContain(`Latest good backup: ${good}`);
  });

  it('refuses a zero-byte store where people have signed in, unless told to start afresh', async () => {
    const { dir, store } = await dataDirWithIncident();
    truncateSync(store, 0);
    const refused = await refusedStart(dir);
    expect(refused.code).toBe(78);
    expect(refused.stdout).toContain(`Store ${store} is empty (zero bytes)`);
    expect(refused.stdout).toContain('VIGIE_START_AFRESH=1');
    expect(statSync(store).size).toBe(0); // left as found, for whoever looks into it

    const afresh = await start(dir, { VIGIE_START_AFRESH: '1' });
    expect(await ready(afresh)).toBe(200);
  });
});

describe('backups', () => {
  it('never leaves a damaged file named like a backup when killed during one, and the next backup clears what it left', async () => {
    const { dir, backups } = await dataDirWithIncident(60_000);
    mkdirSync(backups);
    const env = { VIGIE_BACKUP_DIR: backups, VIGIE_BACKUP_EVERY_MIN: '0.005' };
    const server = await start(dir, env);
    // Killed the moment the backup's first file appears: well inside the copy.
    await new Promise<void>((resolve) => {
      const watcher = watch(backups, () => {
        watcher.close();
        server.proc.kill('SIGKILL');
        resolve();
      });
    });
    expect((await server.exited)[1]).toBe('SIGKILL');
    const left = readdirSync(backups);
    expect(left.some((f) => f.endsWith('.partial'))).toBe(true); // the kill did land during a copy
    // Whatever was cut short is not named like a backup (a zero-byte one would pass SQLite's check).
    for (const name of left.filter((f) => f.endsWith('.sqlite'))) {
      expect(statSync(join(backups, name)).size, name).toBeGreaterThan(0);
    }
    const listed = await runCli('backups', [], dir, env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/ 0 events\s+partial\s+vigie-backup-\S+\.sqlite\.partial/);
    for (const name of left.filter((f) => f.endsWith('.sqlite'))) {
      expect(listed.stdout).toMatch(new RegExp(`\\d+ events\\s+good\\s+${name}`));
    }

    const again = await start(dir, env);
    await expect
      .poll(() => readdirSync(backups).filter((f) => f.endsWith('.sqlite')).length, { timeout: 20_000 })
      .toBeGreaterThan(0);
    again.proc.kill('SIGTERM');
    await again.exited;
    expect(readdirSync(backups).filter((f) => !f.endsWith('.sqlite'))).toEqual([]);
  });

  it('refuses to restore a zero-byte backup with a message, leaving the store untouched and no file behind', async () => {
    const { dir, store } = await dataDirWithIncident();
    const before = digest(store);
    const files = readdirSync(dir);
    const zero = join(root, 'vigie-backup-20240803T110000000Z.sqlite');
    closeSync(openSync(zero, 'w'));

    const refused = await runCli('restore', [zero], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `Not restored: Backup ${zero} cannot be restored: the file is empty (zero bytes). The store was not touched.\n`,
    );
    expect(digest(store)).toBe(before);
    expect(readdirSync(dir).filter((f) => !f.startsWith('vigie.sqlite.lock'))).toEqual(
      files.filter((f) => !f.startsWith('vigie.sqlite.lock')),
    );
    expect(existsSync(`${store}.restoring`)).toBe(false);
    const reopened = openStoreForTest(store, 'live');
    expect(await reopened.readEvents('seeded-log', 0, 1000)).toHaveLength(200);
    await reopened.close();
  });
});
