import { describe, expect, it } from 'vitest';
import {
  formatElapsed,
  formatFullDate,
  formatTimeOfDay,
  isoToParisLocal,
  parisLocalToIso,
  parisOffsetMs,
} from './parisTime.ts';

const hours = (h: number) => h * 3_600_000;

describe('parisTime', () => {
  it('shows an instant as Paris wall-clock time, summer and winter', () => {
    expect(isoToParisLocal('2024-08-03T12:00:00.000Z')).toBe('2024-08-03T14:00');
    expect(isoToParisLocal('2024-01-15T23:30:00.000Z')).toBe('2024-01-16T00:30');
  });

  it('reads a datetime-local value as Paris time, summer and winter', () => {
    expect(parisLocalToIso('2024-08-03T14:00')).toBe('2024-08-03T12:00:00.000Z');
    expect(parisLocalToIso('2024-01-16T00:30')).toBe('2024-01-15T23:30:00.000Z');
  });

  it('reads the hours around the change to winter time on the right side of it', () => {
    expect(parisLocalToIso('2024-10-27T01:30')).toBe('2024-10-26T23:30:00.000Z');
    expect(parisLocalToIso('2024-10-27T04:00')).toBe('2024-10-27T03:00:00.000Z');
  });

  it('refuses what is not a datetime-local value', () => {
    expect(parisLocalToIso('')).toBeNull();
    expect(parisLocalToIso('demain 14h')).toBeNull();
  });
});

describe('parisOffsetMs', () => {
  it('is two hours in summer and one in winter', () => {
    expect(parisOffsetMs(Date.parse('2024-08-03T09:00:00Z'))).toBe(hours(2));
    expect(parisOffsetMs(Date.parse('2024-01-15T09:00:00Z'))).toBe(hours(1));
  });
});

describe('time words', () => {
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
