/**
 * Reloads the page when the server announces a new build, only while it is reachable, with
 * back-off so a wall never loops on a server that keeps changing its mind.
 */
import { useContext, useEffect, useRef } from 'react';
import type { VigieState } from '../store/vigieStore.ts';
import { StoreContext } from '../store/StoreContext.ts';
import { useStoreSelector } from './useStoreSelector.ts';

const KEY = 'vigie-reloads';
const reloadPage = () => window.location.reload();
const selectBuildId = (s: VigieState) => s.connection.buildId;

export function useBuildReload(reload: () => void = reloadPage): void {
  const store = useContext(StoreContext);
  const buildId = useStoreSelector(selectBuildId);
  const loadedBuild = useRef<string | null>(null);
  useEffect(() => {
    if (!buildId) return;
    loadedBuild.current ??= buildId;
    if (buildId === loadedBuild.current) {
      sessionStorage.removeItem(KEY);
      return;
    }
    const attempts = Number(sessionStorage.getItem(KEY) ?? '0');
    let timer: ReturnType<typeof setTimeout>;
    const attempt = () => {
      // A reload while the server is unreachable would leave an error page on the wall.
      if (store.getState().connection.status !== 'connected') {
        timer = setTimeout(attempt, 2000);
        return;
      }
      sessionStorage.setItem(KEY, String(attempts + 1));
      reload();
    };
    timer = setTimeout(attempt, Math.min(60_000, 1000 * 2 ** attempts));
    return () => clearTimeout(timer);
  }, [buildId, reload, store]);
}
