/**
 * The charts loaded on demand, for screens that are not lazy themselves (the wall): recharts then
 * stays out of their first bundle. Render inside a Suspense boundary.
 */
import { lazy } from 'react';

export const LazyRecoveryChart = lazy(() => import('./RecoveryChart.tsx').then((m) => ({ default: m.RecoveryChart })));
export const LazyModesChart = lazy(() => import('./ModesChart.tsx').then((m) => ({ default: m.ModesChart })));
