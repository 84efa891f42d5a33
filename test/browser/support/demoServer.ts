/** A demo server serving the built dashboard, with the reference scenario played up to a scenario minute. */
import {
  DEFAULT_CLIENT_DIST,
  defaultRegistry,
  loadScenario,
  ScenarioPlayer,
  startTestServer,
  type TestServer,
} from '@vigie/server/testing';

/** The server's clock is moved forward `minute` scenario minutes (one hour per real minute) and the player ticks there. */
export async function startDemoAt(minute: number): Promise<TestServer> {
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const server = await startTestServer({ kind: 'demo', clientDist: DEFAULT_CLIENT_DIST, now });
  const player = new ScenarioPlayer(server.app.log, defaultRegistry(), loadScenario(), { speed: 60, now });
  await player.tick(); // opens the demo incident
  offsetMs = minute * 1000;
  await player.tick();
  return server;
}
