// Moved to ../hooks/useStoreSelector.ts; kept until the undo list's files import it from there.
export { useStoreSelector } from '../hooks/useStoreSelector.ts';
