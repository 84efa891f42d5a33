/**
 * A server whose output nobody reads any more (its supervisor's pipe closed, a journal restarted)
 * keeps serving and still stops cleanly on SIGTERM: its log lines are dropped, never retried forever.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from './support/serverProcess.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'vigie-lost-output-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('a server whose output is no longer read', () => {
  it('goes on answering, then stops on SIGTERM', async () => {
    const server = await startServer(dataDir);
    try {
      server.proc.stdout!.destroy(); // the only reader of its output goes away
      // Health probes are not logged: the first line to meet the closed pipe is the one saying it stops.
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      server.proc.kill('SIGTERM');
      const stopped = await Promise.race([
        server.exited,
        new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000)),
      ]);
      expect(stopped).toEqual([0, null]);
    } finally {
      server.proc.kill('SIGKILL');
    }
  }, 30_000);
});
