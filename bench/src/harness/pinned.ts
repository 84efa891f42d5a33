/**
 * Processes pinned to a core: the server on core 0, load generators on core 1 (`taskset`), so the
 * two do not compete for one core; unpinned when taskset is missing (and the report says so).
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const BENCH_DIR = join(import.meta.dirname, '../..');

export const SERVER_CORE = '0';
export const LOAD_CORE = '1';
export const canPin = spawnSync('taskset', ['-p', String(process.pid)]).status === 0;

/** Pins a running process (the runner itself, or a child) to a core: every thread it has (`-a`) and will have. */
export function pin(pid: number, core: string): void {
  if (canPin) spawnSync('taskset', ['-apc', core, String(pid)]);
}

/** Forks a TypeScript module of the bench as a child process with IPC, pinned to `core` (`env`: added to the runner's). */
export function forkPinned(
  modulePath: string,
  core: string,
  nodeArgs: string[] = [],
  env: Record<string, string> = {},
): ChildProcess {
  // From the bench folder, where `tsx` resolves, whoever starts the run (pnpm bench, the check).
  const child = fork(modulePath, [], {
    cwd: BENCH_DIR,
    env: { ...process.env, ...env },
    execArgv: [...nodeArgs, '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (child.pid) pin(child.pid, core);
  return child;
}

/** The next IPC message from a child that satisfies `pick`. */
export function nextMessage<T>(
  child: ChildProcess,
  pick: (m: unknown) => T | undefined,
  timeoutMs = 120_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error('no reply from the child process'));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`the child process exited (${String(code)}) before replying`));
    };
    const onMessage = (m: unknown) => {
      const value = pick(m);
      if (value === undefined) return;
      done();
      resolve(value);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
