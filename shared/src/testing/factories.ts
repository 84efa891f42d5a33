/** Test factories: a small registry and events built with overrides. */
import type { Actor } from '../actor.ts';
import type { LogEvent } from '../events.ts';
import type { LogMeta } from '../reducer.ts';
import { actions, type Abilities, type Role, type SessionInfo } from '../access.ts';
import type { Hospital, Registry } from '../registry.ts';

export function buildActor(overrides: Partial<Actor> = {}): Actor {
  return { kind: 'person', id: 'alice', name: 'Alice Martin', ...overrides };
}

export function buildRegistry(overrides: Partial<Registry> = {}): Registry {
  const site = (id: string) => ({
    id,
    name: `Site ${id}`,
    address: null,
    postcode: null,
    commune: null,
    departement: '75',
    lat: 48.85,
    lon: 2.35,
    coordQuality: 'test',
    closed: null,
  });
  return {
    version: 'test-1',
    name: 'Test group',
    provenance: { source: 'factory', derivedBy: 'buildRegistry', notes: [] },
    ghus: [{ id: 'centre', label: 'Centre' }],
    hospitals: [
      {
        id: 'h1',
        name: 'Hôpital Un',
        shortName: 'Un',
        ghuId: 'centre',
        outsideIleDeFrance: false,
        sites: [site('h1')],
        note: null,
      },
      {
        id: 'h2',
        name: 'Hôpital Deux',
        shortName: 'Deux',
        ghuId: null,
        outsideIleDeFrance: false,
        sites: [site('h2')],
        note: null,
      },
    ],
    emergencyDepartments: [
      { id: 'h1-adulte', hospitalId: 'h1', siteId: 'h1', kind: 'adulte', confirmation: 'confirme' },
      { id: 'h2-adulte', hospitalId: 'h2', siteId: 'h2', kind: 'adulte', confirmation: 'non-verifie' },
    ],
    samu: [{ id: 'samu-75', name: 'SAMU de Paris', hospitalId: 'h1', siteId: 'h1' }],
    systems: [
      {
        id: 'dpi',
        name: { fr: 'DPI', en: 'Record' },
        shortName: { fr: 'DPI', en: 'EHR' },
        hosting: 'datacenter',
        stage: 'applications-medicales',
        restorationOrder: 3,
      },
      {
        id: 'reseau',
        name: { fr: 'Réseau', en: 'Network' },
        shortName: { fr: 'Réseau', en: 'Network' },
        hosting: 'liaison',
        stage: 'reseau',
        restorationOrder: 1,
      },
    ],
    ...overrides,
  };
}

/** A hospital as the registry spells it, its first site bearing its id. */
export function buildHospital(id: string, shortName: string, name: string, siteNames: string[] = [name]): Hospital {
  const base = buildRegistry().hospitals[0]!;
  const site = base.sites[0]!;
  return {
    ...base,
    id,
    shortName,
    name,
    sites: siteNames.map((siteName, i) => ({ ...site, id: i === 0 ? id : `${id}-${i}`, name: siteName })),
  };
}

export function buildMeta(overrides: Partial<LogMeta> = {}): LogMeta {
  return {
    logId: 'log-1',
    epoch: 1,
    demo: false,
    registryVersion: 'test-1',
    createdAt: '2024-08-03T08:00:00.000Z',
    ...overrides,
  };
}

type Body = Pick<LogEvent, 'type' | 'data'>;

/** Numbers events from `firstSeq`, one minute apart, by `by`. */
export function buildEvents(
  bodies: Body[],
  options: { firstSeq?: number; by?: Actor; start?: string } = {},
): LogEvent[] {
  const start = Date.parse(options.start ?? '2024-08-03T09:00:00.000Z');
  return bodies.map(
    (b, i) =>
      ({
        ...b,
        seq: (options.firstSeq ?? 1) + i,
        by: options.by ?? buildActor(),
        recordedAt: new Date(start + i * 60_000).toISOString(),
        commandId: `cmd-${(options.firstSeq ?? 1) + i}`,
      }) as LogEvent,
  );
}

type EntryData = Extract<LogEvent, { type: 'log.entry-added' }>['data'];

/** A main-courante entry's event body: a decision with `text`, unverified, no owner or times unless overridden. */
export function buildLogEntry(text: string, overrides: Partial<EntryData> = {}): Body {
  return {
    type: 'log.entry-added',
    data: { type: 'decision', text, verification: null, owner: null, dueAt: null, effectiveAt: null, ...overrides },
  };
}

export const openedData = {
  type: 'sse-numerique',
  title: 'Panne',
  startedAt: '2024-08-03T09:00:00.000Z',
  cause: 'indeterminee',
  causeNote: null,
  phase: 'alerte',
  powerRestoredAt: null,
  patientImpact: null,
  clock: null,
} as const;

export const statementFields = {
  cause: 'Cause technique.',
  powerCut: 'Environ 3 heures.',
  expectedReturn: 'Dimanche matin.',
  patientImpact: 'Aucun.',
  samu: 'Non affectés.',
  emergencies: 'Ouvertes.',
  systems: 'En cours.',
  body: '',
  nextPointAt: null,
};

/**
 * What the server's policy gives each role over the whole group (server/src/policies/abilities.test.ts
 * checks these against the policy), for screens' tests that need a signed-in person.
 */
export const abilitiesByRole: Record<Role | 'anonymous', Abilities> = {
  anonymous: { actions: ['history:read'], hospitals: [], group: false },
  viewer: { actions: ['history:read'], hospitals: [], group: false },
  commander: {
    actions: ['read:staff', 'status:write', 'log:write', 'statement:draft', 'history:read'],
    hospitals: 'all',
    group: true,
  },
  lead: { actions: actions.filter((a) => a !== 'access:manage'), hospitals: 'all', group: true },
  admin: { actions: ['history:read', 'audit:read', 'access:manage'], hospitals: [], group: false },
};

/** A connection's session info; its abilities are those of its roles unless given. */
export function buildSessionInfo(overrides: Partial<SessionInfo> = {}): SessionInfo {
  const kind = overrides.kind ?? 'person';
  const roles = overrides.roles ?? (kind === 'anonymous' ? [] : ['commander']);
  const granted = roles.length === 0 ? [abilitiesByRole.anonymous] : roles.map((r) => abilitiesByRole[r]);
  const abilities: Abilities = {
    actions: actions.filter((a) => granted.some((g) => g.actions.includes(a))),
    hospitals: granted.some((g) => g.hospitals === 'all') ? 'all' : [...new Set(granted.flatMap((g) => g.hospitals))],
    group: granted.some((g) => g.group),
  };
  return {
    kind,
    id: kind === 'anonymous' ? null : 'p1',
    name: kind === 'anonymous' ? null : 'Claire Martin',
    roles,
    scope: null,
    openRead: false,
    abilities,
    ...overrides,
  };
}
