/** The time axis both history charts draw: ticks spaced for the width, day + time labels, the theme's text. */
import { useMemo } from 'react';
import { formatDayTime } from '../time/parisTime.ts';
import type { Lang } from '../store/vigieStore.ts';
import { colors, type ChartTheme } from './theme.ts';
import { timeTicks } from './timeAxis.ts';

export function useTimeAxis(domain: [number, number], width: number, theme: ChartTheme, lang: Lang) {
  const ticks = useMemo(
    () => timeTicks(domain, Math.floor((width - theme.yAxisWidth) / theme.tickSpacing)),
    [domain, width, theme],
  );
  const tick = { fill: colors.text, fontSize: theme.fontSize };
  const dayTime = (value: unknown) => formatDayTime(new Date(Number(value)), lang);
  /** Props of the X axis (recharts wants the XAxis element itself as a direct child of the chart). */
  const xAxis = {
    dataKey: 't',
    type: 'number',
    domain,
    allowDataOverflow: true,
    ticks,
    tickFormatter: dayTime,
    tick,
    stroke: colors.axis,
    height: theme.fontSize * 2,
  } as const;
  return { tick, dayTime, xAxis };
}
