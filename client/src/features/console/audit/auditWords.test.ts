import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@vigie/shared';
import { buildActor, buildRegistry, openedData } from '@vigie/shared/testing';
import { describeEntry, filterAuditLines, groupByCommand, presentAuditLines } from './auditWords.ts';

const registry = buildRegistry();

function buildEntry(overrides: Partial<AuditEntry> & Pick<AuditEntry, 'type' | 'data'>): AuditEntry {
  return {
    seq: 1,
    by: buildActor(),
    recordedAt: '2024-08-03T09:00:00.000Z',
    commandId: 'cmd-1',
    origin: { sessionId: null, address: null },
    ...overrides,
  };
}

describe('describeEntry', () => {
  it('says a revised estimate with its reason, and when it took effect if not when recorded', () => {
    const entry = buildEntry({
      type: 'eta.revised',
      data: {
        label: 'dimanche matin',
        targetAt: null,
        reason: 'restauration plus longue',
        effectiveAt: '2024-08-03T08:30:00.000Z',
      },
    });
    expect(describeEntry(entry, registry, 'fr')).toBe(
      'Retour à la normale estimé révisé : dimanche matin — motif : restauration plus longue (effectif sam. 10:30)',
    );
  });

  it('says which incident fields changed, in the scale words', () => {
    const entry = buildEntry({
      type: 'incident.updated',
      data: { phase: 'endiguement', cause: 'cyber-suspectee', patientImpact: null },
    });
    expect(describeEntry(entry, registry, 'fr')).toBe(
      'Incident mis à jour : phase Endiguement ; cause Cyber – suspectée ; impact pour les patients « non renseigné »',
    );
    expect(describeEntry(buildEntry({ type: 'incident.opened', data: openedData }), registry, 'en')).toBe(
      'Incident opened: Panne (Exceptional health situation – IT incident)',
    );
  });

  it('says a machine write ignored because a person holds the value, and a value handed back', () => {
    const ignored = buildEntry({
      type: 'value.ignored',
      data: {
        item: { kind: 'samu', id: 'samu-75', value: 'degrade' },
        effectiveAt: null,
        heldBy: buildActor({ name: 'Bob Durand' }),
      },
    });
    expect(describeEntry(ignored, registry, 'fr')).toBe(
      'SAMU de Paris : Dégradé — ignorée, valeur tenue par Bob Durand',
    );
    const released = buildEntry({ type: 'value.released', data: { item: { kind: 'response-level', id: 'h2' } } });
    expect(describeEntry(released, registry, 'fr')).toBe('Deux – Niveau de réponse : rendue à l’automatique');
  });

  it('says so instead of guessing when an event’s data does not match its type', () => {
    const entry = buildEntry({ type: 'statement.published', data: { id: 'st-1' } });
    expect(describeEntry(entry, registry, 'fr')).toBe('Action illisible (statement.published)');
  });
});

describe('presentAuditLines', () => {
  it('counts a command’s lines, keeps them together and lets the text filter find them by that mark', () => {
    const set = (seq: number, commandId: string) =>
      buildEntry({
        seq,
        commandId,
        type: 'value.set',
        data: { item: { kind: 'operating-mode', id: 'h1', value: 'normal' }, effectiveAt: null, hold: true },
      });
    const lines = presentAuditLines([set(3, 'solo'), set(2, 'bulk'), set(1, 'bulk')], registry, 'fr');
    expect(lines.map((l) => l.commandSize)).toEqual([1, 2, 2]);
    expect(groupByCommand(lines).map((run) => run.length)).toEqual([1, 2]);
    expect(filterAuditLines(lines, { kind: null, text: 'groupee' }).map((l) => l.seq)).toEqual([2, 1]);
    expect(filterAuditLines(lines, { kind: 'log', text: '' })).toEqual([]);
  });
});
