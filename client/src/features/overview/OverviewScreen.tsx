/** The direction overview (route /) and its drill-downs. */
import type { Route } from '../../app/router.ts';
import { HospitalList } from '../hospitals/HospitalList.tsx';
import { ConnectionStatus } from '../status/ConnectionStatus.tsx';
import { DemoBanner } from '../status/DemoBanner.tsx';

export function OverviewScreen({ route }: { route: Exclude<Route, { screen: 'wall' | 'public' }> }) {
  return (
    <div className="overview" data-route={route.screen}>
      <DemoBanner />
      <ConnectionStatus />
      <HospitalList />
    </div>
  );
}
