/**
 * Instants to and from the wall-clock value of a `datetime-local` input, read as Europe/Paris time
 * whatever the device's own zone (the crisis cell speaks Paris time).
 */
const ZONE = 'Europe/Paris';
const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
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

/** How far Paris wall-clock time is ahead of UTC at an instant, in milliseconds. */
function parisOffset(epochMs: number): number {
  const p = parisParts(epochMs);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

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
  const guess = asUtc - parisOffset(asUtc);
  return new Date(asUtc - parisOffset(guess)).toISOString();
}
