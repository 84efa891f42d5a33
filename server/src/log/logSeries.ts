/**
 * The chart series of the current log as the log keeps them: taken from every commit with what each
 * write changed (never folded again), saved with each snapshot (only the points added since the
 * previous one), resumed at start-up where the snapshot left them. The saved points are read back
 * on the first query, a page per turn; until then those of each snapshot are let go once saved. A
 * store that saved none (older ones) has them rebuilt once from its log, a page per turn, while
 * commits go on.
 */
import {
  initialSituation,
  newFoldScope,
  seriesNames,
  streamId,
  type LogEvent,
  type LogMeta,
  type Registry,
  type SeriesName,
  type Situation,
} from '@vigie/shared';
import { ChartSeries, type SeriesColumns } from '../domain/chartSeries.ts';
import { PointList } from '../domain/pointList.ts';
import { foldCounting, type CountedWrite } from '../domain/seriesCounts.ts';
import { silentLogger, type Logger } from '../logger.ts';
import type { EventStore, SeriesChunk, SeriesChunkHead } from '../store/eventStore.ts';

type Columns = { t: Float64Array; v: Float64Array };

/** Saved chunks read (25,000 events' points) between two turns of the event loop. */
// Small: read back soon after start-up, the pages share the loop with the reconnecting screens' snapshots.
const LOAD_PAGE = 5;
/** Room for the points of the commits that land while the saved ones are read back. */
const SPARE_POINTS = 4096;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The current log's series from its start up to `seq`, between two instants. */
export interface SeriesRead {
  logId: string;
  seq: number;
  series: SeriesColumns;
}

/** The points of `series` not saved yet, as the snapshot at its seq saves them. */
export function unsavedChunk(series: ChartSeries, registry: Registry): SeriesChunk {
  const { from, position, points } = series.unsaved();
  return { fromSeq: from, toSeq: position.seq, registryVersion: registry.version, ...position, points };
}

/** Where saved chunks leave a series at a snapshot's seq: null unless they run gap-free from 0 to it with this registry. */
export function savedPosition(heads: SeriesChunkHead[], seq: number, registryVersion: string) {
  let reached = 0;
  for (const head of heads) {
    if (head.fromSeq !== reached || head.registryVersion !== registryVersion) return null;
    reached = head.toSeq;
  }
  const last = heads.at(-1);
  return last && reached === seq ? { seq, time: last.time, last: last.last } : null;
}

export interface LogSeriesOptions {
  /** Events folded between two turns of the event loop when rebuilding (default 1,000). */
  rebuildPage?: number;
  /** Events whose points a rebuild saves at a time, so the next snapshot need not write them all at once (default 25,000). */
  rebuildSaveEvery?: number;
}

export class LogSeries {
  private meta!: LogMeta;
  /** Null while the series are being rebuilt from the log. */
  private series: ChartSeries | null = null;
  private rebuilding: Promise<void> | null = null;
  private loading: Promise<void> | null = null;
  private stopped = false;

  private readonly rebuildPage: number;
  private readonly rebuildSaveEvery: number;

  constructor(
    private readonly store: EventStore,
    private readonly registry: Registry,
    private readonly logger: Logger = silentLogger,
    options: LogSeriesOptions = {},
  ) {
    this.rebuildPage = options.rebuildPage ?? 1000;
    this.rebuildSaveEvery = options.rebuildSaveEvery ?? 25_000;
  }

  /**
   * Series resumed or built at start-up (see rebuildSituation); null rebuilds them from the log.
   * Resumed ones read their saved points back when first asked: at start-up the store's check and the
   * first snapshots have the loop (on the server's one core) to themselves.
   */
  open(meta: LogMeta, series: ChartSeries | null): void {
    this.meta = meta;
    this.series = series;
    if (!series) void this.rebuild(meta);
  }

  /** A new log opened with these events: its series start from `initial`. */
  start(meta: LogMeta, initial: Situation): void {
    this.meta = meta;
    this.series = ChartSeries.opened(this.registry, meta, initial);
  }

  /** Takes a committed event with what it wrote. */
  take(e: LogEvent, write: CountedWrite | null): void {
    if (!this.series || this.series.apply(e, write)) return;
    // Past a gap (never expected: commits come in order): the log has the truth.
    this.logger.error({ seq: e.seq }, 'chart series past a gap; rebuilding them from the log');
    void this.rebuild(this.meta);
  }

