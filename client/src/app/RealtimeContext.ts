/** Sends requests (history queries) over the app's socket; components get it from context. */
import { createContext } from 'react';
import type { Reply } from '@vigie/shared';

export type RequestFn = (event: string, input: unknown) => Promise<Reply>;

export const RealtimeContext = createContext<RequestFn>(() =>
  Promise.resolve({ ok: false, error: { code: 'internal', message: 'not connected' } }),
);
