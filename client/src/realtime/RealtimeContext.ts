/** Sends requests (commands, history queries) over the app's socket; components get it from context. */
import { createContext } from 'react';
import type { RequestFn } from '@vigie/shared';

export type { RequestFn };

export const RealtimeContext = createContext<RequestFn>(() =>
  Promise.resolve({ ok: false, error: { code: 'internal', message: 'not connected' } }),
);
