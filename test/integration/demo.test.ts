import { afterEach, describe, expect, it } from 'vitest';
import {
  isEmergencyOpen,
  latestPublished,
  overdueNextPoint,
  passedEta,
  pointBehindEta,
  unconfirmedFor,
  type Situation,
  type Tracked,
} from '@vigie/shared';
import { defaultRegistry, loadScenario, ScenarioPlayer, startTestServer, type TestServer } from '@vigie/server/testing';
import { contractViolations, key, observed, type ObservedClient } from './support/observedClient.ts';

const scenario = loadScenario();
const SPEED = 60;
let server: TestServer;
const clients: ObservedClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server.close();
  expect(contractViolations).toEqual([]);
});

/** A demo server whose clock the test moves forward (scenario minutes at SPEED). */
async function demoServer() {
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  server = await startTestServer({ kind: 'demo', now });
  const player = new ScenarioPlayer(server.app.log, defaultRegistry(), scenario, { speed: SPEED, now });
  await player.tick(); // opens the demo incident
  const startedAt = Date.now();
  const toMinute = async (minute: number) => {
    offsetMs = (minute * 60_000) / SPEED - (Date.now() - startedAt);
    await player.tick();
  };
  return { player, toMinute };
}

const lastStepMinute = scenario.steps.at(-1)!.at;

function expectEndState(s: Situation, except: { system?: string; mode?: string } = {}) {
  const end = scenario.endState;
  expect(s.incident).toMatchObject({ phase: end.phase, cause: end.cause });
  for (const [id, t] of Object.entries(s.items['operating-mode']))
    if (id !== except.mode) expect([id, t.value]).toEqual([id, end.operatingMode]);
  for (const [id, t] of Object.entries(s.items['response-level']))
    expect([id, t.value]).toEqual([id, end.responseLevel]);
  for (const [id, t] of Object.entries(s.items.system))
    if (id !== except.system) expect([id, t.value]).toEqual([id, end.system]);
  for (const t of Object.values(s.items.samu)) expect(t.value).toBe(end.samu);
  for (const t of Object.values(s.items.stage)) expect(t.value).toBe(end.stage);
  expect(s.eta.map((r) => r.label)).toEqual(end.etaLabels);
  expect(Object.values(s.statements).filter((st) => st.status === 'published')).toHaveLength(end.publishedStatements);
}

