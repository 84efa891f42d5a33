/**
 * wrk (Debian's package) on the load core: a closed loop of keep-alive connections, each sending its
 * next request as soon as the previous answer arrives, for a fixed time; requests/s and latency
 * quantiles as wrk measures them (its Lua summary, one JSON line).
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { LOAD_CORE, canPin } from './pinned.ts';

export interface WrkResult {
  requests: number;
  requestsPerSecond: number;
  /** Bytes received, headers included. */
  bytes: number;
  /** Connect, read and write errors; answers other than 2xx/3xx; requests that timed out. */
  errors: number;
  non2xx: number;
  timeouts: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

const REPORT = join(import.meta.dirname, 'wrkReport.lua');

/** Throws, saying how to install it, when wrk is not on this machine. */
export function requireWrk(): void {
  const probe = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new Error(
      'wrk is not installed: the public benchmark drives HTTP load with it (Debian: apt-get install -y wrk; .ci/run installs it)',
    );
  }
}

/** Runs wrk against `url` with `connections` for `seconds`, sending `headers`. */
export function runWrk(
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<WrkResult> {
  const args = [
    '-t1',
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--timeout',
    '5s',
    '-s',
    REPORT,
    ...Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    url,
  ];
  const [command, ...rest] = canPin ? ['taskset', '-c', LOAD_CORE, 'wrk', ...args] : ['wrk', ...args];
  return new Promise((resolve, reject) => {
    const proc = spawn(command, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('WRK_REPORT '));
      if (code !== 0 || !line) return reject(new Error(`wrk failed (${String(code)}): ${out.trim()}`));
      const r = JSON.parse(line.slice('WRK_REPORT '.length)) as Omit<WrkResult, 'requestsPerSecond' | 'latencyMs'> & {
        durationUs: number;
        latencyUs: WrkResult['latencyMs'];
      };
      const ms = (us: number) => us / 1000;
      resolve({
        requests: r.requests,
        requestsPerSecond: r.requests / (r.durationUs / 1e6),
        bytes: r.bytes,
        errors: r.errors,
        non2xx: r.non2xx,
        timeouts: r.timeouts,
        latencyMs: {
          p50: ms(r.latencyUs.p50),
          p90: ms(r.latencyUs.p90),
          p99: ms(r.latencyUs.p99),
          max: ms(r.latencyUs.max),
        },
      });
    });
  });
}
