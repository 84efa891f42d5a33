/** Entry point: one store, one socket binding (outside React) for the route's audience, the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { RealtimeContext } from './app/RealtimeContext.ts';
import { routeOf } from './app/router.ts';
import { StoreContext } from './app/StoreContext.ts';
import { connect } from './realtime/connect.ts';
import { canKeepOfflineCopy, keepOfflineCopy, loadOfflineCopy, registerServiceWorker } from './realtime/offlineCopy.ts';
import { createVigieStore } from './store/vigieStore.ts';
import './app/styles.css';
import './app/print.css';

const lang = new URLSearchParams(window.location.search).get('lang') === 'en' ? 'en' : 'fr';
document.documentElement.lang = lang;
const store = createVigieStore({ lang });
store.subscribe((s, prev) => {
  if (s.lang !== prev.lang) document.documentElement.lang = s.lang;
});
// The public summary reads the public audience only: the latest published point de situation.
const audience = routeOf(window.location.pathname).screen === 'public' ? 'public' : undefined;
// Where a service worker can reopen the page with the server down, start from the last saved copy (marked as such).
const copy = canKeepOfflineCopy() ? loadOfflineCopy() : null;
if (copy && copy.sync.kind === (audience === 'public' ? 'public' : 'situation')) {
  store.getState().publish(copy.sync, { offlineCopyAt: copy.savedAt });
}
const { request } = connect(store, {
  ...(audience ? { audience } : {}),
  ...(copy ? { initial: copy.sync } : {}),
});
if (canKeepOfflineCopy()) {
  registerServiceWorker();
  keepOfflineCopy(store);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext value={store}>
      <RealtimeContext value={request}>
        <App />
      </RealtimeContext>
    </StoreContext>
  </StrictMode>,
);
