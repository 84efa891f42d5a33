/** Who set a tracked value, when it took effect, when it was entered if backdated; who holds it. */
import type { Tracked } from '@vigie/shared';
import { useStoreSelector } from '../../app/useStoreSelector.ts';
import { format } from '../../i18n/messages.ts';
import { formatDayTime } from '../../i18n/time.ts';
import { useLang } from '../../i18n/useT.ts';
import { selectClock } from '../../store/selectors.ts';
import { enteredAt } from '../status/enteredAt.ts';
import { Provenance } from '../status/Provenance.tsx';
import { messages } from './messages.ts';

export function ItemProvenance({ tracked }: { tracked: Tracked<unknown> }) {
  const lang = useLang();
  const clock = useStoreSelector(selectClock);
  const m = messages[lang];
  // Version 0 is the registry's starting value: nobody set it during the incident.
  if (tracked.version === 0) return <span className="item-provenance">{m.initialValue}</span>;
  const entered = enteredAt(tracked, clock);
  return (
    <span className="item-provenance">
      <Provenance by={tracked.by} at={tracked.effectiveAt ?? tracked.recordedAt} />
      {entered && <>, {format(m.recorded, { time: formatDayTime(entered, lang) })}</>}
      {tracked.heldBy && (
        <span className="item-provenance__held"> · {format(m.heldBy, { who: tracked.heldBy.name })}</span>
      )}
    </span>
  );
}
