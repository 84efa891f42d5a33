/**
 * A SQLite store holding some of everything a copy must carry, written through the server's own code:
 * the demo scenario played by an IncidentLog (several logs, idempotency records, snapshots with their
 * chart chunks) and an access store with accounts, codes, screens, pairings, sessions and a journal.
 * For the copy's tests, and to try `pnpm store:copy` by hand.
 */
import { seedSession } from '../../access/seedSession.ts';
import { digest } from '../../access/secrets.ts';
import { DEFAULT_REGISTRY_PATH } from '../../config/env.ts';
import { IncidentLog } from '../../log/incidentLog.ts';
import { loadRegistry } from '../../registry/loadRegistry.ts';
import { loadScenario } from '../../scenario/scenarioFile.ts';
import { ScenarioPlayer } from '../../scenario/scenarioPlayer.ts';
import { openSqliteAccessStore } from '../sqlite/sqliteAccessStore.ts';
import { openSqliteStore } from '../sqlite/sqliteStore.ts';

const SPEED = 60;

/** Writes a demo store at `path` (a new file), and its access store beside it. */
export async function seedFullStore(path: string): Promise<void> {
  const registry = loadRegistry(DEFAULT_REGISTRY_PATH);
  const scenario = loadScenario();
  const store = openSqliteStore(path, 'demo');
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  // Snapshots (with the chart points since the previous one) every 200 events, as a server does every 5000.
  const log = new IncidentLog(store, registry, { now, snapshotEvery: 200 });
  await log.open();
  const player = new ScenarioPlayer(log, registry, scenario, { speed: SPEED, now });
  const advance = (minutes: number) => {
    offsetMs += (minutes * 60_000) / SPEED;
    return player.tick();
  };
  const end = scenario.steps.at(-1)!.at;
  await player.tick(); // opens the demo incident: a second log after the empty first one
  await advance(end / 2);
  await advance(end / 2);
  await advance(scenario.loopPauseMinutes + 1); // the loop opens a third log
  await advance(end / 3);
  await log.close();
  await store.close();

  const access = openSqliteAccessStore(path.replace(/\.sqlite$/, '') + '-access.sqlite');
  const at = new Date().toISOString();
  const later = new Date(Date.now() + 3_600_000).toISOString();
  const lead = await seedSession(access, { name: 'Marie Curie', roles: ['lead', 'admin'], login: 'marie.curie' });
  const commander = await seedSession(access, {
    name: 'Louis Pasteur',
    roles: ['commander'],
    scope: { hospitals: ['cochin'], ghus: ['ghu-centre'] },
  });
  await seedSession(access, { name: 'Lecture', roles: ['viewer'] });
  await access.updateAccount(lead.accountId, { passwordHash: '$argon2id$v=19$seeded', lastSignInAt: at });
  await access.addCode({ hash: digest('code-1'), subjectId: commander.accountId, expiresAt: later });
  await access.addCode({ hash: digest('code-2'), subjectId: commander.accountId, expiresAt: later });
  await access.consumeCode(digest('code-1'), at);
  await access.createScreen({
    id: 'screen-1',
    name: 'Mur PC crise',
    createdAt: at,
    pairedAt: null,
    lastSeenAt: null,
    revokedAt: null,
  });
  await access.addPairing({ hash: digest('pairing-1'), subjectId: 'screen-1', expiresAt: later });
  await access.addPairing({ hash: digest('pairing-2'), subjectId: 'screen-1', expiresAt: later });
  await access.consumePairing(digest('pairing-2'), at);
  await access.updateScreen('screen-1', { pairedAt: at, lastSeenAt: at });
  await access.createSession({
    id: 'screen-session',
    tokenHash: digest('screen-token'),
    accountId: null,
    screenId: 'screen-1',
    createdAt: at,
    lastSeenAt: at,
    expiresAt: later,
    address: '192.0.2.7',
    userAgent: 'Wall',
    endedAt: null,
  });
  await access.endSessions({ accountId: commander.accountId }, at, 'signed-out');
  for (const action of ['account.created', 'screen.paired', 'session.ended']) {
    await access.journal({
      at,
      actorId: lead.accountId,
      actorName: 'Marie Curie',
      action,
      target: commander.accountId,
      address: '192.0.2.1',
      sessionId: lead.sessionId,
    });
  }
  await access.close();
}
