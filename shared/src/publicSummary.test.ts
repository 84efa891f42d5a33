import { describe, expect, it } from 'vitest';
import { presentPublicPoint, publicSummaryMoment, publicSummaryOf, PublicSummarySchema } from './publicSummary.ts';
import type { PublicSituation } from './situation.ts';
import { statementFields } from './testing/factories.ts';

const at = (iso: string) => Date.parse(iso);

/** Published Saturday 11:02 in Paris (09:02 UTC), next point due 15:00 in Paris. */
const point = {
  number: 2,
  publishedAt: '2024-08-03T09:02:00.000Z',
  fields: {
    ...statementFields,
    cause: 'Panne électrique chez l’hébergeur.',
    emergencies: '',
    body: 'Procédures dégradées (papier).',
    nextPointAt: '2024-08-03T13:00:00.000Z',
  },
};
const projection = (overrides: Partial<PublicSituation> = {}): PublicSituation => ({
  logId: 'log-1.1',
  seq: 12,
  demo: false,
  clock: null,
  statement: point,
  ...overrides,
});

describe('presentPublicPoint', () => {
  it('says the number, time and age in Paris time, the next point, and the filled lines in reading order', () => {
    const view = presentPublicPoint(point, 'fr', at('2024-08-03T09:14:30.000Z'));
    expect(view.published).toBe('Point de situation n° 2, publié sam. 11:02, il y a 12 min');
    expect(view.nextPoint).toEqual({ text: 'Prochain point prévu à sam. 15:00', late: null });
    expect(view.lines.map((l) => l.id)).toEqual([
      'cause',
      'power-cut',
      'expected-return',
      'patient-impact',
      'samu',
      'systems',
      'body',
    ]);
    expect(view.lines[0]).toEqual({ key: 'cause', id: 'cause', label: 'Cause', text: point.fields.cause });
    expect(view.lines.at(-1)).toMatchObject({ label: 'Précisions', text: 'Procédures dégradées (papier).' });
  });

  it('flags the next point once its time has passed, with how late, in either language', () => {
    const late = at('2024-08-03T13:30:00.000Z');
    expect(presentPublicPoint(point, 'fr', late).nextPoint).toEqual({
      text: 'Prochain point prévu à sam. 15:00',
      late: 'en retard de 30 min',
    });
    expect(presentPublicPoint(point, 'en', late)).toMatchObject({
      published: 'Situation report no. 2, published Sat 11:02, 4 h 28 min ago',
      nextPoint: { text: 'Next report due at Sat 15:00', late: 'overdue by 30 min' },
    });
  });

  it('leaves the next point out when the point names none', () => {
    const view = presentPublicPoint({ ...point, fields: { ...point.fields, nextPointAt: null } }, 'fr', Date.now());
    expect(view.nextPoint).toBeNull();
  });
});

describe('publicSummaryMoment', () => {
  it('stays the same while the words stay the same, and moves when the age or the overdue flag does', () => {
    const s = projection();
    const key = (iso: string) => publicSummaryMoment(s, at(iso));
    expect(key('2024-08-03T09:14:01.000Z')).toBe(key('2024-08-03T09:14:59.000Z'));
    expect(key('2024-08-03T09:14:59.000Z')).not.toBe(key('2024-08-03T09:15:00.000Z'));
    // Across the next point's time the age moves anyway; the flag's appearance moves it too.
    expect(key('2024-08-03T12:59:30.000Z')).not.toBe(key('2024-08-03T13:00:30.000Z'));
  });

  it('moves with the minute of the demo clock, and is constant without a point outside the demo', () => {
    const clock = { simStart: '2024-08-03T09:00:00.000Z', realStart: '2024-08-03T09:00:00.000Z', speed: 60 };
    const demo = projection({ demo: true, clock, statement: null });
    expect(publicSummaryMoment(demo, at('2024-08-03T10:00:10.000Z'))).not.toBe(
      publicSummaryMoment(demo, at('2024-08-03T10:01:10.000Z')),
    );
    const none = projection({ statement: null });
    expect(publicSummaryMoment(none, at('2024-08-03T10:00:00.000Z'))).toBe(
      publicSummaryMoment(none, at('2024-08-05T10:00:00.000Z')),
    );
  });
});

describe('publicSummaryOf', () => {
  it('gives the published point and whether its next point is overdue, and nothing of the log', () => {
    const before = publicSummaryOf(projection(), at('2024-08-03T12:00:00.000Z'));
    expect(PublicSummarySchema.parse(before)).toEqual({
      demo: false,
      clock: null,
      statement: point,
      nextPointOverdue: false,
    });
    expect(publicSummaryOf(projection(), at('2024-08-03T13:00:01.000Z')).nextPointOverdue).toBe(true);
    expect(publicSummaryOf(projection({ statement: null }), Date.now())).toMatchObject({
      statement: null,
      nextPointOverdue: false,
    });
  });
});
