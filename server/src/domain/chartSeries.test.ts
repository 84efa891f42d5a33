import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  emergencyStatuses,
  initialSituation,
  isEmergencyOpen,
  isInformed,
  ms,
  newFoldScope,
  operatingModes,
  pairKey,
  recoveryProgress,
  recoveryStages,
  responseLevels,
  samuStatuses,
  seriesNames,
  stageStates,
  systemStatuses,
  type ItemWrite,
  type LogEvent,
  type LogMeta,
  type Registry,
  type SeriesName,
  type Situation,
} from '@vigie/shared';
import { buildActor, buildMeta, buildRegistry, openedData } from '@vigie/shared/testing';
import { ChartSeries, type SeriesColumns } from './chartSeries.ts';
import { PointList } from './pointList.ts';
import { countSituation, countWrite, foldCounting } from './seriesCounts.ts';

/** A registry small enough that random writes keep hitting the same items, with two systems in one stage. */
const registry: Registry = (() => {
  const base = buildRegistry();
  const [h1] = base.hospitals;
  const [dpi] = base.systems;
  return {
    ...base,
    hospitals: [...base.hospitals, { ...h1!, id: 'h3', shortName: 'Trois', sites: [{ ...h1!.sites[0]!, id: 'h3' }] }],
    systems: [...base.systems, { ...dpi!, id: 'labo', stage: 'applications-medicales' }],
  };
})();
const meta: LogMeta = buildMeta({ createdAt: '2024-08-03T08:00:00.000Z' });
const START = ms('2024-08-03T09:00:00.000Z');
const MINUTE = 60_000;

/** A seeded generator (mulberry32): the same seed, the same sequence, so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, pick, chance: (p: number) => next() < p };
}

/** A random item write: any kind, any value of its scale (a diversion names a site). */
function randomItem(r: ReturnType<typeof random>): ItemWrite {
  const hospital = r.pick(registry.hospitals).id;
  switch (r.pick(['system', 'system', 'system', 'operating-mode', 'emergency', 'response-level', 'samu', 'stage'])) {
    case 'system':
      return { kind: 'system', id: pairKey(hospital, r.pick(registry.systems).id), value: r.pick(systemStatuses.ids) };
    case 'operating-mode':
      return { kind: 'operating-mode', id: hospital, value: r.pick(operatingModes.ids) };
    case 'emergency': {
      const status = r.pick(emergencyStatuses.ids);
      const value = { status, targetSiteId: status === 'delestage' ? 'h2' : null, nextReviewAt: null, note: null };
      return { kind: 'emergency', id: r.pick(registry.emergencyDepartments).id, value };
    }
    case 'response-level':
      return { kind: 'response-level', id: hospital, value: r.pick(responseLevels.ids) };
    case 'samu':
      return { kind: 'samu', id: r.pick(registry.samu).id, value: r.pick(samuStatuses.ids) };
    default:
      return { kind: 'stage', id: r.pick(recoveryStages.ids), value: r.pick(stageStates.ids) };
  }
}

/**
 * A random log: an incident opened at seq 1, then writes (some backdated behind later ones, some with
 * no effective time), releases and ignored writes of held items (as the commands decide them; any item
 * when `anyRelease`), entries, and the incident closed (later writes no longer mark pairs affected).
 */
