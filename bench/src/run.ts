/** `pnpm bench [scenario…] [--quick|--smoke]`: runs benchmark scenarios and prints their figures. */
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { failedGates } from './harness/gates.ts';
import { LOAD_CORE, canPin, pin } from './harness/pinned.ts';
import type { Size } from './harness/size.ts';
import { scenarios } from './scenarios.ts';

const args = process.argv.slice(2);
const size: Size = args.includes('--smoke') ? 'smoke' : args.includes('--quick') ? 'quick' : 'full';
const names = args.filter((a) => !a.startsWith('--'));
const chosen = names.length > 0 ? names : Object.keys(scenarios);
const unknown = chosen.filter((n) => !(n in scenarios));
if (unknown.length > 0) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
// The runner shares the load generators' core: the server's core stays to the server.
pin(process.pid, LOAD_CORE);
console.log(
  `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ` +
    `Socket.IO ${socketIoVersion('socket.io')} / client ${socketIoVersion('socket.io-client')}; ` +
    (canPin ? 'server on core 0, load on core 1 (taskset)' : 'NOT pinned (no taskset): figures are noisier'),
);
const suiteStarted = performance.now();
for (const name of chosen) {
  const started = performance.now();
  const { run, budgetSeconds } = scenarios[name]!;
  console.log(`\n## ${name}${size === 'full' ? '' : ` (${size})`}`);
  for (const line of await run(size)) console.log(line);
  const took = (performance.now() - started) / 1000;
  const budget = took <= budgetSeconds ? `within its ${budgetSeconds} s budget` : `OVER its ${budgetSeconds} s budget`;
  console.log(`(${took.toFixed(1)} s${size === 'full' ? `, ${budget}` : ''})`);
}
console.log(`\n${chosen.length} scenario(s) in ${((performance.now() - suiteStarted) / 1000).toFixed(1)} s`);
if (failedGates.length > 0) {
  console.error(`\nHARD GATES FAILED:\n${failedGates.map((g) => `- ${g}`).join('\n')}`);
  process.exitCode = 1;
}

function socketIoVersion(name: string): string {
  return (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;
}
