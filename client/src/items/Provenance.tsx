/** "mis à jour dim. 10:01 par Claire Martin (console)": who set a value, when (on the incident's clock), from where. */
import type { Actor } from '@vigie/shared';
import { format } from '../i18n/messages.ts';
import { formatDayTime } from '../time/parisTime.ts';
import { useLang, useT } from '../i18n/useT.ts';
import { actorLabel } from './actorLabel.ts';

export function Provenance({ by, at }: { by: Actor; at: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <span className="provenance" data-source={by.kind}>
      {format(t.updated, { time: formatDayTime(at, lang), who: actorLabel(by, lang) })}
    </span>
  );
}
