/** A status in words, with its icon and colour. */
import {
  emergencyStatuses,
  operatingModes,
  responseLevels,
  samuStatuses,
  stageStates,
  systemStatuses,
  type ItemKind,
} from '@vigie/shared';
import { useLang } from '../../i18n/useT.ts';
import { styleOf } from './statusStyle.ts';

const scales = {
  'response-level': responseLevels,
  'operating-mode': operatingModes,
  emergency: emergencyStatuses,
  system: systemStatuses,
  samu: samuStatuses,
  stage: stageStates,
} as const;

export function StatusBadge({ kind, status, suffix }: { kind: ItemKind; status: string; suffix?: string }) {
  const lang = useLang();
  const [tone, icon] = styleOf(kind, status as never);
  const label = (scales[kind].label as (id: string, l: 'fr' | 'en') => string)(status, lang);
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
