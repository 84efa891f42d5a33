import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openSqliteAccessStore, seedSession } from '@vigie/server/testing';
import { refusedStart } from './support/serverProcess.ts';

const root = join(import.meta.dirname, '../..');
const unitPath = join(root, 'deploy/vigie.service');
const unit = readFileSync(unitPath, 'utf8');
const settings = (name: string) =>
  unit
    .split('\n')
    .filter((l) => l.startsWith(`${name}=`))
    .map((l) => l.slice(name.length + 1));

describe('the systemd unit', () => {
  it.runIf(existsSync('/usr/bin/systemd-analyze'))('passes systemd-analyze verify', () => {
    expect(() => execFileSync('systemd-analyze', ['verify', unitPath], { stdio: 'pipe' })).not.toThrow();
  });

  it('runs the command it names: the server comes up ready, and SIGTERM stops it cleanly', async () => {
    const [command, ...args] = settings('ExecStart')[0]!.split(' ');
    expect(settings('WorkingDirectory')[0]).toBe('/opt/vigie/server');
    const env = Object.fromEntries(settings('Environment').map((e) => e.split('=') as [string, string]));
    expect(env).toMatchObject({ VIGIE_MODE: 'live' });
    const data = mkdtempSync(join(tmpdir(), 'vigie-unit-'));
    // The project's server folder stands in for /opt/vigie/server; data and port are the test's own.
    const proc = spawn(command!, args, {
      cwd: join(root, 'server'),
      env: {
        ...process.env,
        ...env,
        VIGIE_DATA_DIR: data,
        VIGIE_BACKUP_DIR: join(data, 'backups'),
        PORT: '0',
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<number>((resolve) => {
        createInterface({ input: proc.stdout }).on('line', (line) => {
          const m = /on http:\/\/localhost:(\d+)/.exec(line);
          if (m) resolve(Number(m[1]));
        });
      });
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ ok: true, seq: 0 });
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      proc.kill(settings('KillSignal')[0] as NodeJS.Signals);
      const [code] = (await once(proc, 'exit')) as [number | null];
      expect(code).toBe(0);
    } finally {
      proc.kill('SIGKILL');
      rmSync(data, { recursive: true, force: true });
    }
  });

  it('does not restart a server that refused its store, and restarts one that failed otherwise', async () => {
    expect(settings('Restart')).toEqual(['always']);
    expect(settings('RestartPreventExitStatus')).toEqual(['78']);
    const data = mkdtempSync(join(tmpdir(), 'vigie-unit-'));
    // The unit's command (checked above), stopped and reported if it ever starts listening.
    const run = async (env: Record<string, string>) => (await refusedStart(data, env)).code;
    try {
      // A zero-byte store where people have signed in: its log is lost, a restart would not bring it back.
      writeFileSync(join(data, 'vigie.sqlite'), '');
      const access = openSqliteAccessStore(join(data, 'vigie-access.sqlite'));
      await seedSession(access, { name: 'Marie Curie', roles: ['admin'] });
      await access.close();
      expect(await run({})).toBe(78);
      // A bad setting is an ordinary failure (the unit retries until its start limit).
      expect(await run({ PORT: 'not-a-port' })).toBe(1);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});
