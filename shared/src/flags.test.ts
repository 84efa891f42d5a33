import { describe, expect, it } from 'vitest';
import { isInformed, latestPublished, overdueNextPoint, passedEta, pointBehindEta, unconfirmedFor } from './flags.ts';
import { applyEvent, initialSituation } from './reducer.ts';
import type { Situation } from './situation.ts';
import { buildEvents, buildMeta, buildRegistry, openedData, statementFields } from './testing/factories.ts';
import type { LogEvent } from './events.ts';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

function situation(bodies: Pick<LogEvent, 'type' | 'data'>[]): Situation {
  return buildEvents([{ type: 'incident.opened', data: openedData }, ...bodies]).reduce(
    applyEvent,
    initialSituation(buildRegistry(), buildMeta()),
  );
}

const revise = (label: string, targetAt: string | null, effectiveAt: string | null = null) =>
  ({ type: 'eta.revised', data: { label, targetAt, reason: '', effectiveAt } }) as const;

describe('flags', () => {
  it('a registry default is not informed; any write is', () => {
    const s = situation([
      {
        type: 'value.set',
        data: { item: { kind: 'samu', id: 'samu-75', value: 'operationnel' }, effectiveAt: null, hold: true },
      },
    ]);
    expect(isInformed(initialSituation(buildRegistry(), buildMeta()).items.samu['samu-75']!)).toBe(false);
    expect(isInformed(s.items.samu['samu-75']!)).toBe(true);
  });

  it('the next point is overdue only once its time has passed, by how late', () => {
    const point = { fields: { ...statementFields, nextPointAt: '2024-08-04T17:00:00.000Z' } };
    expect(overdueNextPoint(point, at('2024-08-04T16:59:00.000Z'))).toBeNull();
    expect(overdueNextPoint(point, at('2024-08-04T21:00:00.000Z'))).toEqual({
      dueAt: '2024-08-04T17:00:00.000Z',
      lateMs: 4 * HOUR,
    });
    expect(overdueNextPoint({ fields: statementFields }, at('2030-01-01T00:00:00.000Z'))).toBeNull();
    expect(overdueNextPoint(null, 0)).toBeNull();
  });

  it('the latest published point is the highest number, drafts aside', () => {
    const list = [
      { status: 'published', number: 2 },
      { status: 'draft', number: null },
      { status: 'published', number: 3 },
      { status: 'published', number: 1 },
    ] as const;
    expect(latestPublished(list)?.number).toBe(3);
    expect(latestPublished([{ status: 'draft', number: null }] as const)).toBeNull();
  });

  it('an estimate whose target has passed is flagged while the incident runs, not once back to normal', () => {
    const s = situation([revise('dimanche matin', '2024-08-04T07:00:00.000Z')]);
    const later = at('2024-08-04T09:00:00.000Z');
    expect(passedEta(s.eta, s.incident, at('2024-08-04T06:00:00.000Z'))).toBeNull();
    expect(passedEta(s.eta, s.incident, later)).toEqual({ dueAt: '2024-08-04T07:00:00.000Z', lateMs: 2 * HOUR });
    const back = situation([
      revise('dimanche matin', '2024-08-04T07:00:00.000Z'),
      { type: 'incident.updated', data: { phase: 'retour-normale' } },
    ]);
    expect(passedEta(back.eta, back.incident, later)).toBeNull();
    // A revision without a target time cannot pass.
    const vague = situation([revise('dans la semaine', null)]);
    expect(passedEta(vague.eta, vague.incident, later)).toBeNull();
  });

  it('a published point is contradicted by an estimate revised after it, not by one revised before', () => {
    const s = situation([
      revise('dimanche fin d’après-midi', '2024-08-04T16:00:00.000Z', '2024-08-04T08:00:00.000Z'),
      revise('avant lundi matin', '2024-08-05T06:00:00.000Z', '2024-08-04T17:00:00.000Z'),
    ]);
    const point = {
      publishedAt: '2024-08-04T08:05:00.000Z',
      fields: { expectedReturn: 'Dimanche en fin d’après-midi.' },
    };
    expect(pointBehindEta(point, s.eta)).toEqual({
      announced: 'Dimanche en fin d’après-midi.',
      current: 'avant lundi matin',
      revisedAt: '2024-08-04T17:00:00.000Z',
    });
    expect(pointBehindEta({ ...point, publishedAt: '2024-08-04T17:05:00.000Z' }, s.eta)).toBeNull();
    expect(pointBehindEta(null, s.eta)).toBeNull();
  });

  it('a value is unconfirmed past its kind’s limit while the incident runs; a default or a stage never is', () => {
    const s = situation([
      {
        type: 'value.set',
        data: {
          item: { kind: 'operating-mode', id: 'h1', value: 'procedures-degradees' },
          effectiveAt: '2024-08-03T09:10:00.000Z',
          hold: true,
        },
      },
    ]);
    const mode = s.items['operating-mode']['h1']!;
    expect(unconfirmedFor('operating-mode', mode, s.incident, at('2024-08-03T15:00:00.000Z'))).toBeNull();
    expect(unconfirmedFor('operating-mode', mode, s.incident, at('2024-08-03T16:10:00.000Z'))).toBe(7 * HOUR);
    expect(unconfirmedFor('operating-mode', s.items['operating-mode']['h2']!, s.incident, at('2030-01-01'))).toBeNull();
    expect(unconfirmedFor('stage', { ...mode, version: 3 }, s.incident, at('2030-01-01'))).toBeNull();
    expect(unconfirmedFor('operating-mode', mode, null, at('2030-01-01'))).toBeNull();
  });
});