function randomLog(seed: number, length: number, anyRelease = false): LogEvent[] {
  const r = random(seed);
  const events: LogEvent[] = [];
  let state = initialSituation(registry, meta);
  let clock = START;
  const add = (body: Pick<LogEvent, 'type' | 'data'>) => {
    clock += Math.floor(r.next() * 3 * MINUTE);
    const seq = events.length + 1;
    const e = { ...body, seq, by: buildActor(), recordedAt: new Date(clock).toISOString(), commandId: `c${seq}` };
    events.push(e as LogEvent);
    state = applyEvent(state, e as LogEvent);
  };
  add({ type: 'incident.opened', data: { ...openedData, startedAt: new Date(START).toISOString() } });
  while (events.length < length) {
    const roll = r.next();
    const item = randomItem(r);
    const held = anyRelease || state.items[item.kind][item.id]?.heldBy;
    // Backdated up to an hour (often behind the item's current value), or as recorded.
    const effectiveAt = r.chance(0.3) ? null : new Date(clock - Math.floor(r.next() * 60) * MINUTE).toISOString();
    const entry = { type: 'information', text: 'x', verification: null, owner: null, dueAt: null, effectiveAt: null };
    if (roll < 0.8) add({ type: 'value.set', data: { item, effectiveAt, hold: r.chance(0.7) } });
    else if (roll < 0.86 && held) add({ type: 'value.released', data: { item: { kind: item.kind, id: item.id } } });
    else if (roll < 0.9 && held) add({ type: 'value.ignored', data: { item, effectiveAt, heldBy: buildActor() } });
    else if (roll < 0.99) add({ type: 'log.entry-added', data: entry });
    else add({ type: 'incident.closed', data: { closedAt: new Date(clock).toISOString() } });
  }
  return events;
}

/**
 * The series as they were built before they were kept by counts: the log replayed event by event
 * with `applyEvent`, every value recounted from the whole situation after each write that took effect.
 */
function replayedSeries(events: LogEvent[]): Map<SeriesName, { t: number[]; v: number[] }> {
  const steps = new Map(seriesNames.map((name) => [name, { t: [] as number[], v: [] as number[] }]));
  let time = ms(meta.createdAt);
  const record = (s: Situation, names: 'all' | 'recovery' | 'modes' | 'emergencies') => {
    const { overall, byStage } = recoveryProgress(s, registry);
    const values: Partial<Record<SeriesName, number | null>> = {};
    if (names === 'all' || names === 'recovery') {
      values.recovery = overall.share;
      for (const stage of recoveryStages.ids) values[`recovery:${stage}`] = byStage[stage].share;
    }
    if (names === 'all' || names === 'modes') {
      const modes = Object.values(s.items['operating-mode']).map((h) => (isInformed(h) ? h.value : 'inconnu'));
      for (const mode of operatingModes.ids) values[`mode:${mode}`] = modes.filter((m) => m === mode).length;
    }
    if (names === 'all' || names === 'emergencies') {
      values['emergencies-open'] = Object.values(s.items.emergency).filter(
        (e) => isInformed(e) && isEmergencyOpen(e.value.status),
      ).length;
    }
    for (const [name, value] of Object.entries(values) as [SeriesName, number | null][]) {
      const step = steps.get(name)!;
      if (value === null || step.v.at(-1) === value) continue;
      step.t.push(time);
      step.v.push(value);
    }
  };
  let state = initialSituation(registry, meta);
  record(state, 'all');
  for (const e of events) {
    if (e.type === 'incident.opened' && state.seq === 0) {
      time = ms(e.data.startedAt);
      for (const { t } of steps.values()) t.fill(time);
    }
    const before = state;
    state = applyEvent(before, e);
    if (e.type === 'value.set' && state.items !== before.items) {
      time = Math.max(time, ms(e.data.effectiveAt ?? e.recordedAt));
      const kind = e.data.item.kind;
      if (kind === 'system') record(state, 'recovery');
      if (kind === 'operating-mode') record(state, 'modes');
      if (kind === 'emergency') record(state, 'emergencies');
    }
  }
  return steps;
}

const plain = (columns: SeriesColumns) =>
  new Map(Object.entries(columns).map(([name, p]) => [name as SeriesName, { t: [...p.t], v: [...p.v] }]));
const everything = [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY] as const;

