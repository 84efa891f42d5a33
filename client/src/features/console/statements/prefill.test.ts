import { applyEvent, initialSituation, type ItemWrite, type LogEvent, type Registry } from '@vigie/shared';
import { buildEvents, buildMeta, buildRegistry, openedData } from '@vigie/shared/testing';
import { describe, expect, it } from 'vitest';
import { prefillStatement, proposedNextPoint } from './prefill.ts';

type Body = Pick<LogEvent, 'type' | 'data'>;

/** 11:20 in Paris (09:20 UTC), Saturday 3 August 2024. */
const NOW = Date.parse('2024-08-03T09:20:00.000Z');

const opened: Body = { type: 'incident.opened', data: openedData };
const set = (item: ItemWrite): Body => ({
  type: 'value.set',
  data: { item, effectiveAt: null, hold: true },
});

/** Four SAMU, both emergency departments confirmed. */
function registryOfFour(): Registry {
  const base = buildRegistry();
  const samu = (id: string, name: string) => ({ id, name, hospitalId: 'h1', siteId: 'h1' });
  return buildRegistry({
    samu: [
      samu('samu-75', 'SAMU de Paris'),
      samu('samu-92', 'SAMU 92'),
      samu('samu-93', 'SAMU 93'),
      samu('samu-94', 'SAMU 94'),
    ],
    emergencyDepartments: base.emergencyDepartments.map((d) => ({ ...d, confirmation: 'confirme' as const })),
  });
}

/** The four SAMU confirmed opérationnel (a registry default is nobody's word: it reads "non renseigné"). */
const samuConfirmed = ['samu-75', 'samu-92', 'samu-93', 'samu-94'].map((id) =>
  set({ kind: 'samu', id, value: 'operationnel' }),
);
const openDepartment = (id: string) =>
  set({
    kind: 'emergency',
    id,
    value: { status: 'ouvertes-normal', targetSiteId: null, nextReviewAt: null, note: null },
  });

function prefill(bodies: Body[], options: { registry?: Registry; lang?: 'fr' | 'en' } = {}) {
  const registry = options.registry ?? registryOfFour();
  const state = buildEvents(bodies).reduce(applyEvent, initialSituation(registry, buildMeta()));
  return prefillStatement(state, registry, NOW, options.lang);
}

