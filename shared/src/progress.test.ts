import { describe, expect, it } from 'vitest';
import type { LogEvent } from './events.ts';
import { recoveryProgress } from './progress.ts';
import { applyEvent, initialSituation } from './reducer.ts';
import type { SystemStatus } from './scales.ts';
import { buildEvents, buildMeta, buildRegistry, openedData } from './testing/factories.ts';

const registry = buildRegistry();
const set = (id: string, value: SystemStatus): Pick<LogEvent, 'type' | 'data'> => ({
  type: 'value.set',
  data: { item: { kind: 'system', id, value }, effectiveAt: null, hold: true },
});

// Each row: writes after the incident opens, then the expected overall figures and the medical-applications stage's.
const table: {
  name: string;
  writes: [string, SystemStatus][];
  overall: [number, number, number, number | null];
  medical: [number, number, number, number | null];
}[] = [
  { name: 'nothing affected', writes: [], overall: [0, 0, 0, null], medical: [0, 0, 0, null] },
  { name: 'one pair down', writes: [['h1:dpi', 'indisponible']], overall: [1, 0, 0, 0], medical: [1, 0, 0, 0] },
  {
    name: 'a pair down then restored under watch',
    writes: [
      ['h1:dpi', 'indisponible'],
      ['h1:dpi', 'retabli-sous-surveillance'],
    ],
    overall: [1, 1, 0, 1],
    medical: [1, 1, 0, 1],
  },
  {
    name: 'two down, one back operational',
    writes: [
      ['h1:dpi', 'indisponible'],
      ['h2:reseau', 'degrade'],
      ['h2:reseau', 'operationnel'],
    ],
    overall: [2, 1, 0, 0.5],
    medical: [1, 0, 0, 0],
  },
  {
    name: 'an unknown pair is counted apart and left out of the share',
    writes: [
      ['h1:dpi', 'indisponible'],
      ['h2:dpi', 'isole'],
      ['h2:dpi', 'inconnu'],
      ['h1:dpi', 'operationnel'],
    ],
    overall: [2, 1, 1, 1],
    medical: [2, 1, 1, 1],
  },
  {
    name: 'a pair only ever unknown is not affected',
    writes: [['h1:reseau', 'inconnu']],
    overall: [0, 0, 0, null],
    medical: [0, 0, 0, null],
  },
  {
    name: 'being restored does not count as restored',
    writes: [
      ['h1:reseau', 'indisponible'],
      ['h1:reseau', 'en-cours-de-retablissement'],
    ],
    overall: [1, 0, 0, 0],
    medical: [0, 0, 0, null],
  },
];

describe('recoveryProgress', () => {
  it.each(table)('computes affected, restored, unknown and share: $name', ({ writes, overall, medical }) => {
    const events = buildEvents([{ type: 'incident.opened', data: openedData }, ...writes.map(([id, v]) => set(id, v))]);
    const s = events.reduce(applyEvent, initialSituation(registry, buildMeta()));
    const p = recoveryProgress(s, registry);
    expect([p.overall.affected, p.overall.restored, p.overall.unknown, p.overall.share]).toEqual(overall);
    const m = p.byStage['applications-medicales'];
    expect([m.affected, m.restored, m.unknown, m.share]).toEqual(medical);
  });
});
