/** Times as the crisis cell reads them: Europe/Paris, whatever the screen's own time zone. */
import type { Lang } from '../store/vigieStore.ts';

const ZONE = 'Europe/Paris';
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = lang + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: ZONE, ...options });
    cache.set(key, f);
  }
  return f;
}

/** "sam. 11:02" */
export const formatDayTime = (instant: Date | string, lang: Lang) =>
  formatter(lang, { weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(instant));

/** "11:02:05" */
export const formatClock = (instant: Date | string, lang: Lang) =>
  formatter(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(instant));

/** "03/08/2024 11:02": a date a list can sort by eye (account and screen records). */
export const formatDateTime = (instant: Date | string, lang: Lang) =>
  formatter(lang, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(
    new Date(instant),
  );

/** A duration in words: "45 s", "9 min", "9 h 40 min". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
