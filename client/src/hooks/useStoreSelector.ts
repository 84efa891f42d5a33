/** Reads a piece of the store from the component tree's store. */
import { useContext } from 'react';
import { useVigie, type VigieState } from '../store/vigieStore.ts';
import { StoreContext } from '../store/StoreContext.ts';

export function useStoreSelector<T>(selector: (s: VigieState) => T): T {
  return useVigie(useContext(StoreContext), selector);
}
