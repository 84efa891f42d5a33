/** "mis à jour 11:02 par Claire Martin (personne)": who set a value, when, from which source. */
import { actorKinds, type Actor } from '@vigie/shared';
import { format } from '../../i18n/messages.ts';
import { formatDayTime } from '../../i18n/time.ts';
import { useLang, useT } from '../../i18n/useT.ts';

export function Provenance({ by, at }: { by: Actor; at: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <span className="provenance">
      {by.kind === 'person'
        ? format(t.updated, {
            time: formatDayTime(at, lang),
            who: by.name,
            source: actorKinds.label(by.kind, lang),
          })
        : format(t.updatedBy, { time: formatDayTime(at, lang), source: actorKinds.label(by.kind, lang) })}
    </span>
  );
}
