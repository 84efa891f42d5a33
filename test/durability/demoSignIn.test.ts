/**
 * The demo's ready sign-in: printed to an interactive terminal (script(1) gives the server one),
 * usable once, and never in the logs; a server whose output is collected prints no link at all.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from './support/serverProcess.ts';

const SERVER_DIR = join(import.meta.dirname, '../../server');
const dataDir = mkdtempSync(join(tmpdir(), 'vigie-demo-link-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const codeSignIn = (url: string, code: string) =>
  fetch(`${url}/api/session/code`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  }).then((r) => r.json() as Promise<{ ok: boolean; data?: { name: string; roles: string[] } }>);

describe('the demo sign-in link', () => {
  it('is printed to a terminal only, works once, and never reaches the logs', async () => {
    // Output collected by a supervisor (a pipe): no link.
    // Its answer to SIGUSR2 (diagnostics) comes a turn of its event loop after the listening line: by then
    // it has offered the link, or not, and listens for SIGTERM (a clean stop says so too).
    const piped = await startServer(dataDir, { VIGIE_MODE: 'demo' });
    piped.proc.kill('SIGUSR2');
    await expect.poll(() => piped.lines.some((l) => l.includes('"diagnostics"')), { timeout: 10_000 }).toBe(true);
    piped.proc.kill('SIGTERM');
    expect(await piped.exited).toEqual([0, null]);
    expect(piped.lines.some((l) => l.includes('stopped cleanly'))).toBe(true);
    expect(piped.lines.join('\n')).not.toMatch(/#code=/);

    // The same server in a terminal.
    const proc = spawn('script', ['-qfec', `${process.execPath} --import tsx src/main.ts`, '/dev/null'], {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        VIGIE_MODE: 'demo',
        VIGIE_DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let url = '';
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    try {
      await expect
        .poll(() => /#code=([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(output), { timeout: 30_000 })
        .not.toBeNull();
      const code = /#code=([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(output)![1]!;
      url = /(http:\/\/localhost:\d+)\/connexion\?suivant=\/console#code=/.exec(output)![1]!;
      const signedIn = await codeSignIn(url, code);
      expect(signedIn).toMatchObject({ ok: true, data: { name: 'Cellule de crise (démo)' } });
      expect(signedIn.data!.roles.sort()).toEqual(['commander', 'lead']);
      expect((await codeSignIn(url, code)).ok).toBe(false);
      // The log lines (JSON) never carry it; only the plain line meant for the person at the terminal does.
      const logLines = output.split(/\r?\n/).filter((l) => l.trimStart().startsWith('{'));
      expect(logLines.length).toBeGreaterThan(0);
      expect(logLines.filter((l) => l.includes(code))).toEqual([]);
    } finally {
      // Closing the terminal hangs the server up, as closing a terminal window would.
      proc.kill('SIGTERM');
      if (url)
        await expect
          .poll(
            () =>
              fetch(`${url}/healthz`).then(
                () => 'up',
                () => 'down',
              ),
            { timeout: 10_000 },
          )
          .toBe('down');
    }
  });
});
