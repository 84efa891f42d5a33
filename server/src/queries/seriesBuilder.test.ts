import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandResult, Reply } from '@vigie/shared';
import { IncidentLog, type RequestContext } from '../log/incidentLog.ts';
import { openSqliteStore } from '../store/sqlite/sqliteStore.ts';
import type { EventStore } from '../store/eventStore.ts';
import { buildPrincipal, defaultRegistry, tempDir, withOverrides } from '../testing.ts';
import { SeriesBuilder } from './seriesBuilder.ts';

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

async function openLog() {
  const tmp = tempDir();
  const store = openSqliteStore(join(tmp.dir, 'log.sqlite'), 'live');
  cleanups.push(() => {
    if (store.db.open) store.db.close();
    tmp.remove();
  });
  const log = new IncidentLog(store, registry);
  await log.open();
  const builder = (reader: EventStore = store) => {
    const series = new SeriesBuilder(log, reader, registry);
    cleanups.push(() => series.stop());
    return series;
  };
  return { log, store, builder };
}

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

describe('SeriesBuilder', () => {
  it('replays a log into step series at the effective times of its writes', async () => {
    const { log, builder } = await openLog();
    await writeIncident(log);

    const data = await builder().read(everything);

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

  it('gives the same series kept current from commits as replayed from the store', async () => {
    const { log, store, builder } = await openLog();
    let replayed = 0;
    const counting = (store: EventStore) =>
      withOverrides(store, {
        readEvents: async (...args) => {
          const events = await store.readEvents(...args);
          replayed += events.length;
          return events;
        },
      });
    await openIncident(log, iso(0));
    const live = builder(counting(store));
    await live.read(everything);
    replayed = 0;
    await writeChanges(log);
    await setSystem(log, 'hegp', 'operationnel', 6);
    // One group commit of several events.
    await Promise.all(['necker', 'broca', 'bichat'].map((id, i) => setSystem(log, id, statuses[i]!, 7)));

    expect(await live.read(everything)).toEqual(await builder().read(everything));
    expect(replayed).toBe(0);
    expect((await live.read(everything)).series['recovery']?.v.at(-1)).toBeCloseTo(3 / 4);
  });

  it('catches up with commits that land while it replays', async () => {
    const { log, builder } = await openLog();
    await writeIncident(log);
    const series = builder();

    const [during] = await Promise.all([
      series.read(everything),
      ...['necker', 'broca', 'hotel-dieu'].map((id, i) => setSystem(log, id, 'indisponible', 7 + i)),
    ]);
    const after = await series.read(everything);

    expect(during.seq).toBeLessThanOrEqual(after.seq);
    expect(after.seq).toBe(log.situation.seq);
    expect(after).toEqual(await builder().read(everything));
  });

  it('starts again from the initial values when a new incident opens', async () => {
    const { log, builder } = await openLog();
    const series = builder();
    await writeIncident(log);
    await series.read(everything);

    await openIncident(log, iso(60));
    const data = await series.read(everything);

    expect(data).toMatchObject({ logId: log.situation.logId, seq: 1 });
    expect(data.series['recovery']).toEqual({ t: [], v: [] });
    expect(data.series['mode:inconnu']).toEqual({ t: [at(60)], v: [hospitals] });
    expect(data.series['emergencies-open']).toEqual({ t: [at(60)], v: [0] });
  });

  it('reads a window led by the value in effect at its start', async () => {
    const { log, builder } = await openLog();
    await writeIncident(log);

    const { series } = await builder().read({ from: at(2), to: at(4) });

    expect(series['recovery']).toEqual({ t: [at(2), at(3)], v: [0, 0.5] });
    expect(series['mode:inconnu']).toEqual({ t: [at(2), at(4)], v: [hospitals, hospitals - 1] });
    expect(series['emergencies-open']).toEqual({ t: [at(2)], v: [0] });
    expect(series['recovery:reseau']).toEqual({ t: [], v: [] });
  });
});
