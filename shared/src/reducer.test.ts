import { describe, expect, it } from 'vitest';
import type { LogEvent } from './events.ts';
import { SITUATION_JOURNAL_LINES, SITUATION_LOG_ENTRIES } from './limits.ts';
import { applyEvent, applyEventInFold, initialSituation, logEntriesOf, newFoldScope } from './reducer.ts';
import type { Situation } from './situation.ts';
import {
  buildActor,
  buildEvents,
  buildLogEntry,
  buildMeta,
  buildRegistry,
  openedData,
  statementFields,
} from './testing/factories.ts';

const fold = (events: LogEvent[], from: Situation = initialSituation(buildRegistry(), buildMeta())) =>
  events.reduce(applyEvent, from);
const robot = buildActor({ kind: 'integration', id: 'supervision', name: 'Supervision' });

describe('initialSituation', () => {
  it('starts every item at its registry default, with unverified emergency departments unknown', () => {
    const s = initialSituation(buildRegistry(), buildMeta());
    expect(s.items['operating-mode'].h1?.value).toBe('normal');
    expect(s.items.system['h2:reseau']?.value).toBe('operationnel');
    expect(s.items.emergency['h1-adulte']?.value.status).toBe('ouvertes-normal');
    expect(s.items.emergency['h2-adulte']?.value.status).toBe('inconnu');
    expect(s.items.stage.reseau?.value).toBe('a-venir');
    expect(s.seq).toBe(0);
  });
});

