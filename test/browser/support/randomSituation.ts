/**
 * Random situations a real incident may reach, for the wall's layout property: any mix of modes
 * across the registry's hospitals (or none reported), emergencies and SAMU in any state or not
 * reported, texts at the schema's limits (with unbreakable tokens), up to 50 estimate revisions,
 * the longest point de situation, and either language. Played through the real command path.
 */
import fc from 'fast-check';
import {
  emergencyStatuses,
  MAX_LINE,
  MAX_SHORT_TEXT,
  MAX_TEXT,
  operatingModes,
  PROJECTION_LIST_ENTRIES,
  responseLevels,
  samuStatuses,
  systemStatuses,
  type BulkChange,
  type ItemWrite,
  type Registry,
} from '@vigie/shared';
import { buildPrincipal, type TestServer } from '@vigie/server/testing';

const HOUR = 3_600_000;
const WORDS = [
  'Rétablissement',
  'applications',
  'administratives',
  'Pitié-Salpêtrière',
  'procédures',
  'dégradées',
  'urgences',
  'ouvertes',
  'messagerie',
  'téléphonie',
  'hébergeur',
  'vérification',
  'Saint-Vincent-de-Paul',
  'redéploiement',
  'et',
  'la',
  'du',
  'https://intranet.groupe-hospitalier.example/crise/points-de-situation/2024-08-04/version-definitive',
];

/** A text of at most `max` characters: often at the limit, sometimes short. */
const text = (max: number) =>
  fc.oneof(
    {
      weight: 2,
      arbitrary: fc
        .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 })
        .map((w) => w.join(' ').slice(0, max)),
    },
    {
      weight: 3,
      arbitrary: fc.shuffledSubarray(WORDS, { minLength: WORDS.length }).map((w) => {
        let s = '';
        while (s.length < max) s += `${w[s.length % w.length]!} `;
        return s.slice(0, max).trim();
      }),
    },
  );

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });

export interface RandomSituation {
  lang: 'fr' | 'en';
  title: string;
  causeNote: string;
  /** Per hospital, in registry order: a mode, or null when nobody reports one. */
  modes: ((typeof operatingModes.ids)[number] | null)[];
  levels: ((typeof responseLevels.ids)[number] | null)[];
  emergencies: ((typeof emergencyStatuses.ids)[number] | null)[];
  samu: ((typeof samuStatuses.ids)[number] | null)[];
  systems: ((typeof systemStatuses.ids)[number] | null)[];
  eta: { label: string; reason: string; targetInHours: number | null }[];
  point: { fields: Record<string, string>; body: string; nextPointInHours: number | null } | null;
  entry: string | null;
}

export function randomSituation(registry: Registry): fc.Arbitrary<RandomSituation> {
  const each = <T>(n: number, arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: n, maxLength: n });
  // Whole-registry patterns as well as noise: everything unreported, everything in one mode.
  const perHospital = <T>(ids: readonly T[]) =>
    fc.oneof(
      each(registry.hospitals.length, maybe(fc.constantFrom(...ids))),
      fc.constantFrom(...ids, null).map((v) => registry.hospitals.map(() => v)),
    );
  return fc.record({
    lang: fc.constantFrom('fr' as const, 'en' as const),
    title: text(MAX_SHORT_TEXT),
    causeNote: text(MAX_SHORT_TEXT),
    modes: perHospital(operatingModes.ids),
    levels: perHospital(responseLevels.ids),
    emergencies: each(registry.emergencyDepartments.length, maybe(fc.constantFrom(...emergencyStatuses.ids))),
    samu: each(registry.samu.length, maybe(fc.constantFrom(...samuStatuses.ids))),
    systems: fc.oneof(
      fc.constant(null).map(() => [] as RandomSituation['systems']),
      each(registry.hospitals.length * registry.systems.length, maybe(fc.constantFrom(...systemStatuses.ids))),
    ),
    eta: fc.array(
      fc.record({
        label: text(MAX_SHORT_TEXT),
        reason: text(MAX_SHORT_TEXT),
        targetInHours: maybe(fc.integer({ min: -40, max: 400 })),
      }),
      { maxLength: PROJECTION_LIST_ENTRIES },
    ),
    point: maybe(
      fc.record({
        fields: fc.record({
          cause: text(MAX_LINE),
          powerCut: text(MAX_LINE),
          expectedReturn: text(MAX_LINE),
          patientImpact: text(MAX_LINE),
          samu: text(MAX_LINE),
          emergencies: text(MAX_LINE),
          systems: text(MAX_LINE),
        }),
        body: text(MAX_TEXT),
        nextPointInHours: maybe(fc.integer({ min: -40, max: 40 })),
      }),
    ),
    entry: maybe(text(MAX_TEXT)),
  });
}

