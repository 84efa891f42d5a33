/** Rebuilds a log's situation: from its latest snapshot (when made with this registry), then the events after it. */
import {
  applyEventInFold,
  initialSituation,
  newFoldScope,
  streamId,
  type LogMeta,
  type Registry,
  type Situation,
} from '@vigie/shared';
import type { EventStore } from '../store/eventStore.ts';

const REPLAY_PAGE = 10_000;

export async function rebuildSituation(
  store: EventStore,
  registry: Registry,
  meta: LogMeta,
): Promise<{ state: Situation; snapshotSeq: number; replayed: number }> {
  const snapshot = await store.latestSnapshot(meta.logId);
  const usable = snapshot !== null && snapshot.registryVersion === registry.version;
  // A restore may have started a new epoch since the snapshot was taken.
  let state = usable ? { ...snapshot.state, logId: streamId(meta) } : initialSituation(registry, meta);
  const snapshotSeq = state.seq;
  const scope = newFoldScope();
  for (let page = await store.readEvents(meta.logId, state.seq, REPLAY_PAGE); page.length > 0;) {
    for (const e of page) state = applyEventInFold(state, e, scope);
    page = await store.readEvents(meta.logId, state.seq, REPLAY_PAGE);
  }
  return { state, snapshotSeq, replayed: state.seq - snapshotSeq };
}
