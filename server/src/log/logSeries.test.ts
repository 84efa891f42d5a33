import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandResult, Reply, SeriesPoints } from '@vigie/shared';
import { IncidentLog, type RequestContext } from './incidentLog.ts';
import { LogSeries, type SeriesRead } from './logSeries.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqliteStore.ts';
import type { EventStore } from '../store/eventStore.ts';
import { buildPrincipal, defaultRegistry, tempDir, withOverrides } from '../testing.ts';

const registry = defaultRegistry();
const hospitals = registry.hospitals.length;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const MINUTE = 60_000;
/** The incident's start, on the minute, three hours ago (writes may be backdated, never in the future). */
const T0 = Math.floor((Date.now() - 3 * 60 * MINUTE) / MINUTE) * MINUTE;
const at = (minutes: number) => T0 + minutes * MINUTE;
const iso = (minutes: number) => new Date(at(minutes)).toISOString();
const statuses = ['operationnel', 'indisponible', 'retabli-sous-surveillance'];
const everything = { from: Number.NEGATIVE_INFINITY, to: Number.POSITIVE_INFINITY };

const request: RequestContext = { principal: buildPrincipal('lead'), origin: { sessionId: null, address: null } };
let keyCounter = 0;
const key = () => `series-${++keyCounter}-xxxxxxxx`;

/** Counts the events a store is asked for (a query must never replay the log). */
function counting(store: EventStore) {
  const read = { events: 0 };
  const wrapped = withOverrides(store, {
    readEvents: async (...args) => {
      const events = await store.readEvents(...args);
      read.events += events.length;
      return events;
    },
  });
  return { read, store: wrapped };
}

function storeFile() {
  const tmp = tempDir();
  const path = join(tmp.dir, 'log.sqlite');
  const opened: SqliteStore[] = [];
  cleanups.push(() => {
    opened.forEach((s) => s.db.open && s.db.close());
    tmp.remove();
  });
  return () => (opened.push(openSqliteStore(path, 'live')), opened.at(-1)!);
}

async function openLog(options: { snapshotEvery?: number; store?: EventStore } = {}) {
  const store = options.store ?? storeFile()();
  const log = new IncidentLog(store, registry, { snapshotEvery: options.snapshotEvery ?? 5000 });
  await log.open();
  cleanups.push(() => log.series.stop());
  return log;
}

/** A series rebuilt from the store's log alone. */
async function rebuilt(log: IncidentLog, store: EventStore): Promise<SeriesRead> {
  const series = new LogSeries(store, registry);
  series.open(log.current, null);
  cleanups.push(() => series.stop());
  return series.read(everything);
}

/** Every series as plain points. */
const plain = (data: SeriesRead) => ({
  logId: data.logId,
  seq: data.seq,
  series: Object.fromEntries(
    Object.entries(data.series).map(([name, p]): [string, SeriesPoints] => [name, { t: [...p.t], v: [...p.v] }]),
  ),
});
const read = async (log: IncidentLog, range = everything) => plain(await log.series.read(range));

async function submit(log: IncidentLog, name: string, input: Record<string, unknown>): Promise<CommandResult> {
  const reply: Reply<CommandResult> = await log.submit(name, { idempotencyKey: key(), ...input }, request);
  if (!reply.ok) throw new Error(`${name} refused: ${reply.error.code} – ${reply.error.message}`);
  return reply.data;
}

const openIncident = (log: IncidentLog, startedAt: string) =>
  submit(log, 'incident:open', { type: 'sse-numerique', title: 'Panne', cause: 'indeterminee', startedAt });
const setSystem = (log: IncidentLog, hospitalId: string, status: string, minutes: number) =>
  submit(log, 'system:set-status', { hospitalId, systemId: 'dpi', status, effectiveAt: iso(minutes) });

/** An incident from T0 with writes at +1…+5 minutes, then one backdated to +30 s recorded after them. */
async function writeIncident(log: IncidentLog) {
  await openIncident(log, iso(0));
  await writeChanges(log);
}

async function writeChanges(log: IncidentLog) {
  await setSystem(log, 'cochin', 'indisponible', 1);
  await setSystem(log, 'hegp', 'indisponible', 2);
  await setSystem(log, 'cochin', 'operationnel', 3);
  await submit(log, 'hospital:set-operating-mode', {
    hospitalId: 'cochin',
    mode: 'procedures-degradees',
    effectiveAt: iso(4),
  });
  await submit(log, 'emergency:set-status', {
    departmentId: 'cochin-adulte',
    value: { status: 'fermees', targetSiteId: null, nextReviewAt: null, note: null },
    effectiveAt: iso(5),
  });
  await setSystem(log, 'bichat', 'indisponible', 0.5);
}

