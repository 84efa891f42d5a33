/**
 * After three missed heartbeats, says plainly that the picture is frozen and since when; clears itself
 * on catch-up. Also says when the server cannot record changes (for the screens of those who make them).
 */
import { onIncidentClock } from '@vigie/shared';
import { useNow } from '../hooks/useNow.ts';
import { useStoreSelector } from '../hooks/useStoreSelector.ts';
import { format } from '../i18n/messages.ts';
import { formatClock, formatDayTime } from '../time/parisTime.ts';
import { useLang, useT } from '../i18n/useT.ts';
import { selectClock, selectConnection } from '../store/selectors.ts';

const MISSED = 3;

/** Whether the data must be called frozen at `now`: no heartbeat for three intervals (or none yet after as long). */
export function isStale(
  c: { lastHeartbeatAt: number | null; confirmedAt: number | null; heartbeatMs: number },
  now: number,
  loadedAt: number,
) {
  return now - (c.lastHeartbeatAt ?? loadedAt) > MISSED * c.heartbeatMs;
}

const loadedAt = Date.now();

export function StaleBanner({ writes = true }: { writes?: boolean }) {
  const writable = useStoreSelector((s) => s.connection.writable);
  const t = useT();
  return (
    <>
      {writes && !writable && (
        <div className="stale-banner" role="alert" data-writes-suspended>
          <span aria-hidden="true">⏸ </span>
          {t.writesSuspended}
        </div>
      )}
      <FrozenBanner />
    </>
  );
}

function FrozenBanner() {
  const t = useT();
  const lang = useLang();
  const connection = useStoreSelector(selectConnection);
  // In the demo a person reads the scenario's time everywhere, this banner included.
  const clock = useStoreSelector(selectClock);
  const shown = (at: number) => new Date(onIncidentClock(clock, new Date(at).toISOString()));
  const now = useNow(500);
  if (connection.offlineCopyAt !== null) {
    return (
      <div className="stale-banner" role="alert" data-offline-copy={connection.offlineCopyAt}>
        <span aria-hidden="true">⚠ </span>
        {format(t.offlineCopy, { time: formatDayTime(shown(connection.offlineCopyAt), lang) })}
      </div>
    );
  }
  if (!isStale(connection, now, loadedAt)) return null;
  const since = connection.confirmedAt ?? loadedAt;
  return (
    <div className="stale-banner" role="alert" data-stale-since={since}>
      <span aria-hidden="true">⚠ </span>
      {format(t.stale, { time: formatClock(shown(since), lang) })}
    </div>
  );
}
