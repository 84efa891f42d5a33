/** Tracked items and their values in words, from the registry and the shared scales (never spelled here). */
import {
  allSites,
  emergencyKinds,
  itemValueSchemas,
  statusLabel,
  recoveryStages,
  type EmergencyKind,
  type ItemKind,
  type ItemRef,
  type ItemValue,
  type Registry,
} from '@vigie/shared';
import { format } from '../i18n/messages.ts';
import type { Lang } from '../store/vigieStore.ts';
import { messages } from './messages.ts';

/** A value checked against its kind's schema (values from the wire are never trusted blindly). */
export type KnownValue = { [K in ItemKind]: { kind: K; value: ItemValue<K> } }[ItemKind];

export function parseItemValue(kind: ItemKind, value: unknown): KnownValue | null {
  const parsed = itemValueSchemas[kind].safeParse(value);
  return parsed.success ? ({ kind, value: parsed.data } as KnownValue) : null;
}

/** The status id a value shows as (an emergency value's status, else the value itself). */
export const statusOf = (v: KnownValue): string => (v.kind === 'emergency' ? v.value.status : v.value);

/** The name of a site anywhere in the registry (a délestage target), or its id if unknown. */
export const siteName = (registry: Registry, siteId: string) =>
  allSites(registry).find(({ site }) => site.id === siteId)?.site.name ?? siteId;

/** "Délestage vers Hôpital Deux", "Indisponible": a value in words. */
export function valueWords(v: KnownValue, registry: Registry, lang: Lang): string {
  const label = statusLabel(v.kind, statusOf(v), lang);
  if (v.kind === 'emergency' && v.value.targetSiteId) return `${label} ${siteName(registry, v.value.targetSiteId)}`;
  return label;
}

/** "Urgences adultes" / "Adult emergency department". */
export function emergencyName(kind: EmergencyKind, lang: Lang) {
  const label = emergencyKinds.label(kind, lang);
  return format(messages[lang].emergencyOf, { kind: lang === 'fr' ? label.toLowerCase() : label });
}

/** "Cochin – DPI ORBIS", "Cochin – Niveau de réponse", "SAMU de Paris": which item, in words. */
export function itemName(ref: ItemRef, registry: Registry, lang: Lang): string {
  const m = messages[lang];
  const hospital = (id: string) => registry.hospitals.find((h) => h.id === id)?.shortName ?? id;
  switch (ref.kind) {
    case 'response-level':
      return `${hospital(ref.id)} – ${m.responseLevel}`;
    case 'operating-mode':
      return `${hospital(ref.id)} – ${m.operatingMode}`;
    case 'emergency': {
      const department = registry.emergencyDepartments.find((e) => e.id === ref.id);
      return department ? `${hospital(department.hospitalId)} – ${emergencyName(department.kind, lang)}` : ref.id;
    }
    case 'system': {
      const [hospitalId = '', systemId = ''] = ref.id.split(':');
      const system = registry.systems.find((s) => s.id === systemId);
      return `${hospital(hospitalId)} – ${system ? system.shortName[lang] : systemId}`;
    }
    case 'samu':
      return registry.samu.find((s) => s.id === ref.id)?.name ?? ref.id;
    case 'stage': {
      const stage = recoveryStages.ids.find((id) => id === ref.id);
      return `${m.stage} – ${stage ? recoveryStages.label(stage, lang) : ref.id}`;
    }
  }
}
