/** Times as the crisis cell reads them: Europe/Paris, whatever the screen's own time zone (shared with the server's pages). */
export { formatClock, formatDateTime, formatDayTime, formatDuration } from '@vigie/shared';
