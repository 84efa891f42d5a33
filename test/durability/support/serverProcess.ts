/** Runs the real server (`src/main.ts`) as a child process on a given data folder, as production would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const SERVER_DIR = join(import.meta.dirname, '../../../server');
/** The line the server prints once it listens, with its port. */
const LISTENING = /on http:\/\/localhost:(\d+)/;

export interface ServerProcess {
  proc: ChildProcess;
  port: number;
  url: string;
  /** Log lines printed so far (JSON). */
  lines: string[];
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<[number | null, NodeJS.Signals | null]>;
}

/**
 * Starts the server on `dataDir`; `pin` names CPU cores to run it on (`taskset -c`), as the
 * benchmarks do to keep the server and its load generators apart.
 */
export async function startServer(
  dataDir: string,
  env: Record<string, string> = {},
  options: { pin?: string; nodeArgs?: string[] } = {},
): Promise<ServerProcess> {
  const node = [process.execPath, ...(options.nodeArgs ?? []), '--import', 'tsx', 'src/main.ts'];
  const [command, ...args] = options.pin ? ['taskset', '-c', options.pin, ...node] : node;
  const proc = spawn(command!, args, {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      ...serverEnv(dataDir),
      // The drills send as fast as they can: beyond a person's request budget (and main-courante rate).
      VIGIE_REQUESTS_PER_SECOND: '100000',
      VIGIE_LOG_ENTRIES_PER_MINUTE: '1000000',
      VIGIE_LOG_ENTRY_BURST: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(proc, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const lines: string[] = [];
  const stderr: string[] = [];
  proc.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout });
    rl.on('line', (line) => {
      lines.push(line);
      const m = LISTENING.exec(line);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(([code]) =>
      reject(new Error(`server exited (${String(code)}) before listening: ${lines.join('\n')}${stderr.join('')}`)),
    );
  });
  return { proc, port, url: `http://127.0.0.1:${port}`, lines, exited };
}

/** A server or command-line run that ended by itself: its exit code and everything it printed. */
export interface FinishedRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the server on `dataDir` expecting it to refuse to start; rejects if it starts listening
 * (the server is then stopped) or is still running after `timeoutMs`.
 */
export async function refusedStart(dataDir: string, env: Record<string, string> = {}, timeoutMs = 30_000) {
  return run(['src/main.ts'], { ...serverEnv(dataDir), ...env }, timeoutMs, LISTENING);
}

/** Runs a command-line tool of the server (`restore`, `backups`, `admin`) with the server's settings. */
export function runCli(tool: string, args: string[], dataDir: string, env: Record<string, string> = {}) {
  return run([`src/cli/${tool}.ts`, ...args], { ...serverEnv(dataDir), ...env }, 60_000);
}

function serverEnv(dataDir: string): Record<string, string> {
  return { VIGIE_MODE: 'live', VIGIE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
}

function run(args: string[], env: Record<string, string>, timeoutMs: number, started?: RegExp): Promise<FinishedRun> {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      proc.kill('SIGKILL');
      reject(new Error(`${why}: ${stdout}${stderr}`));
    };
    const timer = setTimeout(() => fail(`still running after ${timeoutMs} ms`), timeoutMs);
    proc.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (started?.test(stdout)) fail('it started');
    });
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // 'close', not 'exit': everything printed has been read by then.
    proc.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