describe('applyEvent', () => {
  it('opens, updates and closes the incident, versioning it by seq', () => {
    const s = fold(
      buildEvents([
        { type: 'incident.opened', data: openedData },
        { type: 'incident.updated', data: { cause: 'technique', causeNote: 'Sans lien avec une attaque cyber' } },
        { type: 'incident.closed', data: { closedAt: '2024-08-06T18:00:00.000Z' } },
      ]),
    );
    expect(s.incident).toMatchObject({
      cause: 'technique',
      causeNote: 'Sans lien avec une attaque cyber',
      phase: 'cloture',
      version: 3,
    });
    expect(s.incident?.closedAt).toBe('2024-08-06T18:00:00.000Z');
  });

  it('sets a value with its provenance and holds it when a person wrote it', () => {
    const [set] = buildEvents([
      {
        type: 'value.set',
        data: { item: { kind: 'system', id: 'h1:dpi', value: 'indisponible' }, effectiveAt: null, hold: true },
      },
    ]);
    const s = fold([set!]);
    expect(s.items.system['h1:dpi']).toEqual({
      value: 'indisponible',
      version: 1,
      by: buildActor(),
      recordedAt: set!.recordedAt,
      effectiveAt: null,
      heldBy: buildActor(),
    });
    expect(s.journal).toHaveLength(1);
    expect(s.journal[0]).toMatchObject({ outcome: 'applied', item: { kind: 'system', id: 'h1:dpi' } });
  });

  it('leaves a value free when a person writes it without holding it (an undo giving it back to automation)', () => {
    const item = { kind: 'system', id: 'h1:dpi' } as const;
    const events = buildEvents([
      { type: 'value.set', data: { item: { ...item, value: 'indisponible' }, effectiveAt: null, hold: true } },
      { type: 'value.set', data: { item: { ...item, value: 'operationnel' }, effectiveAt: null, hold: false } },
    ]);
    expect(fold(events).items.system['h1:dpi']).toMatchObject({ value: 'operationnel', heldBy: null, version: 2 });
  });

  it('records an ignored machine write in the journal without changing the value', () => {
    const s = fold([
      ...buildEvents([
        {
          type: 'value.set',
          data: { item: { kind: 'samu', id: 'samu-75', value: 'degrade' }, effectiveAt: null, hold: true },
        },
      ]),
      ...buildEvents(
        [
          {
            type: 'value.ignored',
            data: {
              item: { kind: 'samu', id: 'samu-75', value: 'operationnel' },
              effectiveAt: null,
              heldBy: buildActor(),
            },
          },
        ],
        { firstSeq: 2, by: robot },
      ),
    ]);
    expect(s.items.samu['samu-75']?.value).toBe('degrade');
    expect(s.journal.map((l) => l.outcome)).toEqual(['applied', 'ignored']);
  });

  it('releases a held value back to automation, bumping its version', () => {
    const s = fold(
      buildEvents([
        {
          type: 'value.set',
          data: { item: { kind: 'stage', id: 'reseau', value: 'en-cours' }, effectiveAt: null, hold: true },
        },
        { type: 'value.released', data: { item: { kind: 'stage', id: 'reseau' } } },
      ]),
    );
    expect(s.items.stage.reseau).toMatchObject({ value: 'en-cours', heldBy: null, version: 2 });
  });

  it('keeps a backdated write older than the current value in history only', () => {
    const s = fold(
      buildEvents([
        {
          type: 'value.set',
          data: {
            item: { kind: 'system', id: 'h1:reseau', value: 'indisponible' },
            effectiveAt: '2024-08-03T09:30:00.000Z',
            hold: true,
          },
        },
        {
          type: 'value.set',
          data: {
            item: { kind: 'system', id: 'h1:reseau', value: 'operationnel' },
            effectiveAt: '2024-08-03T09:10:00.000Z',
            hold: true,
          },
        },
      ]),
    );
    expect(s.items.system['h1:reseau']).toMatchObject({ value: 'indisponible', version: 1 });
    expect(s.journal.map((l) => l.outcome)).toEqual(['applied', 'history']);
  });

  it('applies a backdated write newer than the current value ("rétablie à 03:00" logged at 08:00)', () => {
    const s = fold(
      buildEvents([
        {
          type: 'value.set',
          data: {
            item: { kind: 'system', id: 'h1:reseau', value: 'indisponible' },
            effectiveAt: '2024-08-03T01:00:00.000Z',
            hold: true,
          },
        },
        {
          type: 'value.set',
          data: {
            item: { kind: 'system', id: 'h1:reseau', value: 'operationnel' },
            effectiveAt: '2024-08-03T03:00:00.000Z',
            hold: true,
          },
        },
      ]),
    );
    expect(s.items.system['h1:reseau']).toMatchObject({
      value: 'operationnel',
      effectiveAt: '2024-08-03T03:00:00.000Z',
    });
  });

  it('breaks a tie of effective times by sequence: the later write wins', () => {
    const at = '2024-08-03T10:00:00.000Z';
    const s = fold(
      buildEvents([
        {
          type: 'value.set',
          data: { item: { kind: 'samu', id: 'samu-75', value: 'degrade' }, effectiveAt: at, hold: true },
        },
        {
          type: 'value.set',
          data: { item: { kind: 'samu', id: 'samu-75', value: 'indisponible' }, effectiveAt: at, hold: true },
        },
      ]),
    );
    expect(s.items.samu['samu-75']?.value).toBe('indisponible');
  });

  it('records the plan blanc déclenchement and levée, when a hospital left normal and when it entered its mode', () => {
    const s = fold(
      buildEvents([
        {
          type: 'value.set',
          data: { item: { kind: 'response-level', id: 'h1', value: 'niveau-2' }, effectiveAt: null, hold: true },
        },
        {
          type: 'value.set',
          data: {
            item: { kind: 'operating-mode', id: 'h1', value: 'procedures-degradees' },
            effectiveAt: null,
            hold: true,
          },
        },
        {
          type: 'value.set',
          data: {
            item: { kind: 'operating-mode', id: 'h1', value: 'ralenti-maitrise' },
            effectiveAt: null,
            hold: true,
          },
        },
        {
          type: 'value.set',
          data: { item: { kind: 'response-level', id: 'h1', value: 'niveau-1' }, effectiveAt: null, hold: true },
        },
      ]),
    );
    expect(s.hospitals.h1?.planBlanc).toMatchObject({
      triggeredAt: '2024-08-03T09:00:00.000Z',
      liftedAt: '2024-08-03T09:03:00.000Z',
    });
    expect(s.hospitals.h1?.leftNormalAt).toBe('2024-08-03T09:01:00.000Z');
    expect(s.hospitals.h1?.modeSince).toBe('2024-08-03T09:02:00.000Z');
    expect(s.hospitals.h2?.modeSince).toBeNull();
    const normal = {
      type: 'value.set',
      data: { item: { kind: 'operating-mode', id: 'h1', value: 'normal' }, effectiveAt: null, hold: true },
    } as const;
    // Back to normal, then normal confirmed a minute later: the mode dates from the change, not the confirmation.
    const back = fold(buildEvents([normal, normal], { firstSeq: 5, start: '2024-08-03T10:00:00.000Z' }), s);
    expect(back.hospitals.h1?.leftNormalAt).toBeNull();
    expect(back.hospitals.h1?.modeSince).toBe('2024-08-03T10:00:00.000Z');
  });

  it('marks a pair affected only while an incident is open', () => {
    const down = {
      type: 'value.set',
      data: { item: { kind: 'system', id: 'h1:dpi', value: 'indisponible' }, effectiveAt: null, hold: true },
    } as const;
    expect(fold(buildEvents([down])).affected).toEqual({});
    expect(fold(buildEvents([{ type: 'incident.opened', data: openedData }, down])).affected).toEqual({
      'h1:dpi': true,
    });
  });

  it('remembers a SAMU that was affected during the incident, even once it is back', () => {
    const samu = (value: string) =>
      ({
        type: 'value.set',
        data: { item: { kind: 'samu', id: 'samu-75', value }, effectiveAt: null, hold: true },
      }) as const;
    const s = fold(buildEvents([{ type: 'incident.opened', data: openedData }, samu('degrade'), samu('operationnel')]));
    expect(s.affected).toEqual({ 'samu-75': true });
  });

  it('keeps every ETA revision and every main-courante entry', () => {
    const s = fold(
      buildEvents([
        {
          type: 'eta.revised',
          data: { label: 'dimanche matin', targetAt: null, reason: 'première estimation', effectiveAt: null },
        },
        {
          type: 'eta.revised',
          data: { label: 'dimanche fin d’après-midi', targetAt: null, reason: 'plus long', effectiveAt: null },
        },
        {
          type: 'log.entry-added',
          data: {
            type: 'decision',
            text: 'Passage au papier',
            verification: null,
            owner: null,
            dueAt: null,
            effectiveAt: null,
          },
        },
      ]),
    );
    expect(s.eta.map((r) => r.label)).toEqual(['dimanche matin', 'dimanche fin d’après-midi']);
    expect(s.log).toHaveLength(1);
    expect(s.log[0]).toMatchObject({ seq: 3, type: 'decision', text: 'Passage au papier' });
  });

  it('drafts, edits and publishes a point de situation', () => {
    const s = fold(
      buildEvents([
        { type: 'statement.drafted', data: { id: 'st1', fields: statementFields } },
        {
          type: 'statement.edited',
          data: { id: 'st1', fields: { ...statementFields, body: 'Ralentie mais maîtrisée.' } },
        },
        { type: 'statement.published', data: { id: 'st1', number: 1 } },
      ]),
    );
    expect(s.statements.st1).toMatchObject({
      status: 'published',
      number: 1,
      version: 3,
      fields: { body: 'Ralentie mais maîtrisée.' },
    });
  });

  it('never mutates the situation it is given', () => {
    const before = initialSituation(buildRegistry(), buildMeta());
    const copy = JSON.parse(JSON.stringify(before)) as unknown;
    fold(
      buildEvents([
        {
          type: 'value.set',
          data: { item: { kind: 'system', id: 'h1:dpi', value: 'indisponible' }, effectiveAt: null, hold: true },
        },
      ]),
      before,
    );
    expect(before).toEqual(copy);
  });

  it('folds a batch within one scope to the same situation, leaving the states before the batch untouched', () => {
    const opened = fold(buildEvents([{ type: 'incident.opened', data: openedData }]));
    const copy = JSON.parse(JSON.stringify(opened)) as unknown;
    const statuses = ['indisponible', 'degrade', 'operationnel'] as const;
    const pairs = ['h1:dpi', 'h1:reseau', 'h2:dpi'];
    // Enough writes to overflow the journal, with a release among them.
    const batch = buildEvents(
      Array.from({ length: 150 }, (_, i) =>
        i === 75
          ? { type: 'value.released' as const, data: { item: { kind: 'system' as const, id: 'h1:dpi' } } }
          : {
              type: 'value.set' as const,
              data: {
                item: { kind: 'system' as const, id: pairs[i % 3]!, value: statuses[i % 3]! },
                effectiveAt: null,
                hold: i % 2 === 0,
              },
            },
      ),
      { firstSeq: 2 },
    );
    const scope = newFoldScope();
    const inFold = batch.reduce((s, e) => applyEventInFold(s, e, scope), opened);
    expect(inFold).toEqual(fold(batch, opened));
    expect(inFold.journal).toHaveLength(SITUATION_JOURNAL_LINES);
    expect(opened).toEqual(copy);
  });
});

