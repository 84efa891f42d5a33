import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  initialSituation,
  type ItemHistoryEntry,
  type LogEntry,
  type Registry,
  type Statement,
} from '@vigie/shared';
import {
  buildActor,
  buildEvents,
  buildLogEntry,
  buildMeta,
  buildRegistry,
  statementFields,
} from '@vigie/shared/testing';
import { buildTimeline, hospitalItems, writtenItems, type TimelineLine } from './timeline.ts';
import { withPage } from './useValueChanges.ts';

/** The factory's two hospitals, named as AP-HP ones so texts can name them. */
function registry(): Registry {
  const base = buildRegistry();
  return buildRegistry({
    hospitals: [
      { ...base.hospitals[0]!, shortName: 'Bichat', name: 'Hôpital Bichat – Claude-Bernard' },
      { ...base.hospitals[1]!, shortName: 'Cochin', name: 'Hôpital Cochin – Port-Royal' },
    ],
  });
}

const at = (minute: number) => new Date(Date.parse('2024-08-03T09:00:00.000Z') + minute * 60_000).toISOString();

function write(seq: number, value: string, minute: number, type: ItemHistoryEntry['type'] = 'value.set') {
  return { seq, type, value, by: buildActor(), recordedAt: at(minute), effectiveAt: null };
}

function entry(seq: number, text: string, minute: number, effectiveMinute: number | null = null): LogEntry {
  return {
    seq,
    type: 'information',
    text,
    verification: null,
    owner: null,
    dueAt: null,
    by: buildActor({ name: 'Claire Martin' }),
    recordedAt: at(minute),
    effectiveAt: effectiveMinute === null ? null : at(effectiveMinute),
  };
}

function statement(version: number, body: string, status: Statement['status'] = 'published'): Statement {
  const by = buildActor({ name: 'Louis Durand' });
  return {
    id: `st-${version}`,
    status,
    number: status === 'published' ? version : null,
    fields: { ...statementFields, body },
    version,
    draftedBy: by,
    updatedBy: by,
    updatedAt: at(version),
    draftedAt: at(version),
    publishedBy: status === 'published' ? by : null,
    publishedAt: status === 'published' ? at(version) : null,
  };
}

const summary = (lines: TimelineLine[]) => lines.map((l) => `${l.kind}:${l.seq}`);

describe('buildTimeline', () => {
  it('merges the hospital’s writes, the entries naming it and the published points mentioning it, newest first', () => {
    const { lines, horizon } = buildTimeline({
      hospitalId: 'h1',
      registry: registry(),
      values: [
        {
          item: { kind: 'operating-mode', id: 'h1' },
          loaded: { entries: [write(9, 'normal', 9), write(2, 'critique', 2)], before: null },
        },
        // An ignored write changed nothing: left to the item's own history.
        {
          item: { kind: 'response-level', id: 'h1' },
          loaded: { entries: [write(4, 'niveau-2', 4, 'value.ignored')], before: null },
        },
      ],
      log: {
        entries: [
          entry(8, 'Cochin reprend les admissions', 8),
          // Written at minute 7 about minute 1: it takes its place by when it happened.
          entry(7, 'Bichat a perdu la téléphonie', 7, 1),
          entry(3, 'bichat : DPI indisponible', 3),
        ],
        before: null,
      },
      statements: [
        statement(6, 'Bichat en mode dégradé.'),
        statement(5, 'Rien sur les hôpitaux.'),
        statement(10, 'Bichat', 'draft'),
      ],
    });
    expect(summary(lines)).toEqual(['value:9', 'statement:6', 'log:3', 'value:2', 'log:7']);
    expect(horizon).toBeNull();
    const point = lines.find((l) => l.kind === 'statement');
    expect(point).toMatchObject({ at: at(6), by: { name: 'Louis Durand' }, fields: ['body'] });
    expect(lines.find((l) => l.seq === 7)?.at).toBe(at(1));
  });

  it('shows only down to the highest cursor, so no source has a hole in what is shown', () => {
    const input = {
      hospitalId: 'h1',
      registry: registry(),
      values: [
        // Older writes of the fonctionnement remain unread below seq 20.
        {
          item: { kind: 'operating-mode' as const, id: 'h1' },
          loaded: { entries: [write(30, 'normal', 30), write(20, 'critique', 20)], before: 20 },
        },
        {
          item: { kind: 'response-level' as const, id: 'h1' },
          loaded: { entries: [write(10, 'niveau-1', 10)], before: null },
        },
      ],
      log: { entries: [entry(25, 'Bichat rappelle', 25), entry(15, 'Bichat appelle', 15)], before: 15 },
      statements: [],
    };
    const { lines, horizon } = buildTimeline(input);
    expect(horizon).toBe(20);
    expect(summary(lines)).toEqual(['value:30', 'log:25', 'value:20']);

    const paged = buildTimeline({
      ...input,
      values: [
        {
          ...input.values[0]!,
          loaded: {
            entries: [write(30, 'normal', 30), write(20, 'critique', 20), write(12, 'ralenti-maitrise', 12)],
            before: null,
          },
        },
        input.values[1]!,
      ],
    });
    expect(paged.horizon).toBe(15);
    expect(summary(paged.lines)).toEqual(['value:30', 'log:25', 'value:20', 'log:15']);
  });
});

describe('hospitalItems and writtenItems', () => {
  it('lists the hospital’s own items, its emergency departments’, its systems’ and its SAMU’s, and keeps those written', () => {
    const r = registry();
    const refs = hospitalItems(r.hospitals[0]!, r);
    expect(refs.map((ref) => `${ref.kind}/${ref.id}`)).toEqual([
      'operating-mode/h1',
      'response-level/h1',
      'emergency/h1-adulte',
      'system/h1:dpi',
      'system/h1:reseau',
      'samu/samu-75',
    ]);
    const events = buildEvents([
      {
        type: 'value.set',
        data: { item: { kind: 'system', id: 'h1:dpi', value: 'indisponible' }, effectiveAt: null, hold: false },
      },
      buildLogEntry('Bichat'),
    ]);
    const state = events.reduce(applyEvent, initialSituation(r, buildMeta()));
    expect(writtenItems(refs, state)).toEqual([{ ref: { kind: 'system', id: 'h1:dpi' }, version: 1 }]);
  });
});

describe('withPage', () => {
  const held = { entries: [write(5, 'b', 5), write(3, 'a', 3)], before: 3 };

  it('joins a newest page to what is held when they meet', () => {
    expect(withPage(held, { entries: [write(8, 'c', 8), write(5, 'b', 5)], before: 5 }, undefined)).toEqual({
      entries: [write(8, 'c', 8), write(5, 'b', 5), write(3, 'a', 3)],
      before: 3,
    });
  });

  it('replaces what is held when the newest page leaves a hole behind it', () => {
    expect(withPage(held, { entries: [write(9, 'd', 9), write(8, 'c', 8)], before: 8 }, undefined)).toEqual({
      entries: [write(9, 'd', 9), write(8, 'c', 8)],
      before: 8,
    });
  });

  it('appends an older page only where it continues', () => {
    expect(withPage(held, { entries: [write(2, 'z', 2)], before: null }, 3)).toEqual({
      entries: [...held.entries, write(2, 'z', 2)],
      before: null,
    });
    expect(withPage(held, { entries: [write(1, 'y', 1)], before: null }, 4)).toBe(held);
  });
});
