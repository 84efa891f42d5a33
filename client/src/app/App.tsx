/** The screens by route: the wall (/mur), the public summary (/synthese), the overview and its drill-downs (lazy). */
import { lazy, Suspense } from 'react';
import { PublicSummary } from '../features/public/PublicSummary.tsx';
import { WallScreen } from '../features/wall/WallScreen.tsx';
import { useT } from '../i18n/useT.ts';
import { routeOf, usePath } from './router.ts';

// The wall loads nothing it does not show: the overview, its charts and drill-downs come on demand.
const OverviewScreen = lazy(() =>
  import('../features/overview/OverviewScreen.tsx').then((m) => ({ default: m.OverviewScreen })),
);

export function App() {
  const t = useT();
  const route = routeOf(usePath());
  switch (route.screen) {
    case 'wall':
      return <WallScreen />;
    case 'public':
      return <PublicSummary />;
    case 'overview':
    case 'hospital':
    case 'system':
      return (
        <Suspense fallback={<p className="loading">{t.waiting}</p>}>
          <OverviewScreen route={route} />
        </Suspense>
      );
  }
}
