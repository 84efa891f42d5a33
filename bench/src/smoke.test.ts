/**
 * The benchmark harness works: every scenario runs at its smallest size and prints figures, and those
 * with hard gates (no acknowledged change lost, no divergence) check them and pass. Speed is measured
 * by `pnpm bench`, not here.
 */
import { describe, expect, it } from 'vitest';
import { checkedGates, failedGates } from './harness/gates.ts';
import { scenarios } from './scenarios.ts';

/** The scenarios that check hard gates; the others only measure. */
const gated = new Set(['fanout', 'twonodes', 'burst', 'catchup', 'growth', 'public', 'abuse']);

describe.each(Object.keys(scenarios))('pnpm bench %s', (name) => {
  const claim = gated.has(name) ? 'and passes its hard gates' : '(it has no hard gate)';
  it(`runs at smoke size, prints its figures ${claim}`, async () => {
    const failed = failedGates.length;
    const checked = checkedGates.count;
    const lines = await scenarios[name]!.run('smoke');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('\n')).not.toMatch(/NaN|undefined/);
    expect(checkedGates.count > checked).toBe(gated.has(name));
    expect(failedGates.slice(failed)).toEqual([]);
  });
});
