/**
 * When a write was entered, for a reader who needs it beside when it took effect: only for a
 * backdated write, and never in the demo, whose writes all take effect on the scenario clock while
 * their recorded times are real ones (one clock per screen).
 */
import type { ScenarioClock } from '@vigie/shared';

export const enteredAt = (
  t: { effectiveAt: string | null; recordedAt: string },
  clock: ScenarioClock | null,
): string | null => (!clock && t.effectiveAt !== null && t.effectiveAt !== t.recordedAt ? t.recordedAt : null);
