/** Chart props, colours and sizes: dark theme, AA contrast on #0f1419, larger type and no animation on the wall. */
import type { Tone } from '../items/statusStyle.ts';

/** `wall`: the big screen, read from across the room; `overview`: the direction's desk screen. */
export type ChartVariant = 'wall' | 'overview';

export interface ChartProps {
  variant: ChartVariant;
  /** Width in pixels; measured from the container when absent. */
  width?: number;
  /** Height in pixels of the plot; a default per variant when absent. */
  height?: number;
}

export const colors = {
  background: '#0f1419',
  text: '#f2f4f7',
  axis: '#9aa5b1',
  grid: '#2b3640',
  recovery: '#69db7c',
  eta: '#ffd43b',
  tooltip: '#1f2933',
} as const;

/** Fill of each status tone (the same as the status words elsewhere). */
export const toneColors: Record<Tone, string> = {
  ok: '#69db7c',
  watch: '#ffd43b',
  degraded: '#ffa94d',
  down: '#ff8787',
  unknown: '#ced4da',
  neutral: '#ced4da',
};

export interface ChartTheme {
  /** Tick and marker label size (px). */
  fontSize: number;
  strokeWidth: number;
  height: number;
  yAxisWidth: number;
  /** Room per time tick (px), so their labels never touch. */
  tickSpacing: number;
  /** Rows of ETA labels above the plot. */
  labelRows: number;
  /** Recovery axis ticks (shares, 0..1). */
  shareTicks: readonly number[];
  /** Tooltips on hover (never on the wall: nobody points at it). */
  tooltip: boolean;
}

export const themes: Record<ChartVariant, ChartTheme> = {
  wall: {
    fontSize: 24,
    strokeWidth: 4,
    height: 420,
    yAxisWidth: 110,
    tickSpacing: 240,
    labelRows: 2,
    shareTicks: [0, 0.5, 1],
    tooltip: false,
  },
  overview: {
    fontSize: 14,
    strokeWidth: 2,
    height: 240,
    yAxisWidth: 60,
    tickSpacing: 130,
    labelRows: 3,
    shareTicks: [0, 0.25, 0.5, 0.75, 1],
    tooltip: true,
  },
};

/** Rough width of a line of text in the system font (px), to keep labels apart. */
export const textWidth = (text: string, fontSize: number) => Math.ceil(text.length * fontSize * 0.6);
