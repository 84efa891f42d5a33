import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashState, projectSituation, type Situation } from '@vigie/shared';
import { backupNow, buildPrincipal, restoreBackup, startTestServer, type TestServer } from '@vigie/server/testing';
import { contractViolations, key, observe, type ObservedClient } from './support/observedClient.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-restore-'));
let server: TestServer;
let client: ObservedClient | null = null;
afterEach(async () => {
  client?.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  expect(contractViolations).toEqual([]);
});

const request = { principal: buildPrincipal('commander'), origin: { sessionId: null, address: null } };
async function changes(count: number, status: string) {
  for (let i = 0; i < count; i++) {
    const input = { idempotencyKey: key(), hospitalId: i % 2 ? 'cochin' : 'hegp', systemId: 'dpi', status };
    expect((await server.app.log.submit('system:set-status', input, request)).ok).toBe(true);
  }
}
/** The situation without its log id (a restore changes the epoch in it, nothing else). */
const content = (s: Situation) => hashState({ ...s, logId: null });

describe('backup and restore', () => {
  it('restores the backed-up state under a new epoch, and a client connected through it ends equal to the server', async () => {
    const storePath = join(dir, 'vigie.sqlite');
    server = await startTestServer({ storePath });
    const port = server.port;
    await changes(120, 'indisponible');
    const backedUp = server.app.log.situation;
    const backup = await backupNow(server.store, join(dir, 'backups'), 3);
    await changes(30, 'degrade'); // after the backup: lost by the restore, as the operator chose

    client = observe(server.url, {}, { reconnect: true });
    await client.until(() => (client!.sync() as { seq?: number }).seq === server.app.log.situation.seq);
    const heldBefore = client.sync() as { logId: string; seq: number };
    await server.close();

    const { epoch } = restoreBackup(backup, storePath);
    expect(epoch).toBe(2);
    server = await startTestServer({ storePath, port });
    expect(content(server.app.log.situation)).toBe(content(backedUp));
    expect(server.app.log.situation.logId).not.toBe(heldBefore.logId);

    // New writes after the restore bring the log back to the very seq the client holds, with other content:
    // without a new epoch the client would take itself for up to date.
    await changes(30, 'operationnel');
    expect(server.app.log.situation.seq).toBe(heldBefore.seq);
    const c = client;
    await c.until(
      () => (c.sync() as { seq?: number; logId?: string }).logId === server.app.log.situation.logId,
      15_000,
    );
    await c.until(() => (c.sync() as { seq: number }).seq === server.app.log.situation.seq, 15_000);
    const sync = c.sync();
    expect(sync.kind === 'situation' && hashState(sync.state)).toBe(
      hashState(projectSituation(server.app.log.situation, 'viewer')),
    );
  });
});