/** Many writes, of every kind the series count, spread over hospitals and minutes. */
async function writeMany(log: IncidentLog, count: number, from = 6) {
  const modes = ['normal', 'ralenti-maitrise', 'procedures-degradees', 'critique'];
  for (let i = 0; i < count; i++) {
    const hospitalId = registry.hospitals[i % hospitals]!.id;
    const minutes = from + i / 10;
    if (i % 3 === 2) {
      await submit(log, 'hospital:set-operating-mode', { hospitalId, mode: modes[i % 4], effectiveAt: iso(minutes) });
    } else {
      await setSystem(log, hospitalId, statuses[i % 3]!, minutes);
    }
  }
}

describe('the log’s chart series', () => {
  it('are step series at the effective times of the writes', async () => {
    const log = await openLog();
    await writeIncident(log);

    const data = await read(log);

    expect(data).toMatchObject({ logId: log.situation.logId, seq: log.situation.seq });
    const recovery = { t: [at(1), at(3), at(5)], v: [0, 0.5, 1 / 3] };
    expect(data.series['recovery']).toEqual(recovery);
    expect(data.series['recovery:applications-medicales']).toEqual(recovery);
    expect(data.series['recovery:reseau']).toEqual({ t: [], v: [] });
    // Nobody reported a fonctionnement or an opening: the registry's defaults count as inconnu, never as normal or open.
    expect(data.series['mode:normal']).toEqual({ t: [at(0)], v: [0] });
    expect(data.series['mode:inconnu']).toEqual({ t: [at(0), at(4)], v: [hospitals, hospitals - 1] });
    expect(data.series['mode:procedures-degradees']).toEqual({ t: [at(0), at(4)], v: [0, 1] });
    expect(data.series['mode:critique']).toEqual({ t: [at(0)], v: [0] });
    expect(data.series['emergencies-open']).toEqual({ t: [at(0)], v: [0] });
  });

  it('are kept from the commits, without reading the log, and equal the series rebuilt from the store', async () => {
    const file = storeFile();
    const { read: reads, store } = counting(file());
    const log = await openLog({ store });
    await openIncident(log, iso(0));
    await writeChanges(log);
    await setSystem(log, 'hegp', 'operationnel', 6);
    // One group commit of several events.
    await Promise.all(['necker', 'broca', 'bichat'].map((id, i) => setSystem(log, id, statuses[i]!, 7)));

    const live = await read(log);

    expect(reads.events).toBe(0);
    expect(live).toEqual(plain(await rebuilt(log, file())));
    expect(live.series['recovery']?.v.at(-1)).toBeCloseTo(3 / 4);
  });

  it('rebuilt from the store, catch up with the commits that land meanwhile', async () => {
    const file = storeFile();
    const before = await openLog({ store: file(), snapshotEvery: 10 });
    await writeIncident(before);
    await writeMany(before, 30);
    // As an older store has them: snapshots without series.
    file().db.prepare('DELETE FROM series_chunks').run();
    const log = await openLog({ store: file(), snapshotEvery: 10 });

    const [during] = await Promise.all([
      log.series.read(everything),
      ...['necker', 'broca', 'hotel-dieu'].map((id, i) => setSystem(log, id, 'indisponible', 7 + i)),
    ]);
    await writeMany(log, 5, 20);

    expect(during.seq).toBeLessThanOrEqual(log.situation.seq);
    expect(await read(log)).toEqual(plain(await rebuilt(log, file())));
  });

  it('start again from the initial values when a new incident opens', async () => {
    const log = await openLog();
    await writeIncident(log);
    await read(log);

    await openIncident(log, iso(60));
    const data = await read(log);

    expect(data).toMatchObject({ logId: log.situation.logId, seq: 1 });
    expect(data.series['recovery']).toEqual({ t: [], v: [] });
    expect(data.series['mode:inconnu']).toEqual({ t: [at(60)], v: [hospitals] });
    expect(data.series['emergencies-open']).toEqual({ t: [at(60)], v: [0] });
  });

  it('read a window led by the value in effect at its start', async () => {
    const log = await openLog();
    await writeIncident(log);

    const { series } = await read(log, { from: at(2), to: at(4) });

    expect(series['recovery']).toEqual({ t: [at(2), at(3)], v: [0, 0.5] });
    expect(series['mode:inconnu']).toEqual({ t: [at(2), at(4)], v: [hospitals, hospitals - 1] });
    expect(series['emergencies-open']).toEqual({ t: [at(2)], v: [0] });
    expect(series['recovery:reseau']).toEqual({ t: [], v: [] });
    // A window starting on a point is not led by another.
    expect((await read(log, { from: at(3), to: at(3) })).series['recovery']).toEqual({ t: [at(3)], v: [0.5] });
  });
});

