/**
 * Recovery over time: the share of affected hospital × system pairs back in service (0–100 %),
 * as steps, with every revision of the estimated return to normal marked where it was made and
 * at the time it announced.
 */
import { memo, useMemo } from 'react';
import {
  Area,
  AreaChart,
  CartesianGrid,
  ReferenceLine,
  Tooltip,
  usePlotArea,
  useXAxisScale,
  XAxis,
  YAxis,
} from 'recharts';
import type { EtaRevision } from '@vigie/shared';
import { useStoreSelector } from '../hooks/useStoreSelector.ts';
import { format } from '../i18n/messages.ts';
import { formatDayTime } from '../time/parisTime.ts';
import { selectSync } from '../store/selectors.ts';
import type { Lang, VigieState } from '../store/vigieStore.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { useChartData } from './useChartData.ts';
import { etaMarkers, placeLabels, type EtaMarker } from './etaMarkers.ts';
import { chartMessages, type ChartMessages } from './messages.ts';
import type { SeriesRow } from './series.ts';
import { colors, textWidth, type ChartProps, type ChartTheme } from './theme.ts';
import { timeDomain } from './timeAxis.ts';
import { useTimeAxis } from './useTimeAxis.ts';

const NAMES = ['recovery'] as const;
const NO_ETA: readonly EtaRevision[] = [];
const selectEta = (s: VigieState) => {
  const sync = selectSync(s);
  return sync.kind === 'situation' ? sync.state.eta : NO_ETA;
};

/** Icons beside the marker labels, so a marker's kind reads without its line style. */
const ICON = { revision: '✎', target: '⚑', superseded: '⚐' } as const;
const markerText = (m: EtaMarker) =>
  `${m.kind === 'revision' ? ICON.revision : m.latest ? ICON.target : ICON.superseded} ${m.label}`;

const percentFormats: Record<Lang, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 }),
};
/** "62 %" in French, "62%" in English. */
const percent = (share: number, lang: Lang) => percentFormats[lang].format(share);

export function RecoveryChart(props: ChartProps) {
  const { variant } = props;
  const { lang, t, theme, plotHeight, plotRef, chartWidth, data, end, rows, lastAt, statusFor } = useChartData(
    props,
    NAMES,
  );
  const eta = useStoreSelector(selectEta);
  const markers = useMemo(() => etaMarkers(eta), [eta]);
  // Revisions show even before recovery has a first point (nothing affected counted yet).
  const domain = useMemo(() => {
    const times = [...rows.map((r) => r.t), ...markers.map((m) => m.at)];
    return data && times.length > 0 ? timeDomain([...times, end]) : null;
  }, [data, rows, markers, end]);

  const summary = recoverySummary(t, lang, rows, lastAt, eta);

  return (
    <ChartFrame
      chart="recovery"
      variant={variant}
      title={t.recoveryTitle}
      summary={summary}
      status={statusFor(domain)}
      plotRef={plotRef}
      height={plotHeight}
      legend={markers.length > 0 && <MarkerKey t={t} markers={markers} />}
    >
      {domain && (
        <RecoveryPlot
          rows={rows}
          markers={markers}
          domain={domain}
          theme={theme}
          width={chartWidth}
          height={plotHeight}
          lang={lang}
        />
      )}
    </ChartFrame>
  );
}

function recoverySummary(
  t: ChartMessages,
  lang: Lang,
  rows: readonly SeriesRow[],
  lastAt: number | null,
  eta: readonly EtaRevision[],
): string {
  const share = rows.at(-1)?.recovery;
  const recovery =
    share === undefined || share === null || lastAt === null
      ? t.recoveryNone
      : format(t.recoverySummary, { share: percent(share, lang), time: formatDayTime(new Date(lastAt), lang) });
  const current = eta.reduce<EtaRevision | null>((a, r) => (a === null || r.seq > a.seq ? r : a), null);
  const estimate = current
    ? format(t.etaSummary, {
        label: current.label,
        target: current.targetAt ? format(t.etaTarget, { time: formatDayTime(current.targetAt, lang) }) : '',
        count: String(eta.length),
      })
    : t.etaNone;
  return `${recovery} ${estimate}`;
}

