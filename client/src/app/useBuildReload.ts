/**
 * Reloads the page when the server announces a new build, only while it is reachable (a heartbeat
 * just arrived), with back-off so a wall never loops on a server that keeps changing its mind.
 */
import { useEffect, useRef } from 'react';
import { selectConnection } from '../store/selectors.ts';
import { useStoreSelector } from './useStoreSelector.ts';

const KEY = 'vigie-reloads';

export function useBuildReload(reload: () => void = () => window.location.reload()): void {
  const { buildId, lastHeartbeatAt } = useStoreSelector(selectConnection);
  const loadedBuild = useRef<string | null>(null);
  useEffect(() => {
    if (!buildId) return;
    loadedBuild.current ??= buildId;
    if (buildId === loadedBuild.current) {
      sessionStorage.removeItem(KEY);
      return;
    }
    const attempts = Number(sessionStorage.getItem(KEY) ?? '0');
    const timer = setTimeout(
      () => {
        sessionStorage.setItem(KEY, String(attempts + 1));
        reload();
      },
      Math.min(60_000, 1000 * 2 ** attempts),
    );
    return () => clearTimeout(timer);
  }, [buildId, lastHeartbeatAt, reload]);
}
