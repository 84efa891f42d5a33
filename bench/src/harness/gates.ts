/**
 * Hard gates (no acknowledged change lost, no divergence, full convergence) make `pnpm bench` exit
 * non-zero; speed targets are reported, met or missed, and never fail the run.
 */
export const failedGates: string[] = [];
/** How many hard gates have been checked, failed or not. */
export const checkedGates = { count: 0 };

/** Records a failed hard gate; returns the words for the report. */
export function gate(ok: boolean, what: string): string {
  checkedGates.count += 1;
  if (!ok) failedGates.push(what);
  return `${ok ? 'ok' : 'FAILED'} — ${what}`;
}

/** "met" or "MISSED" for a speed target, with the figure and the target. */
export const target = (ok: boolean, figure: string, goal: string) =>
  `${ok ? 'met' : 'MISSED'}: ${figure} (target ${goal})`;