describe('prefillStatement', () => {
  it('gives the cause in words with the lead’s sentence after it', () => {
    const fields = prefill([
      opened,
      {
        type: 'incident.updated',
        data: { cause: 'technique', causeNote: 'sans lien avec une attaque cyber ou un sabotage' },
      },
    ]);
    expect(fields.cause).toBe('Technique – sans lien avec une attaque cyber ou un sabotage');
  });

  it('gives the cause alone when the lead wrote no sentence', () => {
    expect(prefill([opened]).cause).toBe('Indéterminée – en cours de qualification');
  });

  it('says the power cut is ongoing until its restoration is recorded, in Paris time', () => {
    expect(prefill([opened]).powerCut).toBe('Survenue samedi 3 août à 11:00 ; électricité pas encore rétablie.');
  });

  it('says when power came back and how long the cut lasted', () => {
    const fields = prefill([
      opened,
      { type: 'incident.updated', data: { powerRestoredAt: '2024-08-03T12:15:00.000Z' } },
    ]);
    expect(fields.powerCut).toBe('Survenue samedi 3 août à 11:00, électricité rétablie à 14:15 (durée : 3 h 15 min).');
  });

  it('names the day of the restoration when it came back on another day', () => {
    const fields = prefill([
      opened,
      { type: 'incident.updated', data: { powerRestoredAt: '2024-08-04T00:30:00.000Z' } },
    ]);
    expect(fields.powerCut).toBe(
      'Survenue samedi 3 août à 11:00, électricité rétablie dimanche 4 août à 02:30 (durée : 15 h 30 min).',
    );
  });

  it('says there is no estimate before the first one', () => {
    expect(prefill([opened]).expectedReturn).toBe('Pas encore d’estimation.');
  });

  it('takes the expected return from the latest revision and recalls what was first announced', () => {
    const revise = (label: string, targetAt: string | null): Body => ({
      type: 'eta.revised',
      data: { label, targetAt, reason: 'réseau plus long que prévu', effectiveAt: null },
    });
    expect(prefill([opened, revise('dimanche matin', null)]).expectedReturn).toBe('dimanche matin');
    const fields = prefill([
      opened,
      revise('dimanche matin', null),
      revise('dimanche fin d’après-midi', '2024-08-04T16:00:00.000Z'),
    ]);
    expect(fields.expectedReturn).toBe(
      'dimanche fin d’après-midi (heure visée : dimanche 4 août à 18:00) ; annoncé initialement : dimanche matin',
    );
  });

  it('takes the patient impact from the incident, empty while nobody wrote it', () => {
    expect(prefill([opened]).patientImpact).toBe('');
    const fields = prefill([
      opened,
      { type: 'incident.updated', data: { patientImpact: 'Aucun transfert de patient, sécurité des soins assurée.' } },
    ]);
    expect(fields.patientImpact).toBe('Aucun transfert de patient, sécurité des soins assurée.');
  });

  it('says the SAMU are not affected when all four were confirmed and stayed opérationnel', () => {
    expect(prefill([opened, ...samuConfirmed]).samu).toBe('SAMU – Centre 15 : non affectés, fonctionnement normal');
  });

  it('never calls SAMU nobody reported on "non affectés"', () => {
    expect(prefill([opened, ...samuConfirmed.slice(1)]).samu).toBe(
      'SAMU – Centre 15 : SAMU de Paris (non renseigné) ; les autres fonctionnent normalement',
    );
  });

  it('names the SAMU that are not opérationnel, and says the others work normally', () => {
    const fields = prefill([opened, ...samuConfirmed, set({ kind: 'samu', id: 'samu-92', value: 'degrade' })]);
    expect(fields.samu).toBe('SAMU – Centre 15 : SAMU 92 (dégradé) ; les autres fonctionnent normalement');
  });

  it('names every SAMU when none is opérationnel', () => {
    const registry = buildRegistry();
    const fields = prefill([opened, set({ kind: 'samu', id: 'samu-75', value: 'indisponible' })], { registry });
    expect(fields.samu).toBe('SAMU – Centre 15 : SAMU de Paris (indisponible)');
  });

  it('does not call SAMU affected during the incident "non affectés" once they are back', () => {
    const fields = prefill([
      opened,
      ...samuConfirmed,
      set({ kind: 'samu', id: 'samu-93', value: 'indisponible' }),
      set({ kind: 'samu', id: 'samu-93', value: 'operationnel' }),
    ]);
    expect(fields.samu).toBe('SAMU – Centre 15 : fonctionnement normal (affectés pendant l’incident : SAMU 93)');
  });

  it('counts open emergency departments and names those in délestage with their target and review time', () => {
    const fields = prefill([
      opened,
      openDepartment('h2-adulte'),
      set({
        kind: 'emergency',
        id: 'h1-adulte',
        value: {
          status: 'delestage',
          targetSiteId: 'h2',
          nextReviewAt: '2024-08-03T12:00:00.000Z',
          note: 'urgences vitales maintenues',
        },
      }),
    ]);
    expect(fields.emergencies).toBe(
      'Urgences ouvertes : 1 sur 2 ; délestage : Un (urgences adultes) vers Site h2 (réévaluation à 14:00, urgences vitales maintenues).',
    );
  });

  it('counts the departments nobody reported on apart, and names those closed', () => {
    const fields = prefill(
      [
        opened,
        set({
          kind: 'emergency',
          id: 'h1-adulte',
          value: { status: 'fermees', targetSiteId: null, nextReviewAt: null, note: null },
        }),
      ],
      { registry: buildRegistry() },
    );
    // h2's department is not verified and nobody spoke of it: not informed, never counted open.
    expect(fields.emergencies).toBe(
      'Urgences ouvertes : 0 sur 2 ; 1 non renseignées ; fermées temporairement : Un (urgences adultes).',
    );
  });

  it('says all emergency departments are open when they are', () => {
    expect(prefill([opened, openDepartment('h1-adulte'), openDepartment('h2-adulte')]).emergencies).toBe(
      'Urgences ouvertes : 2 sur 2.',
    );
    expect(prefill([opened]).emergencies).toBe('Urgences ouvertes : 0 sur 2 ; 2 non renseignées.');
  });

  it('says no system was affected before any was', () => {
    expect(prefill([opened]).systems).toBe('Aucun système d’information affecté.');
  });

  it('counts systems back among those affected and names the ones still down, with where', () => {
    const fields = prefill([
      opened,
      set({ kind: 'system', id: 'h1:dpi', value: 'indisponible' }),
      set({ kind: 'system', id: 'h2:dpi', value: 'isole' }),
      set({ kind: 'system', id: 'h2:reseau', value: 'indisponible' }),
      set({ kind: 'system', id: 'h2:reseau', value: 'retabli-sous-surveillance' }),
      set({ kind: 'system', id: 'h1:reseau', value: 'degrade' }),
    ]);
    expect(fields.systems).toBe(
      'Systèmes rétablis 1 / 4 affectés ; encore affectés : DPI (tous les hôpitaux), Réseau (Un).',
    );
  });

  it('says every affected system is back once they are', () => {
    const fields = prefill([
      opened,
      set({ kind: 'system', id: 'h1:dpi', value: 'indisponible' }),
      set({ kind: 'system', id: 'h1:dpi', value: 'operationnel' }),
    ]);
    expect(fields.systems).toBe('Systèmes rétablis 1 / 1 affectés : tous rétablis.');
  });

  it('counts the hospitals rather than naming them when a system is down in many', () => {
    const base = buildRegistry();
    const hospitals = Array.from({ length: 7 }, (_, i) => ({
      ...base.hospitals[0]!,
      id: `x${i}`,
      shortName: `X${i}`,
      sites: [{ ...base.hospitals[0]!.sites[0]!, id: `x${i}` }],
    }));
    const registry = buildRegistry({ hospitals, emergencyDepartments: [] });
    const fields = prefill(
      [opened, ...hospitals.slice(0, 6).map((h) => set({ kind: 'system', id: `${h.id}:dpi`, value: 'indisponible' }))],
      { registry },
    );
    expect(fields.systems).toBe('Systèmes rétablis 0 / 6 affectés ; encore affectés : DPI (6 hôpitaux).');
  });

  it('sums up the phase, plan blanc, hospitals in degraded mode and the stage in progress', () => {
    const fields = prefill([
      opened,
      { type: 'incident.updated', data: { phase: 'retablissement' } },
      set({ kind: 'response-level', id: 'h1', value: 'niveau-2' }),
      set({ kind: 'operating-mode', id: 'h1', value: 'procedures-degradees' }),
      set({ kind: 'stage', id: 'reseau', value: 'en-cours' }),
    ]);
    expect(fields.body).toBe(
      'Phase : Rétablissement. Plan blanc déclenché : Un. 1 hôpital sur 2 en mode dégradé. Étape de rétablissement en cours : Réseau.',
    );
  });

  it('says all hospitals work normally when none is in degraded mode', () => {
    expect(prefill([opened]).body).toBe('Phase : Alerte. Tous les hôpitaux fonctionnent normalement.');
  });

  it('proposes the next point at the next full hour plus one hour', () => {
    expect(prefill([opened]).nextPointAt).toBe('2024-08-03T11:00:00.000Z');
    expect(proposedNextPoint(Date.parse('2024-08-03T09:00:00.000Z'))).toBe('2024-08-03T11:00:00.000Z');
    expect(proposedNextPoint(Date.parse('2024-08-03T22:59:59.000Z'))).toBe('2024-08-04T00:00:00.000Z');
  });

  it('leaves the incident’s lines empty when there is no incident', () => {
    const fields = prefill([]);
    expect(fields.cause).toBe('');
    expect(fields.powerCut).toBe('');
    expect(fields.body).toBe('Tous les hôpitaux fonctionnent normalement.');
  });

  it('writes the same lines in English on request', () => {
    const fields = prefill([opened, ...samuConfirmed, set({ kind: 'samu', id: 'samu-92', value: 'degrade' })], {
      lang: 'en',
    });
    expect(fields.powerCut).toBe('Started Saturday 3 August at 11:00; power not yet restored.');
    expect(fields.samu).toBe('SAMU – Centre 15: SAMU 92 (Degraded); the others operate normally');
  });
});
