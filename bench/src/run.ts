/** `pnpm bench [scenario…] [--quick]`: runs benchmark scenarios and prints their figures. */
import { cpus } from 'node:os';
import { startup } from './startup.ts';
import { wall } from './wall.ts';

const scenarios: Record<string, (quick: boolean) => Promise<string[]>> = { startup, wall };

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((a) => !a.startsWith('--'));
const chosen = names.length > 0 ? names : Object.keys(scenarios);
const unknown = chosen.filter((n) => !(n in scenarios));
if (unknown.length > 0) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
for (const name of chosen) {
  const started = performance.now();
  console.log(`\n## ${name}${quick ? ' (quick)' : ''}`);
  for (const line of await scenarios[name]!(quick)) console.log(line);
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
