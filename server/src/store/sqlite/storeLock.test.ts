import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing.ts';
import { lockStore, readHolder, StoreLockedError, type StoreLock } from './storeLock.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function storePath() {
  const tmp = tempDir();
  cleanups.push(tmp.remove);
  return join(tmp.dir, 'vigie.sqlite');
}
const hold = (lock: StoreLock) => {
  cleanups.unshift(() => lock.release());
  return lock;
};

describe('lockStore', () => {
  it('refuses a second holder, naming the first with its port', () => {
    const path = storePath();
    hold(lockStore(path, 'vigie server (live)')).setPort(8080);
    let refused: unknown;
    try {
      hold(lockStore(path, 'pnpm restore'));
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(StoreLockedError);
    expect((refused as StoreLockedError).message).toMatch(
      new RegExp(`in use by vigie server \\(live\\) \\(pid ${process.pid} on .+, port 8080, since `),
    );
  });

  it('is taken again once released, and then names its new holder', () => {
    const path = storePath();
    lockStore(path, 'first').release();
    hold(lockStore(path, 'second'));
    expect(readHolder(path)).toMatchObject({ command: 'second', pid: process.pid, port: null });
  });

  it('locks each store file on its own: the demo and a live incident may share a folder', () => {
    const path = storePath();
    hold(lockStore(path, 'live'));
    expect(() => hold(lockStore(path.replace('vigie.sqlite', 'demo.sqlite'), 'demo'))).not.toThrow();
  });
});
