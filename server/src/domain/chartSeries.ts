/**
 * The chart series of one log — recovery share (overall and per stage), hospitals per fonctionnement,
 * emergency departments open — as step functions: one point where a value changes, at the effective
 * time of the write that changed it. Kept event by event from the counts (seriesCounts), so a write
 * costs the same at any length of log. It holds every point from the log's start, or (resumed from
 * what was saved) only those after a seq until the earlier ones are given back to it.
 */
import {
  effectiveTime,
  ms,
  seriesNames,
  type LogEvent,
  type LogMeta,
  type Registry,
  type SeriesName,
  type Situation,
} from '@vigie/shared';
import { PointList, type BlockExtremes } from './pointList.ts';
import {
  countSituation,
  countWrite,
  seriesValues,
  valuesAfterWrite,
  type CountedWrite,
  type SeriesCounts,
  type SeriesValues,
} from './seriesCounts.ts';

/** Where a series stands after an event: its seq, the time of its latest point, each series' latest value. */
export interface SeriesPosition {
  seq: number;
  time: number;
  last: Partial<Record<SeriesName, number>>;
}

/** Points of some series: times (epoch ms) and values, in two columns (and where their blocks keep their extremes). */
export type SeriesColumns = Partial<
  Record<SeriesName, { t: Float64Array; v: Float64Array; blocks?: BlockExtremes | undefined }>
>;

export class ChartSeries {
  private points = new Map<SeriesName, PointList>(seriesNames.map((name) => [name, new PointList()]));
  /** Index of the first point not yet saved, per series. */
  private unsavedFrom = new Map<SeriesName, number>();
  private readonly last = new Map<SeriesName, number>();
  private readonly counts: SeriesCounts;
  private seq: number;
  /** Time of the latest point: a backdated write never folds time back. */
  private time: number;
  /** The points held are those after this seq (0: every point since the log started). */
  private heldAfter: number;
  /** The seq up to which points are saved (0: none). */
  private savedSeq: number;

  private constructor(
    private readonly registry: Registry,
    state: Situation,
    position: SeriesPosition,
  ) {
    this.counts = countSituation(state, registry);
    this.seq = position.seq;
    this.time = position.time;
    this.heldAfter = position.seq;
    this.savedSeq = position.seq;
    for (const [name, value] of Object.entries(position.last) as [SeriesName, number][]) this.last.set(name, value);
  }

  /** The series of a log from its start, every value of its initial situation at its creation. */
  static opened(registry: Registry, meta: Pick<LogMeta, 'createdAt'>, initial: Situation): ChartSeries {
    const series = new ChartSeries(registry, initial, { seq: initial.seq, time: ms(meta.createdAt), last: {} });
    series.record(seriesValues(series.counts));
    return series;
  }

  /** The series resumed at `state`, where `position` was saved; the points up to it are held elsewhere. */
  static resumed(registry: Registry, state: Situation, position: SeriesPosition): ChartSeries {
    if (position.seq !== state.seq) throw new Error(`series saved at seq ${position.seq}, situation at ${state.seq}`);
    return new ChartSeries(registry, state, position);
  }

  /** Whether every point since the log started is held (the series can be read). */
  get complete(): boolean {
    return this.heldAfter === 0;
  }

  /** The seq after which the held points start (0 when complete). */
  get heldAfterSeq(): number {
    return this.heldAfter;
  }

  position(): SeriesPosition {
    return { seq: this.seq, time: this.time, last: Object.fromEntries(this.last) };
  }

  /**
   * Takes the next event, with what it wrote (see foldCounting); events already taken are skipped,
   * and false means `e` is past a gap (nothing taken).
   */
  apply(e: LogEvent, write: CountedWrite | null): boolean {
    if (e.seq <= this.seq) return true;
    if (e.seq !== this.seq + 1) return false;
    this.seq = e.seq;
    // A log opened with an incident starts when the incident did (in a demo, on scenario time).
    if (e.type === 'incident.opened' && e.seq === 1) this.restartAt(ms(e.data.startedAt));
    // Only writes that took effect move the time and the counts.
    if (write) {
      if (e.type === 'value.set') this.time = Math.max(this.time, ms(effectiveTime(write.after)));
      countWrite(this.counts, this.registry, write);
      this.record(valuesAfterWrite(this.counts, this.registry, write));
    }
    return true;
  }

  /** The points from `from` to `to` (epoch ms), each series led by the value in effect at `from`. Needs `complete`. */
  window(from: number, to: number): SeriesColumns {
    if (!this.complete) throw new Error(`the points up to seq ${this.heldAfter} are not held`);
    const series: SeriesColumns = {};
    for (const [name, list] of this.points) {
      const start = list.firstAtOrAfter(from);
      const end = Math.max(start, list.firstAfter(to));
      const t = list.times(start, end);
      const v = list.values(start, end);
      if (start === 0 || (start < list.length && list.times()[start] === from) || from > to) {
        series[name] = { t, v, blocks: list.extremes(start) };
        continue;
      }
      const led = { t: new Float64Array(t.length + 1), v: new Float64Array(t.length + 1) };
      led.t[0] = from;
      led.v[0] = list.values()[start - 1]!;
      led.t.set(t, 1);
      led.v.set(v, 1);
      series[name] = led;
    }
    return series;
  }

  /** The points not saved yet (views), and where the series stands: what a snapshot saves. */
  unsaved(): { from: number; position: SeriesPosition; points: SeriesColumns } {
    const points: SeriesColumns = {};
    for (const [name, list] of this.points) {
      const start = this.unsavedFrom.get(name) ?? 0;
      if (start < list.length) points[name] = { t: list.times(start), v: list.values(start) };
    }
    return { from: this.savedSeq, position: this.position(), points };
  }

  /** Records that everything up to the current seq is saved; unless the series is complete, its points are let go. */
  saved(): void {
    this.savedSeq = this.seq;
    if (!this.complete) {
      this.points = new Map(seriesNames.map((name) => [name, new PointList()]));
      this.unsavedFrom.clear();
      this.heldAfter = this.seq;
      return;
    }
    for (const [name, list] of this.points) this.unsavedFrom.set(name, list.length);
  }

  /**
   * Gives back the points up to where the held ones start (read from what was saved; the series
   * keeps the lists and appends its own), making it complete; false (nothing changed) when they
   * end elsewhere.
   */
  prepend(earlier: ReadonlyMap<SeriesName, PointList>, through: number): boolean {
    if (through !== this.heldAfter) return false;
    for (const name of seriesNames) {
      const list = earlier.get(name) ?? new PointList();
      const held = this.points.get(name)!;
      this.unsavedFrom.set(name, list.length + (this.unsavedFrom.get(name) ?? 0));
      list.append(held.times(), held.values());
      this.points.set(name, list);
    }
    this.heldAfter = 0;
    return true;
  }

  private record(values: SeriesValues): void {
    for (const [name, value] of Object.entries(values) as [SeriesName, number | null][]) {
      if (value === null || this.last.get(name) === value) continue;
      this.points.get(name)!.push(this.time, value);
      this.last.set(name, value);
    }
  }

  private restartAt(time: number): void {
    this.time = time;
    for (const list of this.points.values()) list.fillTimes(time);
  }
}
