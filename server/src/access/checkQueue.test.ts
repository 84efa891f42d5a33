import { describe, expect, it } from 'vitest';
import { CheckPool, KeyedQueue } from './checkQueue.ts';

/** A task that runs until released, recording how many ran at once. */
function gate() {
  let running = 0;
  let peak = 0;
  const releases: (() => void)[] = [];
  const task = () =>
    new Promise<string>((resolve) => {
      running++;
      peak = Math.max(peak, running);
      releases.push(() => {
        running--;
        resolve('done');
      });
    });
  /** Releases whatever runs, turn after turn, until the queues have drained. */
  const releaseAll = async () => {
    for (let turn = 0; turn < 20; turn++) {
      releases.splice(0).forEach((r) => r());
      await new Promise((r) => setImmediate(r));
    }
  };
  return { task, releaseAll, peak: () => peak };
}

describe('CheckPool', () => {
  it('runs at most its size at once and refuses past its waiting room with a Retry-After', async () => {
    const pool = new CheckPool(2, 3);
    const g = gate();
    const runs = Array.from({ length: 8 }, () => pool.run(g.task).catch((e: { code: string }) => e.code));
    await g.releaseAll();
    expect(await Promise.all(runs)).toEqual([
      ...Array<string>(5).fill('done'),
      ...Array<string>(3).fill('rate_limited'),
    ]);
    expect(g.peak()).toBe(2);
  });
});

describe('KeyedQueue', () => {
  it('runs one key’s tasks one at a time, other keys alongside, and bounds what waits per key', async () => {
    const queue = new KeyedQueue(2);
    const g = gate();
    const runs = [
      ...Array.from({ length: 4 }, () => queue.run('a', g.task).catch((e: { code: string }) => e.code)),
      queue.run('b', g.task),
    ];
    await g.releaseAll();
    expect(await Promise.all(runs)).toEqual(['done', 'done', 'done', 'rate_limited', 'done']);
    expect(g.peak()).toBe(2);
  });
});
