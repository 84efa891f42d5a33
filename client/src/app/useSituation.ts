// Moved to ../hooks/useSituation.ts; kept until the undo list's files import it from there.
export { useSituation } from '../hooks/useSituation.ts';
