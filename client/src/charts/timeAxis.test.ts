import { describe, expect, it } from 'vitest';
import { timeDomain, timeTicks } from './timeAxis.ts';

const HOUR = 3_600_000;
const at = Date.parse;
const paris = (t: number) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(t);

describe('timeDomain', () => {
  it('spans every time given, widened to an hour around a single instant', () => {
    expect(timeDomain([30, 10, 20])).toEqual([10, 30]);
    expect(timeDomain([HOUR])).toEqual([HOUR / 2, HOUR * 1.5]);
    expect(timeDomain([])).toBeNull();
  });
});

describe('timeTicks', () => {
  it('puts at most the asked number of ticks on round Paris times within the span', () => {
    const domain: [number, number] = [at('2024-08-03T09:07:00Z'), at('2024-08-03T20:50:00Z')];

    const ticks = timeTicks(domain, 5);

    expect(ticks.length).toBeLessThanOrEqual(5);
    expect(ticks.map(paris)).toEqual(['12:00', '15:00', '18:00', '21:00']);
    expect(ticks.every((t) => t >= domain[0] && t <= domain[1])).toBe(true);
  });

  it('aligns day-long steps on midnight in Paris', () => {
    const ticks = timeTicks([at('2024-08-01T10:00:00Z'), at('2024-08-05T10:00:00Z')], 4);

    expect(ticks.map(paris)).toEqual(['00:00', '00:00', '00:00', '00:00']);
    expect(ticks).toHaveLength(4);
  });
});
