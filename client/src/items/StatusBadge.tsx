/** A status in words, with its icon and colour ("non renseigné" for a value nobody gave: see shownStatus). */
import type { ItemKind } from '@vigie/shared';
import { useLang } from '../i18n/useT.ts';
import { shownLabel } from './shownStatus.ts';
import { styleOf } from './statusStyle.ts';

export function StatusBadge({ kind, status, suffix }: { kind: ItemKind; status: string; suffix?: string }) {
  const lang = useLang();
  const [tone, icon] = styleOf(kind, status as never);
  const label = shownLabel(kind, status, lang);
  return (
    <span className={`status tone-${tone}`} data-status={status}>
      <span className="status__icon" aria-hidden="true">
        {icon}
      </span>{' '}
      {label}
      {suffix ? ` ${suffix}` : ''}
    </span>
  );
}
