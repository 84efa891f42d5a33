import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applyEvent,
  hashState,
  initialSituation,
  logEntriesOf,
  SITUATION_LOG_ENTRIES,
  systemStatuses,
  type Registry,
  type Situation,
} from '@vigie/shared';
import { statementFields } from '@vigie/shared/testing';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqliteStore.ts';
import { buildPrincipal, defaultRegistry, tempDir } from '../testing.ts';
import { IncidentLog } from './incidentLog.ts';
import { rebuildSituation } from './rebuildSituation.ts';

const registry = defaultRegistry();
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const request = { principal: buildPrincipal('lead'), origin: { sessionId: null, address: null } };
let n = 0;
const key = () => `rebuild-${++n}-key`;

function storeFile() {
  const tmp = tempDir();
  const path = join(tmp.dir, 's.sqlite');
  const opened: SqliteStore[] = [];
  cleanups.push(() => {
    opened.forEach((s) => void s.close());
    tmp.remove();
  });
  return { open: () => (opened.push(openSqliteStore(path, 'live')), opened.at(-1)!) };
}

/** Writes `count` varied changes through a log that snapshots every `every` events. */
async function writeLog(store: SqliteStore, every: number, count: number, reg: Registry = registry) {
  const log = new IncidentLog(store, reg, { snapshotEvery: every });
  await log.open();
  await log.submit(
    'incident:open',
    { idempotencyKey: key(), type: 'sse-numerique', title: 'Panne', cause: 'technique' },
    request,
  );
  const hospitals = reg.hospitals.map((h) => h.id);
  for (let i = 0; i < count; i++) {
    const which = i % 5;
    const input =
      which === 0
        ? ['log:add-entry', { type: 'decision', text: `décision ${i}` }]
        : which === 1
          ? ['statement:draft', { fields: statementFields }]
          : [
              'system:set-status',
              { hospitalId: hospitals[i % hospitals.length], systemId: 'dpi', status: systemStatuses.ids[i % 7] },
            ];
    await log.submit(input[0] as 'log:add-entry', { idempotencyKey: key(), ...(input[1] as object) }, request);
  }
  return log;
}

// A few hundred commits (every one with a snapshot, or a thousand main-courante entries) take one to
// three seconds alone and several times that on a loaded machine: the subject is the state, not the speed.
describe('rebuildSituation', { timeout: 30_000 }, () => {
  it.each([1, 37, 100, 1000])('equals a full replay when snapshots are taken every %i events', async (every) => {
    const file = storeFile();
    const store = file.open();
    const log = await writeLog(store, every, 230);
    const snapshot = await store.latestSnapshot(log.current.logId);
    if (every <= 230) expect(snapshot?.seq).toBeGreaterThan(0);
    const rebuilt = await rebuildSituation(store, registry, log.current);
    const full = (await store.readEvents(log.current.logId, 0, 1_000_000)).reduce(
      applyEvent,
      initialSituation(registry, log.current),
    );
    expect(rebuilt.replayed).toBe(full.seq - (snapshot?.seq ?? 0));
    expect(hashState(rebuilt.state)).toBe(hashState(full));
    expect(hashState(rebuilt.state)).toBe(hashState(log.situation));
  });

  it('ignores a snapshot made with another registry and replays the log', async () => {
    const store = storeFile().open();
    const log = await writeLog(store, 10, 40);
    const other = { ...registry, version: 'other' };
    const rebuilt = await rebuildSituation(store, other, log.current);
    expect(rebuilt.snapshotSeq).toBe(0);
    expect(rebuilt.replayed).toBe(log.situation.seq);
  });

  it('loads a snapshot that kept every main-courante entry and no count, then replays after it', async () => {
    const file = storeFile();
    const store = file.open();
    const log = await writeLog(store, 1_000_000, 5 * (SITUATION_LOG_ENTRIES + 50));
    const events = await store.readEvents(log.current.logId, 0, 1_000_000);
    const entries = logEntriesOf(events);
    expect(entries.length).toBeGreaterThan(SITUATION_LOG_ENTRIES);
    // The shape snapshots had when the situation kept the whole main courante.
    const { logCount: _, ...current } = log.situation;
    const stored = { ...current, log: entries } as unknown as Situation;
    await store.saveSnapshot(log.current.logId, {
      seq: log.situation.seq,
      registryVersion: registry.version,
      state: stored,
    });
    const reopened = new IncidentLog(store, registry);
    await reopened.open();
    await reopened.submit('log:add-entry', { idempotencyKey: key(), type: 'decision', text: 'après' }, request);

    const rebuilt = await rebuildSituation(store, registry, log.current);
    expect(rebuilt.snapshotSeq).toBe(log.situation.seq);
    expect(rebuilt.state.logCount).toBe(entries.length + 1);
    expect(rebuilt.state.log).toHaveLength(SITUATION_LOG_ENTRIES);
    const full = (await store.readEvents(log.current.logId, 0, 1_000_000)).reduce(
      applyEvent,
      initialSituation(registry, log.current),
    );
    expect(hashState(rebuilt.state)).toBe(hashState(full));
    expect(hashState(reopened.situation)).toBe(hashState(full));
  });
});