describe('the chart series across a restart', () => {
  it('answer the first query after a restart from what the snapshots saved, replaying only the tail', async () => {
    const file = storeFile();
    const before = await openLog({ store: file(), snapshotEvery: 7 });
    await writeIncident(before);
    await writeMany(before, 40);
    const expected = await read(before);
    const snapshot = await file().latestSnapshot(before.current.logId);

    const { read: reads, store } = counting(file());
    const after = await openLog({ store, snapshotEvery: 7 });
    const tail = reads.events;
    const data = await read(after);

    expect(tail).toBe(before.situation.seq - snapshot!.seq);
    expect(tail).toBeLessThan(7);
    expect(reads.events).toBe(tail);
    expect(data).toEqual(expected);
  });

  it('go on from where they were saved, equal to a rebuild from the log', async () => {
    const file = storeFile();
    const first = await openLog({ store: file(), snapshotEvery: 5 });
    await writeIncident(first);
    await writeMany(first, 23);
    // Restarted before anyone asked: the saved points are read back only when asked for.
    const second = await openLog({ store: file(), snapshotEvery: 5 });
    await writeMany(second, 17, 12);
    const third = await openLog({ store: file(), snapshotEvery: 5 });
    await writeMany(third, 9, 20);

    expect(await read(third)).toEqual(plain(await rebuilt(third, file())));
  });

  it('save with each snapshot only the points added since the previous one', async () => {
    const file = storeFile();
    const log = await openLog({ store: file(), snapshotEvery: 6 });
    await writeIncident(log);
    await writeMany(log, 50);

    const heads = await file().seriesHeads(log.current.logId);
    const chunks = await file().readSeriesChunks(log.current.logId, 0, Number.MAX_SAFE_INTEGER, 1000);
    const series = (await read(log)).series;

    expect(heads.length).toBeGreaterThan(5);
    expect(heads.map((h) => h.fromSeq)).toEqual([0, ...heads.slice(0, -1).map((h) => h.toSeq)]);
    expect(heads.at(-1)!.toSeq).toBe((await file().latestSnapshot(log.current.logId))!.seq);
    // Each point saved once, in order: together the chunks are each series up to the latest snapshot.
    for (const [name, { t, v }] of Object.entries(series)) {
      const saved = chunks.map((c) => c.points[name as keyof typeof c.points]);
      const savedT = saved.flatMap((p) => [...(p?.t ?? [])]);
      expect(savedT, name).toEqual(t.slice(0, savedT.length));
      expect(
        saved.flatMap((p) => [...(p?.v ?? [])]),
        name,
      ).toEqual(v.slice(0, savedT.length));
    }
  });

  it('are rebuilt once from the log, a page at a time, for a store that saved none', async () => {
    const file = storeFile();
    const log = await openLog({ store: file(), snapshotEvery: 10 });
    await writeIncident(log);
    await writeMany(log, 40);
    const expected = await read(log);
    // As an older store has them: snapshots without series.
    file().db.prepare('DELETE FROM series_chunks').run();

    const reopened = await openLog({ store: file(), snapshotEvery: 10 });
    expect(await read(reopened)).toEqual(expected);
    await writeMany(reopened, 12, 30);
    const again = await openLog({ store: file(), snapshotEvery: 10 });

    // Saved from their start with the next snapshot: the chain runs from 0 again.
    expect((await file().seriesHeads(log.current.logId))[0]!.fromSeq).toBe(0);
    expect(await read(again)).toEqual(plain(await rebuilt(again, file())));
  });

  it('rebuilt from the log, save their points a slice at a time as they go, the next snapshot adding only the rest', async () => {
    const file = storeFile();
    const log = await openLog({ store: file(), snapshotEvery: 1000 });
    await writeIncident(log);
    await writeMany(log, 60);
    const expected = await read(log);
    file().db.prepare('DELETE FROM series_chunks').run();

    const series = new LogSeries(file(), registry, undefined, { rebuildPage: 7, rebuildSaveEvery: 20 });
    series.open(log.current, null);
    cleanups.push(() => series.stop());
    const rebuiltData = plain(await series.read(everything));
    const heads = await file().seriesHeads(log.current.logId);
    const rest = series.unsaved(log.situation.seq)!;

    expect(rebuiltData).toEqual(expected);
    expect(heads.length).toBeGreaterThanOrEqual(3);
    expect(heads.map((h) => h.fromSeq)).toEqual([0, ...heads.slice(0, -1).map((h) => h.toSeq)]);
    expect(rest.fromSeq).toBe(heads.at(-1)!.toSeq);
    // Saved and unsaved together, each point once: the whole series.
    const chunks = await file().readSeriesChunks(log.current.logId, 0, Number.MAX_SAFE_INTEGER, 100);
    for (const [name, { t }] of Object.entries(expected.series)) {
      const parts = [...chunks, rest].map((c) => c.points[name as keyof typeof c.points]);
      expect(
        parts.flatMap((p) => [...(p?.t ?? [])]),
        name,
      ).toEqual(t);
    }
  });
});
