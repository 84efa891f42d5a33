import { describe, expect, it } from 'vitest';
import type { Situation } from '@vigie/shared';
import type { CommandContext } from './context.ts';
import { checkTime } from './timeSpan.ts';

/** A context on a demo's clock: the incident started 2024-08-03 at 09:00, scenario time is 12:00 that day. */
function demoContext(): CommandContext {
  return {
    state: { incident: { startedAt: '2024-08-03T09:00:00.000Z' } } as Situation,
    now: new Date('2026-12-07T10:00:00.000Z'),
    effectiveNow: '2024-08-03T12:00:00.000Z',
  } as CommandContext;
}

const outcome = (f: () => void) => {
  try {
    f();
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('checkTime', () => {
  it('measures a demo on its own clock, not the server’s', () => {
    const ctx = demoContext();
    expect(outcome(() => checkTime(ctx, 'effectiveAt', '2024-08-03T11:02:00.000Z', 'fact'))).toBe('ok');
    expect(outcome(() => checkTime(ctx, 'effectiveAt', '2024-07-27T08:59:00.000Z', 'fact'))).toBe(
      'effectiveAt 2024-07-27T08:59:00.000Z is too early: the earliest accepted is 2024-07-27T09:00:00.000Z (7 days before the incident started)',
    );
    expect(outcome(() => checkTime(ctx, 'effectiveAt', '2026-12-07T09:00:00.000Z', 'fact'))).toBe(
      'effectiveAt 2026-12-07T09:00:00.000Z is too late: the latest accepted is 2024-08-03T12:01:00.000Z (1 minute ahead of the incident’s clock)',
    );
  });

  it('lets a planned time lie 30 days ahead and an estimate a year, but no more', () => {
    const ctx = demoContext();
    expect(outcome(() => checkTime(ctx, 'dueAt', '2024-09-01T12:00:00.000Z', 'planned'))).toBe('ok');
    expect(outcome(() => checkTime(ctx, 'dueAt', '2024-09-03T12:00:00.000Z', 'planned'))).toMatch(/too late/);
    expect(outcome(() => checkTime(ctx, 'targetAt', '2025-06-01T00:00:00.000Z', 'estimate'))).toBe('ok');
    expect(outcome(() => checkTime(ctx, 'targetAt', '2025-09-01T00:00:00.000Z', 'estimate'))).toMatch(/too late/);
  });

  it('passes an absent time', () => {
    expect(outcome(() => checkTime(demoContext(), 'dueAt', null, 'planned'))).toBe('ok');
  });
});