/** What the marker icons and line styles mean, in words. */
function MarkerKey({ t, markers }: { t: ChartMessages; markers: readonly EtaMarker[] }) {
  const superseded = markers.some((m) => m.kind === 'target' && !m.latest);
  return (
    <ul className="chart__legend chart__legend--eta">
      <li>
        <span className="chart__icon" style={{ color: colors.eta }} aria-hidden="true">
          {ICON.revision}
        </span>
        {t.revisionKey}
      </li>
      {markers.some((m) => m.kind === 'target') && (
        <li>
          <span className="chart__icon" style={{ color: colors.eta }} aria-hidden="true">
            {ICON.target}
          </span>
          {t.targetKey}
        </li>
      )}
      {superseded && (
        <li>
          <span className="chart__icon" style={{ color: colors.eta }} aria-hidden="true">
            {ICON.superseded}
          </span>
          {t.supersededKey}
        </li>
      )}
    </ul>
  );
}

/** The drawing, redrawn only when its rows, markers or size change (not on every patch). */
const RecoveryPlot = memo(function RecoveryPlot({
  rows,
  markers,
  domain,
  theme,
  width,
  height,
  lang,
}: {
  rows: readonly SeriesRow[];
  markers: readonly EtaMarker[];
  domain: [number, number];
  theme: ChartTheme;
  width: number;
  height: number;
  lang: Lang;
}) {
  const lineHeight = Math.round(theme.fontSize * 1.3);
  const margin = { top: theme.labelRows * lineHeight + 8, right: theme.fontSize, bottom: 8, left: 0 };
  const { tick, dayTime, xAxis } = useTimeAxis(domain, width, theme, lang);
  return (
    <AreaChart width={width} height={height} data={rows} margin={margin} accessibilityLayer={false}>
      <CartesianGrid stroke={colors.grid} vertical={false} />
      <XAxis {...xAxis} />
      <YAxis
        type="number"
        domain={[0, 1]}
        allowDataOverflow
        ticks={theme.shareTicks}
        tickFormatter={(v: number) => percent(v, lang)}
        tick={tick}
        stroke={colors.axis}
        width={theme.yAxisWidth}
      />
      {theme.tooltip && (
        <Tooltip
          isAnimationActive={false}
          labelFormatter={dayTime}
          formatter={(v) => (typeof v === 'number' ? percent(v, lang) : '')}
          contentStyle={{ background: colors.tooltip, border: `1px solid ${colors.axis}`, color: colors.text }}
          labelStyle={{ color: colors.text }}
          itemStyle={{ color: colors.recovery }}
        />
      )}
      <Area
        dataKey="recovery"
        name={chartMessages[lang].recoveryTitle}
        type="stepAfter"
        stroke={colors.recovery}
        strokeWidth={theme.strokeWidth}
        fill={colors.recovery}
        fillOpacity={0.2}
        dot={false}
        activeDot={theme.tooltip}
        connectNulls={false}
        isAnimationActive={false}
      />
      {markers.map((m) => (
        <ReferenceLine
          key={m.key}
          x={m.at}
          stroke={colors.eta}
          strokeWidth={m.kind === 'target' && m.latest ? theme.strokeWidth : Math.max(1, theme.strokeWidth / 2)}
          strokeDasharray={m.kind === 'revision' ? '2 6' : m.latest ? undefined : '8 6'}
        />
      ))}
      <MarkerLabels markers={markers} theme={theme} lineHeight={lineHeight} />
    </AreaChart>
  );
});

/** The marker labels in rows above the plot, each beside its line, none over another. */
function MarkerLabels({
  markers,
  theme,
  lineHeight,
}: {
  markers: readonly EtaMarker[];
  theme: ChartTheme;
  lineHeight: number;
}) {
  const x = useXAxisScale();
  const plot = usePlotArea();
  if (!x || !plot) return null;
  const labels = markers.map((m) => ({ text: markerText(m), x: x(m.at) ?? plot.x }));
  const places = placeLabels(
    labels.map((l) => ({ x: l.x, width: textWidth(l.text, theme.fontSize) })),
    { left: plot.x, right: plot.x + plot.width + theme.fontSize },
    theme.labelRows,
  );
  return (
    <g className="chart__markers">
      {labels.map((l, i) => {
        const place = places[i]!;
        return (
          <text
            key={markers[i]!.key}
            x={place.anchor === 'start' ? l.x + 4 : l.x - 4}
            y={plot.y - 6 - place.row * lineHeight}
            textAnchor={place.anchor}
            fill={colors.eta}
            fontSize={theme.fontSize}
          >
            {l.text}
          </text>
        );
      })}
    </g>
  );
}
