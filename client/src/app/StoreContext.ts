// Moved to ../store/StoreContext.ts; kept until the undo list's files import it from there.
export { StoreContext } from '../store/StoreContext.ts';
