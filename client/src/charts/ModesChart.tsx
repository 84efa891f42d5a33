/**
 * Hospitals by operating mode over time: one stacked step band per mode of the fonctionnement
 * scale, in its order (normal at the bottom), coloured by tone, with a legend that gives each
 * mode's words, icon and current count, so no band is told apart by colour alone.
 */
import { memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { operatingModes, type OperatingMode } from '@vigie/shared';
import { styleOf } from '../items/statusStyle.ts';
import { format } from '../i18n/messages.ts';
import { formatDayTime } from '../time/parisTime.ts';
import type { Lang } from '../store/vigieStore.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { useChartData } from './useChartData.ts';
import type { SeriesRow } from './series.ts';
import { colors, toneColors, type ChartProps, type ChartTheme } from './theme.ts';
import { timeDomain } from './timeAxis.ts';
import { useTimeAxis } from './useTimeAxis.ts';

const seriesOf = (mode: OperatingMode) => `mode:${mode}` as const;
const NAMES = operatingModes.ids.map(seriesOf);

/** Each mode's series, colour and icon, in the scale's order. */
const MODES = operatingModes.ids.map((mode) => {
  const [tone, icon] = styleOf('operating-mode', mode);
  return { mode, key: seriesOf(mode), color: toneColors[tone], icon };
});

export function ModesChart(props: ChartProps) {
  const { variant } = props;
  const { lang, t, theme, plotHeight, plotRef, chartWidth, rows, lastAt, statusFor } = useChartData(props, NAMES);
  const domain = useMemo(() => timeDomain(rows.map((r) => r.t)), [rows]);

  // The server counts a hospital nobody reported on as inconnu (see server domain/seriesCounts): the band says so.
  const modeLabel = (mode: OperatingMode) => (mode === 'inconnu' ? t.modesUnknown : operatingModes.label(mode, lang));
  const latest = rows.at(-1);
  const count = (mode: OperatingMode) => latest?.[seriesOf(mode)] ?? null;
  const summary =
    latest && lastAt !== null
      ? format(t.modesSummary, {
          time: formatDayTime(new Date(lastAt), lang),
          counts: operatingModes.ids.map((m) => `${modeLabel(m)} ${count(m) ?? 0}`).join(', '),
        })
      : t.modesNone;

  return (
    <ChartFrame
      chart="modes"
      variant={variant}
      title={t.modesTitle}
      summary={summary}
      status={statusFor(domain)}
      plotRef={plotRef}
      height={plotHeight}
      legend={
        <ul className="chart__legend">
          {MODES.map(({ mode, color, icon }) => (
            <li key={mode} data-mode={mode}>
              <span className="chart__swatch" style={{ background: color }} aria-hidden="true" />
              <span className="chart__icon" style={{ color }} aria-hidden="true">
                {icon}
              </span>
              {modeLabel(mode)}
              {count(mode) !== null && <strong>{count(mode)}</strong>}
            </li>
          ))}
        </ul>
      }
    >
      {domain && (
        <ModesPlot rows={rows} domain={domain} theme={theme} width={chartWidth} height={plotHeight} lang={lang} />
      )}
    </ChartFrame>
  );
}

/** The drawing, redrawn only when its rows or size change (not on every patch). */
const ModesPlot = memo(function ModesPlot({
  rows,
  domain,
  theme,
  width,
  height,
  lang,
}: {
  rows: readonly SeriesRow[];
  domain: [number, number];
  theme: ChartTheme;
  width: number;
  height: number;
  lang: Lang;
}) {
  const { tick, dayTime, xAxis } = useTimeAxis(domain, width, theme, lang);
  return (
    <AreaChart
      width={width}
      height={height}
      data={rows}
      margin={{ top: theme.fontSize, right: theme.fontSize, bottom: 8, left: 0 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={colors.grid} vertical={false} />
      <XAxis {...xAxis} />
      <YAxis type="number" allowDecimals={false} tick={tick} stroke={colors.axis} width={theme.yAxisWidth} />
      {theme.tooltip && (
        <Tooltip
          isAnimationActive={false}
          labelFormatter={dayTime}
          contentStyle={{ background: colors.tooltip, border: `1px solid ${colors.axis}`, color: colors.text }}
          labelStyle={{ color: colors.text }}
        />
      )}
      {MODES.map(({ mode, key, color, icon }) => (
        <Area
          key={mode}
          dataKey={key}
          name={`${icon} ${operatingModes.label(mode, lang)}`}
          stackId="modes"
          type="stepAfter"
          stroke={colors.background}
          strokeWidth={1}
          fill={color}
          fillOpacity={0.9}
          dot={false}
          activeDot={false}
          isAnimationActive={false}
        />
      ))}
    </AreaChart>
  );
});
