import { describe, expect, it } from 'vitest';
import type { LogEvent } from './events.ts';
import { hashState } from './hash.ts';
import { SITUATION_LOG_ENTRIES } from './limits.ts';
import {
  applyPublicPatch,
  applySituationPatch,
  buildPublicPatch,
  buildSituationPatch,
  projectPublic,
  projectSituation,
  touchedBy,
} from './projection.ts';
import { applyEvent, initialSituation } from './reducer.ts';
import { systemStatuses } from './scales.ts';
import {
  buildEvents,
  buildLogEntry,
  buildMeta,
  buildRegistry,
  openedData,
  statementFields,
} from './testing/factories.ts';

type Body = Pick<LogEvent, 'type' | 'data'>;

/** A deterministic pseudo-random mix of every event type. */
function mixedBodies(count: number, seed = 7): Body[] {
  let x = seed;
  const rand = (n: number) => ((x = (x * 1103515245 + 12345) % 2 ** 31), Math.floor(x / 65536) % n);
  const bodies: Body[] = [{ type: 'incident.opened', data: openedData }];
  for (let i = 0; i < count; i++) {
    const r = rand(8);
    const statementId = `st${rand(3)}`;
    if (r <= 2) {
      const id = `${rand(2) ? 'h1' : 'h2'}:${rand(2) ? 'dpi' : 'reseau'}`;
      bodies.push({
        type: 'value.set',
        data: {
          item: { kind: 'system', id, value: systemStatuses.ids[rand(7)]! },
          effectiveAt: null,
          hold: rand(2) === 0,
        },
      });
    } else if (r === 3) bodies.push(buildLogEntry(`entrée ${i}`, { type: 'information', verification: 'a-verifier' }));
    else if (r === 4)
      bodies.push({
        type: 'eta.revised',
        data: { label: `estimation ${i}`, targetAt: null, reason: 'r', effectiveAt: null },
      });
    else if (r === 5)
      bodies.push({ type: 'statement.drafted', data: { id: `${statementId}-${i}`, fields: statementFields } });
    else if (r === 6)
      bodies.push({
        type: 'value.set',
        data: {
          item: { kind: 'operating-mode', id: 'h1', value: rand(2) ? 'normal' : 'critique' },
          effectiveAt: null,
          hold: true,
        },
      });
    else bodies.push({ type: 'value.released', data: { item: { kind: 'system', id: 'h1:dpi' } } });
  }
  return bodies;
}

/** Server side: fold everything; client side: a snapshot at seq 0, then a patch per batch of `batch` events. */
function streamAndCompare(events: LogEvent[], batch: number, audience: 'viewer' | 'staff') {
  let server = initialSituation(buildRegistry(), buildMeta());
  let client = projectSituation(server, audience);
  let publicCopy = projectPublic(server);
  for (let i = 0; i < events.length; i += batch) {
    const slice = events.slice(i, i + batch);
    const from = server.seq + 1;
    for (const e of slice) server = applyEvent(server, e);
    const touched = slice.flatMap(touchedBy);
    client = applySituationPatch(
      client,
      buildSituationPatch(projectSituation(server, audience), touched, from),
      server.seq,
    );
    publicCopy = applyPublicPatch(publicCopy, buildPublicPatch(projectPublic(server), touched), server.seq);
  }
  return { server, client, publicCopy };
}

describe('the client fold of an audience stream', () => {
  const events = buildEvents(mixedBodies(600));

  for (const audience of ['viewer', 'staff'] as const) {
    for (const batch of [1, 7, 50]) {
      it(`equals the server's ${audience} projection by hash with patches of ${batch} events`, () => {
        const { server, client } = streamAndCompare(events, batch, audience);
        expect(hashState(client)).toBe(hashState(projectSituation(server, audience)));
      });
    }
  }

  it('equals the public projection too', () => {
    const withPublication = buildEvents([
      ...mixedBodies(50),
      { type: 'statement.drafted', data: { id: 'pub', fields: statementFields } },
      { type: 'statement.published', data: { id: 'pub', number: 1 } },
    ]);
    const { server, publicCopy } = streamAndCompare(withPublication, 5, 'viewer');
    expect(publicCopy.statement?.number).toBe(1);
    expect(hashState(publicCopy)).toBe(hashState(projectPublic(server)));
  });

  it('bounds the main courante to the latest entries on both sides', () => {
    const many = buildEvents([...mixedBodies(600), ...entryBodies(SITUATION_LOG_ENTRIES)]);
    const { client } = streamAndCompare(many, 3, 'staff');
    const all = many.filter((e) => e.type === 'log.entry-added');
    expect(client.log).toHaveLength(SITUATION_LOG_ENTRIES);
    expect(client.logCount).toBe(all.length);
    expect(client.log.at(-1)?.seq).toBe(all.at(-1)?.seq);
  });
});

