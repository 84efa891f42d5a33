/**
 * The time series of the current log: recovery share (overall and per stage), hospitals per
 * fonctionnement, emergency departments open. Built on first use by replaying the log from its
 * start, then kept current from the log's commits, folding event by event so that a replay after a
 * restart gives the same points as the live build. Each series is a step function: one point
 * where its value changes, at the effective time of the write that changed it.
 */
import {
  applyEvent,
  initialSituation,
  isEmergencyOpen,
  isInformed,
  ms,
  operatingModes,
  recoveryProgress,
  recoveryStages,
  seriesNames,
  type ItemKind,
  type LogEvent,
  type LogMeta,
  type Registry,
  type SeriesData,
  type SeriesName,
  type Situation,
} from '@vigie/shared';
import type { Committed, IncidentLog } from '../log/incidentLog.ts';
import type { EventStore } from '../store/eventStore.ts';

/** Events folded between two turns of the event loop while replaying, so a long log does not hold up other requests. */
const REPLAY_PAGE = 500;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Values of some series after an event; null where undefined (a share with nothing to count yet). */
type Values = Partial<Record<SeriesName, number | null>>;

function recoveryValues(s: Situation, registry: Registry): Values {
  const { overall, byStage } = recoveryProgress(s, registry);
  const values: Values = { recovery: overall.share };
  for (const stage of recoveryStages.ids) values[`recovery:${stage}`] = byStage[stage].share;
  return values;
}

// A registry default is nobody's word: a hospital nobody reported on counts as inconnu, never as normal.
function modeValues(s: Situation): Values {
  const modes = Object.values(s.items['operating-mode']).map((h) => (isInformed(h) ? h.value : 'inconnu'));
  const values: Values = {};
  for (const mode of operatingModes.ids) values[`mode:${mode}`] = modes.filter((m) => m === mode).length;
  return values;
}

// Open as reported: a department's default status is not an opening.
function emergencyValues(s: Situation): Values {
  const open = Object.values(s.items.emergency).filter((e) => isInformed(e) && isEmergencyOpen(e.value.status));
  return { 'emergencies-open': open.length };
}

/** The series a write to an item of `kind` may change, with their values in `s`. */
function valuesAfterWrite(kind: ItemKind, s: Situation, registry: Registry): Values {
  switch (kind) {
    case 'system':
      return recoveryValues(s, registry);
    case 'operating-mode':
      return modeValues(s);
    case 'emergency':
      return emergencyValues(s);
    case 'response-level':
    case 'samu':
    case 'stage':
      return {};
  }
}

/** One step series: a point only where the value changes. */
class Steps {
  readonly t: number[] = [];
  readonly v: number[] = [];

  add(t: number, v: number): void {
    if (this.v.length > 0 && this.v.at(-1) === v) return;
    this.t.push(t);
    this.v.push(v);
  }
}

/** The series of one log, folded event by event from its initial situation. */
class LogSeries {
  readonly steps = new Map<SeriesName, Steps>(seriesNames.map((name) => [name, new Steps()]));
  /** Time of the latest point: a backdated write never folds time back. */
  private time: number;

  constructor(
    readonly meta: LogMeta,
    public state: Situation,
    private readonly registry: Registry,
  ) {
    this.time = ms(meta.createdAt);
    this.record({ ...recoveryValues(state, registry), ...modeValues(state), ...emergencyValues(state) });
  }

  /**
   * Folds the next event (events already folded are skipped); false when `e` is past a gap.
   * `after`, when given, is the situation after `e` as the log folded it (saves folding it again).
   */
  apply(e: LogEvent, after?: Situation): boolean {
    if (e.seq <= this.state.seq) return true;
    if (e.seq !== this.state.seq + 1) return false;
    // A log opened with an incident starts when the incident did (in a demo, on scenario time).
    if (e.type === 'incident.opened' && this.state.seq === 0) this.restartAt(ms(e.data.startedAt));
    const before = this.state;
    this.state = after?.seq === e.seq ? after : applyEvent(before, e);
    // Only applied writes change the items and pairs the series are computed from.
    if (e.type === 'value.set' && this.state.items !== before.items) {
      this.time = Math.max(this.time, ms(e.data.effectiveAt ?? e.recordedAt));
      this.record(valuesAfterWrite(e.data.item.kind, this.state, this.registry));
    }
    return true;
  }

  /** The points from `from` to `to` (epoch ms), each series led by the value in effect at `from`. */
  window(from: number, to: number): SeriesData['series'] {
    const series: SeriesData['series'] = {};
    for (const [name, { t, v }] of this.steps) {
      let start = t.findIndex((time) => time >= from);
      if (start === -1) start = t.length;
      let end = t.findIndex((time) => time > to);
      if (end === -1) end = t.length;
      const points = { t: t.slice(start, end), v: v.slice(start, end) };
      if (start > 0 && t[start] !== from && from <= to) {
        points.t.unshift(from);
        points.v.unshift(v[start - 1]!);
      }
      series[name] = points;
    }
    return series;
  }

  private record(values: Values): void {
    for (const [name, value] of Object.entries(values) as [SeriesName, number | null][]) {
      if (value !== null) this.steps.get(name)!.add(this.time, value);
    }
  }

  private restartAt(time: number): void {
    this.time = time;
    for (const { t } of this.steps.values()) t.fill(time);
  }
}

/** Keeps the series of the current log; reset when a new log opens. */
export class SeriesBuilder {
  private current: LogSeries | null = null;
  private catchingUp: Promise<LogSeries> | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly log: IncidentLog,
    private readonly store: EventStore,
    private readonly registry: Registry,
  ) {
    this.unsubscribe = log.subscribe((c) => this.onCommit(c));
  }

  /** The series of the current log up to its latest commit, between `from` and `to` (epoch ms). */
  async read(range: { from: number; to: number }): Promise<SeriesData> {
    let series = await this.catchUp();
    // A new log opened while replaying the previous one: replay the new one.
    while (series !== this.current) series = await this.catchUp();
    return { logId: series.state.logId, seq: series.state.seq, series: series.window(range.from, range.to) };
  }

  stop(): void {
    this.unsubscribe();
  }

  private catchUp(): Promise<LogSeries> {
    this.catchingUp ??= this.replay().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  /** Folds what the store holds past the series (from the log's start the first time). */
  private async replay(): Promise<LogSeries> {
    const meta = this.log.current;
    if (this.current?.meta.logId !== meta.logId) {
      this.current = new LogSeries(meta, initialSituation(this.registry, meta), this.registry);
    }
    const series = this.current;
    for (;;) {
      const page = await this.store.readEvents(meta.logId, series.state.seq, REPLAY_PAGE);
      if (page.length === 0 || this.current !== series) return series;
      for (const e of page) series.apply(e);
      await nextTurn();
    }
  }

  private onCommit(c: Committed): void {
    if (c.newLog) {
      this.current = null;
      return;
    }
    const series = this.current;
    if (!series || series.meta.logId !== this.log.current.logId) return;
    // Past a gap (events committed while replaying), the next read takes the rest from the store.
    for (const e of c.events) if (!series.apply(e, c.state)) return;
  }
}