  /** What a snapshot at `seq` saves of the series: null while they are not at that seq (being rebuilt). */
  unsaved(seq: number): SeriesChunk | null {
    const series = this.series;
    return series?.position().seq === seq ? unsavedChunk(series, this.registry) : null;
  }

  /** The chunk `unsaved` gave is saved. */
  saved(chunk: SeriesChunk): void {
    if (this.series?.position().seq === chunk.toSeq) this.series.saved();
  }

  /** The series of the current log up to its latest commit, between `from` and `to` (epoch ms). */
  async read(range: { from: number; to: number }): Promise<SeriesRead> {
    for (;;) {
      if (this.stopped) throw new Error('the chart series are stopped');
      const series = this.series;
      if (series?.complete) {
        return { logId: streamId(this.meta), seq: series.position().seq, series: series.window(range.from, range.to) };
      }
      // A rebuild that failed (the store could not be read) is tried again for the next reader.
      await (series ? this.load(series) : (this.rebuilding ?? this.rebuild(this.meta)));
    }
  }

  stop(): void {
    this.stopped = true;
  }

  /** Reads the saved points back into `series` (once, whoever asks). */
  private load(series: ChartSeries): Promise<void> {
    this.loading ??= this.readSaved(series)
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'saved chart series unreadable; rebuilding them from the log');
        if (this.series === series) void this.rebuild(this.meta);
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  private async readSaved(series: ChartSeries): Promise<void> {
    const logId = this.meta.logId;
    // Each list sized once for every saved point and those held: read back, the points are copied once.
    const sizes = new Map<SeriesName, number>();
    for (const head of await this.store.seriesHeads(logId)) {
      for (const [name, n] of Object.entries(head.counts) as [SeriesName, number][]) {
        sizes.set(name, (sizes.get(name) ?? 0) + n);
      }
    }
    const earlier = new Map<SeriesName, PointList>(
      seriesNames.map((name) => [name, new PointList((sizes.get(name) ?? 0) + SPARE_POINTS)]),
    );
    let covered = 0;
    for (;;) {
      if (this.stopped || this.series !== series) return;
      // A snapshot taken meanwhile lets go of the points it saved: read on up to where the held ones start.
      const through = series.heldAfterSeq;
      if (covered === through) {
        series.prepend(earlier, through);
        return;
      }
      const page = await this.store.readSeriesChunks(logId, covered, through, LOAD_PAGE);
      for (const chunk of page) {
        if (chunk.fromSeq !== covered) throw new Error(`saved chart chunks break at seq ${covered}`);
        for (const [name, points] of Object.entries(chunk.points) as [SeriesName, Columns][]) {
          earlier.get(name)!.append(points.t, points.v);
        }
        covered = chunk.toSeq;
      }
      if (page.length === 0) throw new Error(`no saved chart chunk from seq ${covered}`);
      await nextTurn();
    }
  }

  /** Folds the log from its start again, a page per turn, then keeps the series from the commits on. */
  private rebuild(meta: LogMeta): Promise<void> {
    this.series = null;
    const run: Promise<void> = this.replay(meta).finally(() => {
      if (this.rebuilding === run) this.rebuilding = null;
    });
    this.rebuilding = run;
    // Whoever reads is answered the failure; logged here since nobody may be reading.
    run.catch((error: unknown) => {
      if (!this.stopped) this.logger.error({ err: error }, 'chart series could not be rebuilt');
    });
    return run;
  }

  private async replay(meta: LogMeta): Promise<void> {
    let state = initialSituation(this.registry, meta);
    const series = ChartSeries.opened(this.registry, meta, state);
    const scope = newFoldScope();
    let saved = 0;
    for (;;) {
      if (this.stopped || this.meta !== meta) return;
      const page = await this.store.readEvents(meta.logId, state.seq, this.rebuildPage);
      if (this.stopped || this.meta !== meta) return;
      // Caught up with the store, in the same turn as the read: the commits after it come to `take`.
      if (page.length === 0) {
        this.series = series;
        return;
      }
      for (const e of page) {
        const folded = foldCounting(state, e, scope);
        state = folded.state;
        series.apply(e, folded.write);
      }
      // Saved as they are rebuilt, a slice at a time: the next snapshot adds only its own (a chain
      // ended elsewhere than a snapshot is rebuilt again, so a crash meanwhile costs only time).
      if (state.seq - saved >= this.rebuildSaveEvery) {
        await this.store.saveSeriesChunk(meta.logId, unsavedChunk(series, this.registry));
        series.saved();
        saved = state.seq;
      }
      await nextTurn();
    }
  }
}
