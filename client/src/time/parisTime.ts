/**
 * Times as the crisis cell reads them: Europe/Paris, whatever the screen's own zone. The one place the
 * client names the zone; the clock, day and duration words it shares with the server's pages come
 * from shared/.
 */
import { formatDayTime, formatDuration } from '@vigie/shared';
import type { Lang } from '../store/vigieStore.ts';

export { formatClock, formatDateTime, formatDayTime, formatDuration } from '@vigie/shared';

const PARIS = 'Europe/Paris';

/** One formatter per language for a shape of date, built once. */
const inParis = (options: Intl.DateTimeFormatOptions) => ({
  fr: new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, ...options }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: PARIS, ...options }),
});

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: PARIS, year: 'numeric', month: '2-digit', day: '2-digit' });
const hourMinute = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const weekdayDate = inParis({ weekday: 'long', day: 'numeric', month: 'long' });
const fullDate = inParis({ dateStyle: 'full', timeStyle: 'short' });
const daySecond = inParis({
  weekday: 'short',
  day: '2-digit',
  month: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function parisParts(epochMs: number) {
  const parts = Object.fromEntries(wallClock.formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  const n = (type: string) => Number(parts[type]);
  return {
    year: n('year'),
    month: n('month'),
    day: n('day'),
    hour: n('hour'),
    minute: n('minute'),
    second: n('second'),
  };
}

/** How far Paris wall-clock time is ahead of UTC at an instant (ms; +1 h in winter, +2 h in summer). */
export function parisOffsetMs(epochMs: number): number {
  const p = parisParts(epochMs);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** Whether two instants fall on the same Paris day. */
export const sameParisDay = (a: Date | string | number, b: Date | string | number) =>
  dayKey.format(new Date(a)) === dayKey.format(new Date(b));

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2024-08-03T14:00" for 2024-08-03T12:00:00Z: an instant as a `datetime-local` value in Paris time. */
export function isoToParisLocal(iso: string): string {
  const p = parisParts(Date.parse(iso));
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** "2024-08-03T14:00" (Paris) → "2024-08-03T12:00:00.000Z"; null when not a `datetime-local` value. */
export function parisLocalToIso(local: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  if (Number.isNaN(asUtc)) return null;
  // The offset depends on the instant itself (summer time): guess, then correct once.
  const guess = asUtc - parisOffsetMs(asUtc);
  return new Date(asUtc - parisOffsetMs(guess)).toISOString();
}

/** "14:00" when an instant falls on the same Paris day as `now`, "dim. 14:00" otherwise. */
export function formatTimeOfDay(instant: string, lang: Lang, now: number): string {
  const at = new Date(instant);
  if (!sameParisDay(at, now)) return formatDayTime(at, lang);
  return formatHourMinute(at);
}

/** "11:00": hours and minutes, 24-hour. */
export const formatHourMinute = (instant: Date | string | number) => hourMinute.format(new Date(instant));

/** "samedi 3 août": the day of a written statement. */
export const formatWeekdayDate = (instant: Date | string | number, lang: Lang) =>
  weekdayDate[lang].format(new Date(instant));

/** "samedi 3 août 2024 à 11:02": a printed record's date, unambiguous on paper. */
export const formatFullDate = (instant: Date | string, lang: Lang) => fullDate[lang].format(new Date(instant));

/** "sam. 03/08 11:02:05": to the second, with the day (an incident spans days). */
export const formatDaySecond = (instant: Date | string, lang: Lang) => daySecond[lang].format(new Date(instant));

/** "9 h 40 min"; from a day on, "3 j 4 h 05 min" (degraded mode lasts days, weeks, months). */
export function formatElapsed(ms: number, lang: Lang): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  if (days === 0) return formatDuration(ms);
  const rest = minutes - days * 1440;
  return `${days} ${lang === 'fr' ? 'j' : 'd'} ${Math.floor(rest / 60)} h ${String(rest % 60).padStart(2, '0')} min`;
}
