/**
 * Entry point: one store, one socket binding (outside React) for the route's audience, the app.
 * The sign-in and pairing pages show no situation: they open no socket and touch no offline copy.
 */
// First: zod must run without eval before any schema is built (see zodJitless.ts).
import './zodJitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { RealtimeContext, type RequestFn } from './realtime/RealtimeContext.ts';
import { routeOf, withoutSocket, type Route } from './router/router.ts';
import { preferServed, servedPublicCopy } from './features/public/servedCopy.ts';
import { StoreContext } from './store/StoreContext.ts';
import { connect } from './realtime/connect.ts';
import { canKeepOfflineCopy, keepOfflineCopy, loadOfflineCopy, registerServiceWorker } from './realtime/offlineCopy.ts';
import type { SyncState } from './store/syncReducer.ts';
import { createVigieStore } from './store/vigieStore.ts';
import './app/styles.css';
import './app/print.css';

const lang = new URLSearchParams(window.location.search).get('lang') === 'en' ? 'en' : 'fr';
document.documentElement.lang = lang;
const store = createVigieStore({ lang });
store.subscribe((s, prev) => {
  if (s.lang !== prev.lang) document.documentElement.lang = s.lang;
});
const route = routeOf(window.location.pathname);
const request = withoutSocket(route) ? null : start(route);

/** Connects the socket (from the page's own copy or the saved offline copy where there is one) and keeps that copy. */
function start(route: Route): RequestFn {
  // The public summary reads the public audience only: the latest published point de situation.
  const audience = route.screen === 'public' ? 'public' : undefined;
  // Where a service worker can reopen the page with the server down, start from the last saved copy (marked as such).
  // Only a copy of this audience: one saved by the wall is no starting point for /synthese, nor the reverse.
  const saved = canKeepOfflineCopy() ? loadOfflineCopy() : null;
  const copy = saved?.sync.kind === (audience === 'public' ? 'public' : 'situation') ? saved : null;
  // /synthese comes rendered by the server with the copy it was rendered from: the page goes on from it.
  const served = audience === 'public' ? servedPublicCopy() : null;
  let initial: SyncState | null = null;
  if (served && preferServed(served, copy?.sync ?? null)) {
    store.getState().publish(served, {});
    initial = served;
  } else if (copy) {
    store.getState().publish(copy.sync, { offlineCopyAt: copy.savedAt });
    initial = copy.sync;
  }
  const { request } = connect(store, {
    ...(audience ? { audience } : {}),
    ...(initial ? { initial } : {}),
  });
  if (canKeepOfflineCopy()) {
    registerServiceWorker();
    keepOfflineCopy(store);
  }
  return request;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext value={store}>
      {request ? (
        <RealtimeContext value={request}>
          <App />
        </RealtimeContext>
      ) : (
        <App />
      )}
    </StoreContext>
  </StrictMode>,
);
