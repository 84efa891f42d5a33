/** Entry point: one store, one socket binding (outside React), the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
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
connect(store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext value={store}>
      <App />
    </StoreContext>
  </StrictMode>,
);
