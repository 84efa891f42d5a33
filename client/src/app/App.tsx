/**
 * The screens by route: the wall (/mur) and the public summary (/synthese) in the first bundle; the
 * overview, its drill-downs and the access pages (sign-in, pairing, account, administration) lazily.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { PublicSummary } from '../features/public/PublicSummary.tsx';
import { WallScreen } from '../features/wall/WallScreen.tsx';
import { useT } from '../i18n/useT.ts';
import { routeOf, usePath } from '../router/router.ts';

// The wall loads nothing it does not show: the overview, its charts and drill-downs come on demand,
// and so do the access pages (the administration's QR code library never reaches a wall).
const OverviewScreen = lazy(() =>
  import('../features/overview/OverviewScreen.tsx').then((m) => ({ default: m.OverviewScreen })),
);
const SignInPage = lazy(() => import('../features/signin/SignInPage.tsx').then((m) => ({ default: m.SignInPage })));
const PairingPage = lazy(() => import('../features/pairing/PairingPage.tsx').then((m) => ({ default: m.PairingPage })));
const AccountPage = lazy(() => import('../features/account/AccountPage.tsx').then((m) => ({ default: m.AccountPage })));
const ConsoleScreen = lazy(() =>
  import('../features/console/ConsoleScreen.tsx').then((m) => ({ default: m.ConsoleScreen })),
);
const AdminPage = lazy(() => import('../features/admin/AdminPage.tsx').then((m) => ({ default: m.AdminPage })));

export function App() {
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
        <Loading>
          <OverviewScreen route={route} />
        </Loading>
      );
    case 'sign-in':
      return (
        <Loading>
          <SignInPage />
        </Loading>
      );
    case 'pairing':
      return (
        <Loading>
          <PairingPage />
        </Loading>
      );
    case 'account':
      return (
        <Loading>
          <AccountPage />
        </Loading>
      );
    case 'admin':
      return (
        <Loading>
          <AdminPage />
        </Loading>
      );
    case 'console':
      return (
        <Loading>
          <ConsoleScreen section={route.section} />
        </Loading>
      );
  }
}

function Loading({ children }: { children: ReactNode }) {
  const t = useT();
  return <Suspense fallback={<p className="loading">{t.waiting}</p>}>{children}</Suspense>;
}