/** Folds `events` as the log commits them: in batches of random size, one fold scope each. */
function* foldInBatches(events: LogEvent[], r: ReturnType<typeof random>) {
  let state = initialSituation(registry, meta);
  let scope = newFoldScope();
  for (const e of events) {
    if (r.chance(0.2)) scope = newFoldScope();
    const folded = foldCounting(state, e, scope);
    state = folded.state;
    yield { e, write: folded.write, state };
  }
}

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

describe('chart series kept by counts', () => {
  it.each(SEEDS)('keep counts equal to a full recount after every event of a random log (seed %i)', (seed) => {
    const r = random(seed * 7919);
    // Releases of any item too: the counts equal a recount whatever the log holds.
    const events = randomLog(seed, 400, true);
    const counts = countSituation(initialSituation(registry, meta), registry);
    let writes = 0;
    for (const { write, state } of foldInBatches(events, r)) {
      if (write) {
        countWrite(counts, registry, write);
        writes++;
      }
      expect(counts).toEqual(countSituation(state, registry));
    }
    expect(writes).toBeGreaterThan(100);
  });

  it.each(SEEDS)('give the same points as replaying the log and recounting after each write (seed %i)', (seed) => {
    const r = random(seed * 104729);
    const events = randomLog(seed, 400);
    const series = ChartSeries.opened(registry, meta, initialSituation(registry, meta));
    for (const { e, write } of foldInBatches(events, r)) series.apply(e, write);

    const expected = replayedSeries(events);
    expect(plain(series.window(...everything))).toEqual(expected);
    expect([...expected.values()].reduce((n, s) => n + s.t.length, 0)).toBeGreaterThan(50);
  });

  it.each(SEEDS.slice(0, 15))(
    'give the same points when resumed from saved chunks after restarts (seed %i)',
    (seed) => {
      const r = random(seed * 31337);
      const events = randomLog(seed, 300);
      const saved: SeriesColumns[] = [];
      let series = ChartSeries.opened(registry, meta, initialSituation(registry, meta));
      for (const { e, write, state } of foldInBatches(events, r)) {
        series.apply(e, write);
        if (!r.chance(0.05)) continue;
        // A snapshot saves the points added since the previous one; sometimes the server restarts from it.
        const chunk = series.unsaved();
        saved.push(chunk.points);
        series.saved();
        if (r.chance(0.5)) series = ChartSeries.resumed(registry, state, chunk.position);
      }
      const held = new Map(seriesNames.map((name) => [name, { t: [] as number[], v: [] as number[] }]));
      for (const chunk of saved) {
        for (const [name, p] of Object.entries(chunk) as [SeriesName, { t: Float64Array; v: Float64Array }][]) {
          held.get(name)!.t.push(...p.t);
          held.get(name)!.v.push(...p.v);
        }
      }
      if (!series.complete) {
        const lists = new Map(
          [...held].map(([name, p]) => {
            const list = new PointList();
            list.append(p.t, p.v);
            return [name, list];
          }),
        );
        expect(series.prepend(lists, series.heldAfterSeq + 1)).toBe(false);
        expect(series.prepend(lists, series.heldAfterSeq)).toBe(true);
      }

      expect(plain(series.window(...everything))).toEqual(replayedSeries(events));
    },
  );

  it('read a window with binary search, led by the value in effect at its start', () => {
    const events = randomLog(3, 400);
    const series = ChartSeries.opened(registry, meta, initialSituation(registry, meta));
    for (const { e, write } of foldInBatches(events, random(3))) series.apply(e, write);
    const all = replayedSeries(events);
    const { t, v } = all.get('recovery')!;
    const [from, to] = [t[10]! + 1, t[40]!];

    const window = plain(series.window(from, to)).get('recovery')!;

    const inside = t.flatMap((time, i) => (time >= from && time <= to ? [i] : []));
    expect(window).toEqual({
      t: [from, ...inside.map((i) => t[i])],
      v: [v[inside[0]! - 1], ...inside.map((i) => v[i])],
    });
  });
});
