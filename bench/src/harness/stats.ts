/** Small statistics for the reports: quantiles, median and spread of repeated runs, ratios. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
export const median = (values: readonly number[]) => quantile(values, 0.5);
/** "18.2 (17.9–19.4)": median and range of repeated runs. */
export const spread = (values: readonly number[], digits = 1) =>
  `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
export const ms = (value: number) => `${value.toFixed(1)} ms`;
