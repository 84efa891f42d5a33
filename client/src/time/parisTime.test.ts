import { describe, expect, it } from 'vitest';
import { isoToParisLocal, parisLocalToIso } from './parisTime.ts';

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
