/**
 * The benchmark harness works: every scenario runs at its smallest size, prints figures and passes
 * its hard gates (no acknowledged change lost, no divergence). Speed is measured by `pnpm bench`, not here.
 */
import { describe, expect, it } from 'vitest';
import { failedGates } from './harness/gates.ts';
import { scenarios } from './scenarios.ts';

describe.each(Object.keys(scenarios))('pnpm bench %s', (name) => {
  it('runs at smoke size, prints its figures and passes its hard gates', async () => {
    const before = failedGates.length;
    const lines = await scenarios[name]!.run('smoke');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('\n')).not.toMatch(/NaN|undefined/);
    expect(failedGates.slice(before)).toEqual([]);
  });
});