/** Plays a random situation on a fresh server, as the incident lead, through the command path. */
export async function playSituation(server: TestServer, registry: Registry, s: RandomSituation): Promise<void> {
  const request = { principal: buildPrincipal('lead'), origin: { sessionId: null, address: null } };
  let n = 0;
  const submit = async (name: string, input: Record<string, unknown>) => {
    const reply = await server.app.log.submit(name, { idempotencyKey: `random-${++n}-key`, ...input }, request);
    if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
    return reply.data as { statementId?: string };
  };
  const now = Date.now();
  const at = (hours: number) => new Date(now + hours * HOUR).toISOString();
  await submit('incident:open', { type: 'sse-numerique', title: s.title, cause: 'technique', startedAt: at(-45) });
  await submit('incident:update', { fields: { causeNote: s.causeNote } });

  const writes: ItemWrite[] = [];
  registry.hospitals.forEach((h, i) => {
    const mode = s.modes[i];
    const level = s.levels[i];
    if (mode) writes.push({ kind: 'operating-mode', id: h.id, value: mode });
    if (level) writes.push({ kind: 'response-level', id: h.id, value: level });
  });
  const sites = registry.hospitals.flatMap((h) => h.sites.map((site) => ({ hospitalId: h.id, siteId: site.id })));
  registry.emergencyDepartments.forEach((d, i) => {
    const status = s.emergencies[i];
    if (!status) return;
    const target = status === 'delestage' ? sites.find((x) => x.hospitalId !== d.hospitalId)!.siteId : null;
    writes.push({
      kind: 'emergency',
      id: d.id,
      value: { status, targetSiteId: target, nextReviewAt: null, note: null },
    });
  });
  registry.samu.forEach((u, i) => {
    const status = s.samu[i];
    if (status) writes.push({ kind: 'samu', id: u.id, value: status });
  });
  registry.hospitals
    .flatMap((h) => registry.systems.map((sys) => `${h.id}:${sys.id}`))
    .forEach((id, i) => {
      const status = s.systems[i];
      if (status) writes.push({ kind: 'system', id, value: status });
    });
  const changes: BulkChange[] = writes.map((item) => ({
    item,
    expectedVersion: server.app.log.situation.items[item.kind][item.id]!.version,
  }));
  for (let i = 0; i < changes.length; i += 300) await submit('items:set', { changes: changes.slice(i, i + 300) });

  for (const r of s.eta)
    await submit('eta:revise', {
      label: r.label,
      reason: r.reason,
      targetAt: r.targetInHours === null ? null : at(r.targetInHours),
    });
  if (s.point) {
    const fields = {
      ...s.point.fields,
      body: s.point.body,
      nextPointAt: s.point.nextPointInHours === null ? null : at(s.point.nextPointInHours),
    };
    const { statementId } = await submit('statement:draft', { fields });
    await submit('statement:publish', { statementId });
  }
  if (s.entry) await submit('log:add-entry', { type: 'information', text: s.entry, verification: 'a-verifier' });
}
