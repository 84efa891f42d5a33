/**
 * What both the server and the screens write in words: the two languages, `{name}` placeholders,
 * and times as the crisis cell reads them (Europe/Paris, whatever the reader's own time zone).
 */

/** The languages Vigie speaks: French by default, English on request. */
export type Lang = 'fr' | 'en';

/** Replaces `{name}` placeholders in `text` with `values` (an unknown name stays as it is). */
export const format = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);

const ZONE = 'Europe/Paris';
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = lang + JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: ZONE, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** "sam. 11:02": weekday and time in Paris. */
export const formatDayTime = (instant: Date | string | number, lang: Lang) =>
  formatter(lang, { weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(instant));

/** "11:02:05": time of day in Paris, to the second. */
export const formatClock = (instant: Date | string | number, lang: Lang) =>
  formatter(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(instant));

/** "03/08/2024 11:02": a date a list can sort by eye (account and screen records), in Paris. */
export const formatDateTime = (instant: Date | string | number, lang: Lang) =>
  formatter(lang, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(
    new Date(instant),
  );

/** A duration (ms) in words: "45 s", "9 min", "9 h 40 min". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
