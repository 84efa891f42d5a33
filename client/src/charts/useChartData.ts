/**
 * What every history chart needs: its size, the server's series for that many points, the rows
 * merged on time up to the incident's present, and the status line to show while there is no plot.
 */
import { useMemo } from 'react';
import { useLang } from '../i18n/useT.ts';
import { chartMessages } from './messages.ts';
import { lastPointTime, seriesToRows } from './series.ts';
import { themes, type ChartProps } from './theme.ts';
import { useElementWidth } from './useElementWidth.ts';
import { useSeries } from './useSeries.ts';
import { useSeriesEnd } from './useSeriesEnd.ts';

export function useChartData({ variant, width, height }: ChartProps, names: readonly string[]) {
  const lang = useLang();
  const t = chartMessages[lang];
  const theme = themes[variant];
  const plotHeight = height ?? theme.height;
  const [plotRef, measured] = useElementWidth();
  const chartWidth = Math.round(width ?? measured);
  const { data, error, loading } = useSeries(chartWidth);
  const end = useSeriesEnd(60_000);
  const rows = useMemo(() => (data ? seriesToRows(data.series, names, { until: end }) : []), [data, names, end]);
  const lastAt = useMemo(() => (data ? lastPointTime(data.series, names) : null), [data, names]);
  /** The line shown in place of the plot when there is no time domain to draw. */
  const statusFor = (domain: unknown) =>
    domain ? null : chartWidth <= 0 ? t.loading : error ? t.error : loading || !data ? t.loading : t.empty;
  return { lang, t, theme, plotHeight, plotRef, chartWidth, data, end, rows, lastAt, statusFor };
}
