/**
 * How big a run is: `full` (the figures of docs/PERFORMANCE.md), `quick` (`--quick`, a look in a
 * minute or two) and `smoke` (the check's test project: proves the harness works, measures nothing).
 */
export type Size = 'smoke' | 'quick' | 'full';

/** The value for this size. */
export const bySize = <T>(size: Size, values: Record<Size, T>): T => values[size];
