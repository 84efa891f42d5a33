/** "depuis sam. 11:02 (9 h 40 min)": when a group of hospitals left normal operation, and how long ago. */
import { ms } from '@vigie/shared';
import { format } from '../i18n/messages.ts';
import { formatDayTime, formatDuration } from '../time/parisTime.ts';
import { useLang, useT } from '../i18n/useT.ts';

export function DegradedSince({ since, now }: { since: string; now: number }) {
  const t = useT();
  const lang = useLang();
  return (
    <span className="since">
      {' '}
      {format(t.degradedSince, { time: formatDayTime(since, lang), duration: formatDuration(now - ms(since)) })}
    </span>
  );
}
