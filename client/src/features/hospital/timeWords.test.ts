import { describe, expect, it } from 'vitest';
import { formatElapsed, formatFullDate, formatTimeOfDay } from './timeWords.ts';

const hours = (h: number) => h * 3_600_000;

describe('timeWords', () => {
  it('says a duration in hours and minutes under a day, with days from one on', () => {
    expect(formatElapsed(hours(9) + 40 * 60_000, 'fr')).toBe('9 h 40 min');
    expect(formatElapsed(hours(24 * 3 + 4) + 5 * 60_000, 'fr')).toBe('3 j 4 h 05 min');
    expect(formatElapsed(hours(24 * 3 + 4) + 5 * 60_000, 'en')).toBe('3 d 4 h 05 min');
  });

  it('gives the time alone on the same Paris day, the weekday too on another', () => {
    const now = Date.parse('2024-08-03T18:00:00.000Z');
    expect(formatTimeOfDay('2024-08-03T12:00:00.000Z', 'fr', now)).toBe('14:00');
    // 22:30 UTC on the 3rd is already Sunday 00:30 in Paris.
    expect(formatTimeOfDay('2024-08-03T22:30:00.000Z', 'fr', now)).toBe('dim. 00:30');
  });

  it('dates a printed record in full, in Paris time', () => {
    expect(formatFullDate('2024-08-03T09:02:00.000Z', 'fr')).toBe('samedi 3 août 2024 à 11:02');
  });
});
