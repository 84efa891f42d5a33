/**
 * Rebuilds a log's situation: from its latest snapshot (when made with this registry), then the events
 * after it; and its chart series with it, resumed where the snapshot saved them.
 */
import {
  effectiveTime,
  isInformed,
  initialSituation,
  newFoldScope,
  SITUATION_LOG_ENTRIES,
  streamId,
  type LogMeta,
  type Registry,
  type Situation,
} from '@vigie/shared';
import { ChartSeries } from '../domain/chartSeries.ts';
import { foldCounting } from '../domain/seriesCounts.ts';
import type { EventStore } from '../store/eventStore.ts';
import { savedPosition } from './logSeries.ts';

const REPLAY_PAGE = 10_000;

/**
 * A snapshot as the current fold would have made it. Older snapshots kept every main-courante entry
 * and no count (the count is their length, and only the latest entries stay), and had no `modeSince`
 * (the time the current mode was last written is the closest the snapshot knows).
 */
export function upgradeSnapshot(state: Situation): Situation {
  const stored = state as Omit<Situation, 'logCount'> & { logCount?: number };
  const logCount = stored.logCount ?? stored.log.length;
  const upgraded = { ...stored, log: stored.log.slice(-SITUATION_LOG_ENTRIES), logCount };
  const facts = Object.entries(stored.hospitals);
  if (facts.every(([, f]) => f.modeSince !== undefined)) return upgraded;
  const hospitals = Object.fromEntries(
    facts.map(([id, f]) => {
      const mode = stored.items['operating-mode'][id];
      return [id, { ...f, modeSince: f.modeSince ?? (mode && isInformed(mode) ? effectiveTime(mode) : null) }];
    }),
  );
  return { ...upgraded, hospitals };
}

/**
 * The situation at the log's last event, and its chart series: resumed where the snapshot saved them,
 * built along when the whole log is replayed, or null when the snapshot saved none (an older store).
 */
export async function rebuildSituation(
  store: EventStore,
  registry: Registry,
  meta: LogMeta,
): Promise<{ state: Situation; snapshotSeq: number; replayed: number; series: ChartSeries | null }> {
  const snapshot = await store.latestSnapshot(meta.logId);
  const usable = snapshot !== null && snapshot.registryVersion === registry.version;
  // A restore may have started a new epoch since the snapshot was taken.
  let state = usable ? { ...upgradeSnapshot(snapshot.state), logId: streamId(meta) } : initialSituation(registry, meta);
  const snapshotSeq = state.seq;
  const saved = usable ? savedPosition(await store.seriesHeads(meta.logId), snapshotSeq, registry.version) : null;
  const series = !usable
    ? ChartSeries.opened(registry, meta, state)
    : saved
      ? ChartSeries.resumed(registry, state, saved)
      : null;
  const scope = newFoldScope();
  for (let page = await store.readEvents(meta.logId, state.seq, REPLAY_PAGE); page.length > 0;) {
    for (const e of page) {
      const folded = foldCounting(state, e, scope);
      state = folded.state;
      series?.apply(e, folded.write);
    }
    page = await store.readEvents(meta.logId, state.seq, REPLAY_PAGE);
  }
  return { state, snapshotSeq, replayed: state.seq - snapshotSeq, series };
}
