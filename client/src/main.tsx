/** Entry point: one store, one socket binding (outside React) for the route's audience, the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { RealtimeContext } from './app/RealtimeContext.ts';
import { routeOf } from './app/router.ts';
import { StoreContext } from './app/StoreContext.ts';
import { connect } from './realtime/connect.ts';
import { createVigieStore } from './store/vigieStore.ts';
import './app/styles.css';

const lang = new URLSearchParams(window.location.search).get('lang') === 'en' ? 'en' : 'fr';
document.documentElement.lang = lang;
const store = createVigieStore({ lang });
store.subscribe((s, prev) => {
  if (s.lang !== prev.lang) document.documentElement.lang = s.lang;
});
// The public summary reads the public audience only: the latest published point de situation.
const audience = routeOf(window.location.pathname).screen === 'public' ? 'public' : undefined;
const { request } = connect(store, audience ? { audience } : {});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext value={store}>
      <RealtimeContext value={request}>
        <App />
      </RealtimeContext>
    </StoreContext>
  </StrictMode>,
);
