/**
 * Where a server's time went: its V8 CPU profile (sampled every 10 ms, cheap enough to leave on in
 * measured runs) summarised by self time over the busiest stretch of the scenario, for the report
 * beside a missed target.
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

/**
 * The main thread's profile in `dir` (then removed), summarised over its busiest `windowMs`: how
 * busy the process was, and the functions and packages with the most self time.
 */
export function summariseProfile(dir: string, windowMs: number, top = 8): string[] {
  try {
    // The main thread's profile is the largest (a logger's worker thread writes its own).
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .sort((a, b) => b.length - a.length);
    if (files.length === 0) return ['(no CPU profile was written)'];
    return summarise(JSON.parse(files[0]!) as CpuProfile, windowMs, top);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function summarise(profile: CpuProfile, windowMs: number, top: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const idle = (id: number) => byId.get(id)?.functionName === '(idle)';
  const at: number[] = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) at.push((t += delta));
  // The window holding the most busy samples.
  let best = { from: 0, to: 0, busy: -1 };
  let busy = 0;
  for (let from = 0, to = 0; to < at.length; to++) {
    if (!idle(profile.samples[to]!)) busy += 1;
    while (at[to]! - at[from]! >= windowMs * 1000) if (!idle(profile.samples[from++]!)) busy -= 1;
    if (busy > best.busy) best = { from, to: to + 1, busy };
  }
  const window = profile.samples.slice(best.from, best.to);
  if (window.length === 0) return ['(the CPU profile holds no samples)'];
  const fns = new Map<string, number>();
  const places = new Map<string, number>();
  for (const id of window) {
    if (idle(id)) continue;
    const frame = byId.get(id)!;
    const where = place(frame.url);
    // No line numbers: the project's TypeScript runs transpiled, so they would not match the sources.
    const fn = `${frame.functionName || '(anonymous)'}${where ? ` (${where})` : ''}`;
    fns.set(fn, (fns.get(fn) ?? 0) + 1);
    const home = (where.startsWith('node:') ? 'node internals' : where) || frame.functionName;
    places.set(home, (places.get(home) ?? 0) + 1);
  }
  const share = (n: number) => `${((100 * n) / window.length).toFixed(0)} %`;
  const ranked = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => `${name} ${share(n)}`)
      .join('; ');
  const span = ((at[best.to - 1]! - at[best.from]!) / 1e6).toFixed(1);
  return [
    `where the server's time went (CPU profile sampled every ${SAMPLE_US / 1000} ms, busiest ${span} s: busy ${share(best.busy)}), by self time —`,
    `  functions: ${ranked(fns)}`,
    `  code: ${ranked(places)}`,
  ];
}