describe('the demo', () => {
  it('plays the reference incident through the command path to its declared end state', async () => {
    const { toMinute } = await demoServer();
    const viewer = await observed(server.url);
    clients.push(viewer);
    expect(viewer.sync()).toMatchObject({
      kind: 'situation',
      state: { demo: true, incident: { title: scenario.incident.title } },
    });
    await toMinute(lastStepMinute);
    const s = server.app.log.situation;
    expectEndState(s);
    expect(s.clock?.speed).toBe(SPEED);
    expect(Date.parse(s.clock!.simStart)).toBe(Date.parse(scenario.start));
    expect(Object.values(s.items.emergency).filter((e) => isEmergencyOpen(e.value.status)).length).toBeGreaterThan(0);
    // SAMU confirmed opérationnel by the scenario, never affected.
    expect(Object.values(s.items.samu).every((t) => t.version > 0 && t.by.kind === 'scenario')).toBe(true);
    expect(Object.keys(s.affected).filter((id) => id.startsWith('samu'))).toEqual([]);
    // Never a passed estimate nor an overdue point left standing: the scenario revises and publishes in time.
    expect(s.eta.at(-1)!.targetAt! > s.incident!.effectiveAt!).toBe(true);
    // Every scenario write was made as the scenario actor.
    const events = await server.store.readEvents(server.app.log.current.logId, 0, 100_000);
    expect(new Set(events.map((e) => e.by.kind))).toEqual(new Set(['scenario']));
    // Writes carry their scheduled scenario time, however late the tick that ran them.
    const first = events.find((e) => e.type === 'value.set');
    expect(first?.type === 'value.set' && Date.parse(first.data.effectiveAt!)).toBe(
      Date.parse(scenario.start) + scenario.steps[0]!.at * 60_000,
    );
    await viewer.until(() => (viewer.sync() as { seq: number }).seq === s.seq);
  });

  it('never leaves the wall a passed estimate, an overdue point, a contradicted point or an unconfirmed value for long', async () => {
    const { toMinute } = await demoServer();
    const start = Date.parse(scenario.start);
    const minutes = [...new Set(scenario.steps.map((s) => s.at))];
    const flagged: string[] = [];
    // Just before each step runs: what stands on the wall at that moment, on the scenario's clock.
    for (const next of minutes.slice(1)) {
      const minute = next - 0.01;
      await toMinute(minute);
      const s = server.app.log.situation;
      const now = start + minute * 60_000;
      const point = latestPublished(s.statements);
      if (passedEta(s.eta, s.incident, now)) flagged.push(`estimate passed at minute ${minute}`);
      if (overdueNextPoint(point, now)) flagged.push(`next point overdue at minute ${minute}`);
      const behind = pointBehindEta(point, s.eta);
      if (behind && now - Date.parse(behind.revisedAt) > 10 * 60_000)
        flagged.push(`point contradicted at minute ${minute} by the estimate of ${behind.revisedAt}`);
      for (const kind of ['operating-mode', 'samu'] as const)
        for (const [id, t] of Object.entries<Tracked<unknown>>(s.items[kind]))
          if (unconfirmedFor(kind, t, s.incident, now)) flagged.push(`${kind} ${id} unconfirmed at minute ${minute}`);
    }
    expect(flagged).toEqual([]);
  });

  it('keeps what a person set during the demo, showing later scenario writes as ignored', async () => {
    const { toMinute } = await demoServer();
    await toMinute(100);
    const me = await server.as('commander');
    const person = await observed(server.url, me);
    clients.push(person);
    for (const [event, payload] of [
      ['system:set-status', { hospitalId: 'cochin', systemId: 'dpi', status: 'degrade' }],
      ['hospital:set-operating-mode', { hospitalId: 'hegp', mode: 'critique' }],
    ] as const) {
      expect(await person.send(event, { idempotencyKey: key(), ...payload })).toMatchObject({ ok: true });
    }
    await toMinute(lastStepMinute);
    const s = server.app.log.situation;
    expectEndState(s, { system: 'cochin:dpi', mode: 'hegp' });
    expect(s.items.system['cochin:dpi']).toMatchObject({ value: 'degrade', heldBy: { id: me.accountId } });
    expect(s.items['operating-mode'].hegp?.value).toBe('critique');
    const events = await server.store.readEvents(server.app.log.current.logId, 0, 100_000);
    const ignored = events
      .filter((e) => e.type === 'value.ignored')
      .map((e) => e.type === 'value.ignored' && e.data.item.id);
    expect(ignored).toEqual(expect.arrayContaining(['cochin:dpi', 'hegp']));
    expect(ignored.filter((id) => id === 'cochin:dpi')).toHaveLength(3); // restoring, restored, operational
  });

  it('loops by opening a new demo incident after the pause', async () => {
    const { toMinute } = await demoServer();
    const first = server.app.log.logId;
    await toMinute(lastStepMinute + scenario.loopPauseMinutes);
    await toMinute(lastStepMinute + scenario.loopPauseMinutes + 1);
    expect(server.app.log.logId).not.toBe(first);
    expect(server.app.log.situation).toMatchObject({ demo: true, incident: { phase: 'alerte' } });
  });

  it('is refused by a live store', async () => {
    server = await startTestServer({ kind: 'live' });
    const player = new ScenarioPlayer(server.app.log, defaultRegistry(), scenario, { speed: SPEED });
    const before = server.app.log.situation;
    await player.tick();
    expect(server.app.log.situation).toBe(before);
  });
});
