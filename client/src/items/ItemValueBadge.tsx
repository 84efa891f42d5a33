/** A tracked value as a status badge (icon, colour, words), with the délestage target in words. */
import type { Registry } from '@vigie/shared';
import { StatusBadge } from './StatusBadge.tsx';
import { siteName, type KnownValue } from './itemWords.ts';

export function ItemValueBadge({ value, registry }: { value: KnownValue; registry: Registry }) {
  if (value.kind === 'emergency') {
    const target = value.value.targetSiteId;
    return (
      <StatusBadge
        kind="emergency"
        status={value.value.status}
        suffix={target ? siteName(registry, target) : undefined}
      />
    );
  }
  return <StatusBadge kind={value.kind} status={value.value} />;
}
