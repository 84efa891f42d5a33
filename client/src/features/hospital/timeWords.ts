/** Times and durations in words, Europe/Paris whatever the screen's own zone (complements i18n/time.ts). */
import { formatClock, formatDayTime, formatDuration } from '../../i18n/time.ts';
import type { Lang } from '../../store/vigieStore.ts';

const ZONE = 'Europe/Paris';
const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const fullDate = {
  fr: new Intl.DateTimeFormat('fr-FR', { timeZone: ZONE, dateStyle: 'full', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, dateStyle: 'full', timeStyle: 'short' }),
};

/** "14:00" when an instant falls on the same Paris day as `now`, "dim. 14:00" otherwise. */
export function formatTimeOfDay(instant: string, lang: Lang, now: number): string {
  const at = new Date(instant);
  if (parisDay.format(at) !== parisDay.format(new Date(now))) return formatDayTime(at, lang);
  return formatClock(at, lang).slice(0, 5); // "11:02:05" → "11:02"
}

/** "9 h 40 min"; from a day on, "3 j 4 h 05 min" (degraded mode lasts days, weeks, months). */
export function formatElapsed(ms: number, lang: Lang): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  if (days === 0) return formatDuration(ms);
  const rest = minutes - days * 1440;
  return `${days} ${lang === 'fr' ? 'j' : 'd'} ${Math.floor(rest / 60)} h ${String(rest % 60).padStart(2, '0')} min`;
}

/** "samedi 3 août 2024 à 11:02": a printed record's date, unambiguous on paper. */
export const formatFullDate = (instant: Date | string, lang: Lang) => fullDate[lang].format(new Date(instant));
