// Moved to ../time/parisTime.ts; kept until the undo list's files import it from there.
export { formatDayTime } from '../time/parisTime.ts';
