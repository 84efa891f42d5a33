/**
 * Where a server's time went: its V8 CPU profile (sampled every 10 ms, cheap enough to leave on in
 * measured runs) summarised by self time over the stretch a target measures, for the report beside
 * a missed target.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const SAMPLE_US = 10_000;

/** Node flags that make the process write its CPU profile into a fresh folder when it exits. */
export function profiled(): { dir: string; nodeArgs: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-profile-'));
  return { dir, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${SAMPLE_US}`] };
}

/** Where the code lives, shortly: a package name, or a path inside this project. */
function place(url: string): string {
  if (!url) return '';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url;
  const own = /\/((?:server|shared|client)\/src\/.*)$/.exec(url);
  return own ? own[1]! : url.replace(/^file:\/\//, '');
}

/** The monotonic clock V8's profiles are stamped with (CLOCK_MONOTONIC on Linux), in µs: the runner marks a window with it. */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

export interface Window {
  from: number;
  to: number;
}

/**
 * The main thread's profile in `dir` (then removed), summarised over `window` (µs on the monotonic
 * clock; or several stretches together): how busy the process was, and the functions and packages
 * with the most self time.
 */
export function summariseProfile(dir: string, window: Window | readonly Window[], top = 8): string[] {
  try {
    // The main thread's profile is the largest (a logger's worker thread writes its own).
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .sort((a, b) => b.length - a.length);
    if (files.length === 0) return ['(no CPU profile was written)'];
    return summarise(JSON.parse(files[0]!) as CpuProfile, window, top);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function summarise(profile: CpuProfile, window: Window | readonly Window[], top: number): string[] {
  const windows: readonly Window[] = 'from' in window ? [window] : window;
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const samples: number[] = [];
  let t = profile.startTime;
  profile.timeDeltas.forEach((delta, i) => {
    t += delta;
    if (windows.some((w) => t >= w.from && t <= w.to)) samples.push(profile.samples[i]!);
  });
  if (samples.length === 0) return ['(the CPU profile holds no samples in the window)'];
  const fns = new Map<string, number>();
  const places = new Map<string, number>();
  let busy = 0;
  for (const id of samples) {
    const frame = byId.get(id)!;
    if (frame.functionName === '(idle)') continue;
    busy += 1;
    const where = place(frame.url);
    // No line numbers: the project's TypeScript runs transpiled, so they would not match the sources.
    const fn = `${frame.functionName || '(anonymous)'}${where ? ` (${where})` : ''}`;
    fns.set(fn, (fns.get(fn) ?? 0) + 1);
    const home = (where.startsWith('node:') ? 'node internals' : where) || frame.functionName;
    places.set(home, (places.get(home) ?? 0) + 1);
  }
  const share = (n: number) => `${((100 * n) / samples.length).toFixed(0)} %`;
  const ranked = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => `${name} ${share(n)}`)
      .join('; ');
  const span = (windows.reduce((sum, w) => sum + w.to - w.from, 0) / 1e6).toFixed(1);
  return [
    `where the server's time went (CPU profile sampled every ${SAMPLE_US / 1000} ms, over those ${span} s: busy ${share(busy)}), by self time —`,
    `  functions: ${ranked(fns)}`,
    `  code: ${ranked(places)}`,
  ];
}
