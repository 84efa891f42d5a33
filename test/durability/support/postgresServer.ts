/**
 * A PostgreSQL server of a test's own, from Debian's binaries, in a temporary folder on a free port:
 * stopped and started again at will (the machine's own server on 5432 is left alone). The binaries
 * refuse to run as root: they run as the `postgres` user (the test runs as root), in a folder that user owns.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

export interface PostgresServer {
  port: number;
  /** The `postgres` database on it. */
  url: string;
  /** Starts it (again) on the same folder and port; resolves once it accepts connections. */
  start: () => Promise<void>;
  /** Stops it at once (SIGKILL to every process: a power cut, as far as clients can tell). */
  kill: () => Promise<void>;
  remove: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export async function startPostgres(): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-pg-'));
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
  chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const asPostgres = { uid, gid, env: { ...process.env, HOME: dir } };
  execFileSync(join(BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'], {
    ...asPostgres,
    stdio: 'ignore',
  });
  const port = await freePort();
  let proc: ChildProcess | null = null;

  const start = async () => {
    const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1'];
    // Its own process group: the postmaster and its backends are killed together.
    proc = spawn(join(BIN, 'postgres'), args, { ...asPostgres, stdio: 'ignore', detached: true });
    for (let i = 0; i < 200; i++) {
      try {
        execFileSync(join(BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    throw new Error(`PostgreSQL on port ${port} did not start`);
  };
  const kill = async () => {
    const running = proc;
    proc = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    process.kill(-running.pid!, 'SIGKILL');
    await exited;
    // Its pid file stays behind, as after a power cut: the next start recovers from the WAL.
  };
  await start();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    kill,
    remove: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