/** `count` main-courante entries. */
const entryBodies = (count: number, from = 0): Body[] =>
  Array.from({ length: count }, (_, i) => buildLogEntry(`décision ${from + i}`));

describe('the main courante in patches', () => {
  /** A copy at the incident's opening and `count` entries appended after it in one broadcast. */
  function oneBroadcast(count: number) {
    const events = buildEvents([{ type: 'incident.opened', data: openedData }, ...entryBodies(count)]);
    const opened = applyEvent(initialSituation(buildRegistry(), buildMeta()), events[0]!);
    const copy = projectSituation(opened, 'viewer');
    const server = events.slice(1).reduce(applyEvent, opened);
    const patch = buildSituationPatch(projectSituation(server, 'viewer'), events.slice(1).flatMap(touchedBy), 2);
    return { copy, server, patch, entries: events.slice(1) };
  }

  it('carries every entry appended since the previous broadcast, more than fifty of them', () => {
    const { copy, patch, entries } = oneBroadcast(SITUATION_LOG_ENTRIES);
    expect(patch.log?.map((e) => e.seq)).toEqual(entries.map((e) => e.seq));
    expect(patch.logCount).toBe(copy.logCount + SITUATION_LOG_ENTRIES);
  });

  it('carries the latest window and the count when more were appended, so a client learns how many it missed', () => {
    const { copy, server, patch, entries } = oneBroadcast(SITUATION_LOG_ENTRIES + 30);
    expect(patch.log?.map((e) => e.seq)).toEqual(entries.slice(30).map((e) => e.seq));
    expect(patch.logCount! - copy.logCount - patch.log!.length).toBe(30);
    const applied = applySituationPatch(copy, patch, server.seq);
    expect(hashState(applied)).toBe(hashState(projectSituation(server, 'viewer')));
  });

  it('adds nothing twice when a patch overlaps what the copy holds', () => {
    const { server, patch } = oneBroadcast(10);
    const copy = projectSituation(server, 'viewer');
    const again = applySituationPatch(copy, patch, server.seq);
    expect(again.log.map((e) => e.seq)).toEqual(copy.log.map((e) => e.seq));
    expect(again.logCount).toBe(copy.logCount);
  });
});

describe('projections', () => {
  const events = buildEvents([
    { type: 'incident.opened', data: openedData },
    { type: 'statement.drafted', data: { id: 'draft', fields: statementFields } },
    {
      type: 'eta.revised',
      data: { label: 'dimanche fin d’après-midi', targetAt: null, reason: 'plus long', effectiveAt: null },
    },
  ]);
  const s = events.reduce(applyEvent, initialSituation(buildRegistry(), buildMeta()));

  it('shows drafts to staff only', () => {
    expect(Object.keys(projectSituation(s, 'staff').statements)).toEqual(['draft']);
    expect(projectSituation(s, 'viewer').statements).toEqual({});
  });

  it('keeps a revised ETA off the public projection until a point de situation is published', () => {
    expect(projectPublic(s).statement).toBeNull();
    const published = applyEvent(
      s,
      buildEvents([{ type: 'statement.published', data: { id: 'draft', number: 1 } }], { firstSeq: 4 })[0]!,
    );
    expect(projectPublic(published).statement).toEqual({
      number: 1,
      publishedAt: expect.any(String),
      fields: statementFields,
    });
    expect(JSON.stringify(projectPublic(published))).not.toContain('dimanche fin');
  });

  it('sends a viewer no part of a draft in a patch', () => {
    const touched = events.flatMap(touchedBy);
    expect(buildSituationPatch(projectSituation(s, 'viewer'), touched, 1).statements).toBeUndefined();
    expect(buildSituationPatch(projectSituation(s, 'staff'), touched, 1).statements).toHaveProperty('draft');
  });
});
