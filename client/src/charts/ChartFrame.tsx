/**
 * The frame every chart sits in: a `data-chart` container with its title, a short text summary
 * for screen readers (the drawing itself is hidden from them), a status line while there is
 * nothing to draw, and the legend.
 */
import { useId, type ReactNode } from 'react';
import type { ChartVariant } from './theme.ts';
import './charts.css';

export function ChartFrame({
  chart,
  variant,
  title,
  summary,
  status,
  plotRef,
  height,
  legend,
  children,
}: {
  chart: 'recovery' | 'modes';
  variant: ChartVariant;
  title: string;
  summary: string;
  /** Shown instead of the plot while there is nothing to draw (loading, error, no points). */
  status: string | null;
  /** Measures the plot's width. */
  plotRef: (element: HTMLElement | null) => (() => void) | undefined;
  height: number;
  legend?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure
      className={`chart chart--${chart} chart--${variant}`}
      data-chart={chart}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
    >
      <figcaption id={`${id}-title`} className="chart__title">
        {title}
      </figcaption>
      <p id={`${id}-summary`} className="chart__summary">
        {summary}
      </p>
      {/* The drawing is hidden from screen readers (the summary says it); a status is not. */}
      <div ref={plotRef} className="chart__plot" style={{ minHeight: height }} aria-hidden={status === null}>
        {status === null ? children : <p className="chart__status">{status}</p>}
      </div>
      {legend}
    </figure>
  );
}
