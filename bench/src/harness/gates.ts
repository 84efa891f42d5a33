/**
 * Hard gates (no acknowledged change lost, no divergence, full convergence) make `pnpm bench` exit
 * non-zero; speed targets are reported, met or missed, and never fail the run.
 */
export const failedGates: string[] = [];

/** Records a failed hard gate; returns the words for the report. */
export function gate(ok: boolean, what: string): string {
  if (!ok) failedGates.push(what);
  return `${ok ? 'ok' : 'FAILED'} — ${what}`;
}

/** "met" or "MISSED" for a speed target, with the figure and the target. */
export const target = (ok: boolean, figure: string, goal: string) =>
  `${ok ? 'met' : 'MISSED'}: ${figure} (target ${goal})`;
