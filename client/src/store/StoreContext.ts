/** The store instance the components read (a fresh one per test). */
import { createContext } from 'react';
import { createVigieStore, type VigieStore } from './vigieStore.ts';

export const StoreContext = createContext<VigieStore>(createVigieStore());