type Body = Pick<LogEvent, 'type' | 'data'>;
const entry = (i: number): Body => buildLogEntry(`entrée ${i}`, { type: 'information', verification: 'a-verifier' });

describe('the main courante in the situation', () => {
  it('keeps the latest entries and counts every one, so entry 100,000 costs what entry 100 did', () => {
    const events = buildEvents(Array.from({ length: 100_000 }, (_, i) => entry(i)));
    const scope = newFoldScope();
    const before = events.slice(0, -1).reduce((s, e) => applyEventInFold(s, e, scope), fold([]));
    expect(before.log).toHaveLength(SITUATION_LOG_ENTRIES);
    expect(before.logCount).toBe(99_999);

    const after = applyEvent(before, events.at(-1)!);
    expect(after.log).toHaveLength(SITUATION_LOG_ENTRIES);
    expect(after.logCount).toBe(100_000);
    expect(after.log.map((e) => e.seq)).toEqual(events.slice(-SITUATION_LOG_ENTRIES).map((e) => e.seq));
    expect(before.log.at(-1)?.seq).toBe(99_999);
  });

  it('equals the latest entries of the whole main courante, event by event and within fold scopes', () => {
    for (let seed = 1; seed <= 20; seed++) {
      let x = seed;
      const rand = (n: number) => ((x = (x * 1103515245 + 12345) % 2 ** 31), Math.floor(x / 65536) % n);
      const bodies: Body[] = [{ type: 'incident.opened', data: openedData }];
      for (let i = 0, n = 50 + rand(400); i < n; i++) {
        bodies.push(
          rand(3) > 0
            ? entry(i)
            : {
                type: 'value.set',
                data: { item: { kind: 'system', id: 'h1:dpi', value: 'degrade' }, effectiveAt: null, hold: true },
              },
        );
      }
      const events = buildEvents(bodies);
      const all = logEntriesOf(events);
      const oneByOne = fold(events);
      // The same events folded in batches of random sizes, each batch in one scope (as commits and replays do).
      let batched = initialSituation(buildRegistry(), buildMeta());
      for (let i = 0; i < events.length;) {
        const scope = newFoldScope();
        for (const end = i + 1 + rand(150); i < Math.min(end, events.length); i++) {
          batched = applyEventInFold(batched, events[i]!, scope);
        }
      }
      expect(oneByOne.log).toEqual(all.slice(-SITUATION_LOG_ENTRIES));
      expect(oneByOne.logCount).toBe(all.length);
      expect(batched).toEqual(oneByOne);
    }
  });
});
