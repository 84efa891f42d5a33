/**
 * The last known state, kept in the browser (only where a service worker can reopen the page with
 * the server down: HTTPS or localhost). It is shown marked as such, and never when older than 24 h.
 */
import type { SyncState } from '../store/syncReducer.ts';
import type { VigieStore } from '../store/vigieStore.ts';

const KEY = 'vigie-offline-copy';
/** A copy older than this is refused. */
export const MAX_AGE_MS = 24 * 60 * 60 * 1000;

interface Saved {
  savedAt: number;
  sync: SyncState;
}

/** Whether this page can keep an offline copy (service workers need a secure context). */
export const canKeepOfflineCopy = () =>
  typeof window !== 'undefined' && window.isSecureContext && 'serviceWorker' in navigator && 'caches' in window;

export function saveOfflineCopy(sync: SyncState, now = Date.now()): void {
  if (sync.kind === 'empty') return;
  try {
    localStorage.setItem(KEY, JSON.stringify({ savedAt: now, sync } satisfies Saved));
  } catch {
    // A full storage only costs the offline copy.
  }
}

/** The saved copy if there is one no older than 24 h (an older one is wiped). */
export function loadOfflineCopy(now = Date.now()): Saved | null {
  const raw = localStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const saved = JSON.parse(raw) as Saved;
    if (now - saved.savedAt <= MAX_AGE_MS && now >= saved.savedAt) return saved;
  } catch {
    // unreadable: wiped below
  }
  localStorage.removeItem(KEY);
  return null;
}

/** Wipes the offline copy and the cached page (on sign-out, revocation, or by hand). */
export async function wipeOfflineCopy(): Promise<void> {
  localStorage.removeItem(KEY);
  if ('caches' in window) for (const name of await caches.keys()) await caches.delete(name);
  if ('serviceWorker' in navigator) {
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  }
}

/** Saves the live copy every 10 s and when the page goes away (never the offline copy itself). */
export function keepOfflineCopy(store: VigieStore): void {
  const save = () => {
    const { sync, connection } = store.getState();
    if (connection.offlineCopyAt === null) saveOfflineCopy(sync);
  };
  setInterval(save, 10_000);
  window.addEventListener('pagehide', save);
}

/** Registers the service worker. */
export function registerServiceWorker(): void {
  if (!canKeepOfflineCopy()) return;
  void navigator.serviceWorker.register('/sw.js');
  // This page loaded before the worker could see it: hand it the page and its files to keep.
  void navigator.serviceWorker.ready.then((registration) => {
    const files = [...document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src], link[href]')].map(
      (e) => ('src' in e ? e.src : e.href),
    );
    registration.active?.postMessage({ keep: [window.location.pathname, ...files] });
  });
}
