/** Who set a tracked value, when, from which source; when it took effect if backdated; who holds it. */
import type { Tracked } from '@vigie/shared';
import { format } from '../../i18n/messages.ts';
import { formatDayTime } from '../../i18n/time.ts';
import { useLang } from '../../i18n/useT.ts';
import { Provenance } from '../status/Provenance.tsx';
import { messages } from './messages.ts';

export function ItemProvenance({ tracked }: { tracked: Tracked<unknown> }) {
  const lang = useLang();
  const m = messages[lang];
  // Version 0 is the registry's starting value: nobody set it during the incident.
  if (tracked.version === 0) return <span className="item-provenance">{m.initialValue}</span>;
  const backdated = tracked.effectiveAt !== null && tracked.effectiveAt !== tracked.recordedAt;
  return (
    <span className="item-provenance">
      <Provenance by={tracked.by} at={tracked.recordedAt} />
      {backdated && tracked.effectiveAt && (
        <>, {format(m.effective, { time: formatDayTime(tracked.effectiveAt, lang) })}</>
      )}
      {tracked.heldBy && (
        <span className="item-provenance__held"> · {format(m.heldBy, { who: tracked.heldBy.name })}</span>
      )}
    </span>
  );
}
