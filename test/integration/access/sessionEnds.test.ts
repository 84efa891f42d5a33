/**
 * Ending a session or changing a person's rights closes exactly the connections concerned: every tab
 * of that session or person, and nobody else's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@vigie/server/testing';
import { callApi } from '../support/api.ts';
import { observed, type ObservedClient } from '../support/observedClient.ts';

let server: TestServer;
afterEach(() => server.close());

/** Still connected and told nothing, and still hearing the server after the others were closed. */
async function untouched(client: ObservedClient) {
  const heard = client.heartbeats.length;
  await client.until(() => client.heartbeats.length > heard, 5000);
  expect(client.socket.connected).toBe(true);
  expect(client.ended).toEqual([]);
}

describe('closing the connections of an ended session or a changed person', () => {
  it('closes every tab of the session signed out and of the person whose rights changed, and no other', async () => {
    server = await startTestServer({ openRead: false });
    const admin = await server.as('admin');
    const [claire, louis, marie] = await Promise.all([server.as('viewer'), server.as('viewer'), server.as('viewer')]);
    const claireTabs = await Promise.all([observed(server.url, claire), observed(server.url, claire)]);
    const louisTab = await observed(server.url, louis);
    const marieTabs = await Promise.all([observed(server.url, marie), observed(server.url, marie)]);

    await callApi(server.url, 'session:sign-out', { cookie: claire.cookie });
    for (const tab of claireTabs)
      await tab.until(() => tab.ended.includes('signed-out') && !tab.socket.connected, 3000);
    await callApi(server.url, 'admin:account:update', {
      cookie: admin.cookie,
      params: { id: marie.accountId },
      body: { roles: ['commander'] },
    });
    for (const tab of marieTabs)
      await tab.until(() => tab.ended.includes('roles-changed') && !tab.socket.connected, 3000);

    expect(claireTabs.map((t) => t.ended)).toEqual([['signed-out'], ['signed-out']]);
    expect(marieTabs.map((t) => t.ended)).toEqual([['roles-changed'], ['roles-changed']]);
    await untouched(louisTab);
  });
});
