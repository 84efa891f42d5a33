/** Routes by path, with the History API (a handful of screens needs no routing library). */
import { accessPaths } from '@vigie/shared';
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
};

/** The current path (without query string). */
export const usePath = () => useSyncExternalStore(subscribe, () => window.location.pathname);

/** Goes to `path`, keeping the query string (language). */
export function navigate(path: string): void {
  window.history.pushState(null, '', path + window.location.search);
  listeners.forEach((l) => l());
}

/** The screens, by path. */
export type Route =
  | { screen: 'wall' }
  | { screen: 'public' }
  | { screen: 'overview' }
  | { screen: 'hospital'; hospitalId: string }
  | { screen: 'system'; systemId: string }
  | { screen: 'sign-in' }
  | { screen: 'pairing' }
  | { screen: 'account' }
  | { screen: 'admin' }
  | { screen: 'console'; section: string | null };

/** The overview and its drill-downs. */
export type DashboardRoute = Extract<Route, { screen: 'overview' | 'hospital' | 'system' }>;

const accessScreens = {
  [accessPaths.signIn]: 'sign-in',
  [accessPaths.pairing]: 'pairing',
  [accessPaths.account]: 'account',
  [accessPaths.admin]: 'admin',
} as const;

/** Screens that show no situation: they open without the socket (the sign-in and pairing pages). */
export const withoutSocket = (route: Route) => route.screen === 'sign-in' || route.screen === 'pairing';

export function routeOf(path: string): Route {
  const [, first, second] = path.split('/');
  const access = Object.entries(accessScreens).find(([p]) => p === `/${first ?? ''}`)?.[1];
  if (access) return { screen: access };
  if (first === 'mur') return { screen: 'wall' };
  if (first === 'console') return { screen: 'console', section: second ? decodeURIComponent(second) : null };
  if (first === 'synthese') return { screen: 'public' };
  if (first === 'hopital' && second) return { screen: 'hospital', hospitalId: decodeURIComponent(second) };
  if (first === 'systeme' && second) return { screen: 'system', systemId: decodeURIComponent(second) };
  return { screen: 'overview' };
}
