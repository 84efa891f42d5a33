/** Who set a tracked value, when it took effect, when it was entered if backdated, if it went unconfirmed; who holds it. */
import { unconfirmedFor, type ItemKind, type Tracked } from '@vigie/shared';
import { useEffectiveNow } from '../hooks/useEffectiveNow.ts';
import { useSituation } from '../hooks/useSituation.ts';
import { useStoreSelector } from '../hooks/useStoreSelector.ts';
import { format } from '../i18n/messages.ts';
import { formatDayTime, formatDuration } from '../time/parisTime.ts';
import { useLang, useT } from '../i18n/useT.ts';
import { selectClock } from '../store/selectors.ts';
import { enteredAt } from './enteredAt.ts';
import { Provenance } from './Provenance.tsx';
import { messages } from './messages.ts';

export function ItemProvenance({ tracked, kind }: { tracked: Tracked<unknown>; kind?: ItemKind }) {
  const lang = useLang();
  const t = useT();
  const clock = useStoreSelector(selectClock);
  const incident = useSituation()?.state.incident ?? null;
  const now = useEffectiveNow(30_000);
  const m = messages[lang];
  // Version 0 is the registry's starting value: nobody set it during the incident.
  if (tracked.version === 0) return <span className="item-provenance">{m.initialValue}</span>;
  const entered = enteredAt(tracked, clock);
  const unconfirmed = kind ? unconfirmedFor(kind, tracked, incident, now) : null;
  return (
    <span className="item-provenance">
      <Provenance by={tracked.by} at={tracked.effectiveAt ?? tracked.recordedAt} />
      {entered && <>, {format(m.recorded, { time: formatDayTime(entered, lang) })}</>}
      {unconfirmed !== null && (
        <span className="flag flag--unconfirmed" data-unconfirmed="">
          {' '}
          · <span aria-hidden="true">⌛ </span>
          {format(t.unconfirmedFor, { duration: formatDuration(unconfirmed) })}
        </span>
      )}
      {tracked.heldBy && (
        <span className="item-provenance__held"> · {format(m.heldBy, { who: tracked.heldBy.name })}</span>
      )}
    </span>
  );
}