describe('a registry change against an existing log', () => {
  it('gives a snapshot made before modeSince the time each hospital’s mode was last written, then replays after it', async () => {
    const file = storeFile();
    const store = file.open();
    const log = await writeLog(store, 1_000_000, 3);
    const [hospital] = registry.hospitals;
    await log.submit(
      'hospital:set-operating-mode',
      { idempotencyKey: key(), hospitalId: hospital!.id, mode: 'ralenti-maitrise' },
      request,
    );
    const withoutModeSince = Object.fromEntries(
      Object.entries(log.situation.hospitals).map(([id, { modeSince: _, ...f }]) => [id, f]),
    );
    await store.saveSnapshot(log.current.logId, {
      seq: log.situation.seq,
      registryVersion: registry.version,
      state: { ...log.situation, hospitals: withoutModeSince } as unknown as Situation,
    });
    const rebuilt = await rebuildSituation(store, registry, log.current);
    const mode = rebuilt.state.items['operating-mode'][hospital!.id]!;
    expect(rebuilt.state.hospitals[hospital!.id]!.modeSince).toBe(mode.effectiveAt ?? mode.recordedAt);
    expect(rebuilt.state.hospitals[registry.hospitals[1]!.id]!.modeSince).toBeNull();
    expect(hashState(rebuilt.state)).toBe(hashState(log.situation));
  });

  it('refuses at start a registry that removes or renames ids, listing them', async () => {
    const file = storeFile();
    await writeLog(file.open(), 1000, 5);
    const renamed: Registry = {
      ...registry,
      version: 'renamed',
      hospitals: registry.hospitals.map((h) => (h.id === 'vaugirard' ? { ...h, id: 'vaugirard-gabriel-pallez' } : h)),
    };
    const log = new IncidentLog(file.open(), renamed);
    await expect(log.open()).rejects.toThrow(
      /removes or renames[\s\S]*- hospital vaugirard[\s\S]*\+ hospital vaugirard-gabriel-pallez/,
    );
  });

  it('accepts a registry that only adds ids, records the change and shows the new items', async () => {
    const file = storeFile();
    const before = await writeLog(file.open(), 1000, 5);
    const template = registry.hospitals.find((h) => h.id === 'hegp')!;
    const extended: Registry = {
      ...registry,
      version: 'extended',
      hospitals: [
        ...registry.hospitals,
        {
          ...template,
          id: 'nouvel-hopital',
          shortName: 'Nouvel',
          sites: [{ ...template.sites[0]!, id: 'nouvel-hopital' }],
        },
      ],
    };
    const store = file.open();
    const log = new IncidentLog(store, extended);
    await log.open();
    expect(log.situation.seq).toBe(before.situation.seq + 1);
    expect(log.situation.registryVersion).toBe('extended');
    expect(log.situation.items['operating-mode']['nouvel-hopital']?.value).toBe('normal');
    const [event] = await store.readEvents(log.current.logId, before.situation.seq, 10);
    expect(event).toMatchObject({
      type: 'registry.changed',
      data: { from: registry.version, to: 'extended', added: ['hospital nouvel-hopital', 'site nouvel-hopital'] },
    });
    expect((await store.currentLog())?.registryVersion).toBe('extended');
    // Opening again with the same registry records nothing more.
    const again = new IncidentLog(file.open(), extended);
    await again.open();
    expect(again.situation.seq).toBe(log.situation.seq);
  });
});
