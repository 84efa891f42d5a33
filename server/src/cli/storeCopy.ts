/**
 * Copies a whole store between SQLite files and a PostgreSQL database, either way, then reads the
 * copy back and compares it: `pnpm store:copy --from <store> --to <store>`. Exits 0 only when the
 * copy is exact; 1 when refused, failed or different; 2 on a usage error.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import {
  copyStore,
  CopyRefusedError,
  CopyUnverifiedError,
  DEFAULT_PAGE_SIZE,
  type CopyProgress,
  type CopyReport,
  type Figures,
} from '../store/copy/copyStore.ts';
import { describeLocation, parseLocation } from '../store/copy/storeSides.ts';

const USAGE = `usage: pnpm store:copy --from <store> --to <store> [--page-size <rows>]

Copies a whole Vigie store: every incident log with its events, snapshots, chart series and
idempotency records, the registries, the store kind (demo or live), and the access store
(accounts, codes, screens, pairings, sessions, journal). Then reads the copy back and compares
it with the source (row counts and contents of every table, events per log, the current log's
situation rebuilt on both sides), and exits non-zero on any difference.

A store is either
  a SQLite event-store file, its access store beside it:  data/vigie.sqlite (+ data/vigie-access.sqlite)
  a PostgreSQL database:                                  postgres://user@host:5432/vigie

  pnpm store:copy --from data/vigie.sqlite --to postgres://vigie@db1:5432/vigie
  pnpm store:copy --from postgres://vigie@db1:5432/vigie --to data/vigie.sqlite

Stop every server using the source first: a SQLite source is refused while a server holds its
lock, a PostgreSQL one while a server is connected to it. The target must be empty (a new file,
or a database holding no log and no account): a copy never merges into nor overwrites a store.
The copy is one transaction: cut short, it leaves the target empty, and can be run again.
Rows go across ${DEFAULT_PAGE_SIZE} at a time unless --page-size says otherwise.`;

function usage(problem?: string): never {
  if (problem) console.error(`${problem}\n`);
  console.error(USAGE);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      'page-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (error) {
  usage(error instanceof Error ? error.message : String(error));
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!args.from || !args.to) usage('Both --from and --to are needed.');
const pageSize = args['page-size'] === undefined ? DEFAULT_PAGE_SIZE : Number(args['page-size']);
if (!Number.isInteger(pageSize) || pageSize < 1) usage('--page-size takes a positive whole number.');

// Relative to where the command was typed, not to the package folder pnpm runs it in.
const cwd = process.env.INIT_CWD ?? process.cwd();
const from = parseLocation(args.from, cwd);
const to = parseLocation(args.to, cwd);
const describe = (location: typeof from) =>
  describeLocation(location) + (location.type === 'sqlite' ? ` (+ ${basename(location.accessPath)})` : '');

console.log(`Copying ${describe(from)}\n     to ${describe(to)}`);

/** One line per table once done, and for a long one every few seconds on the way. */
let lastLine = performance.now();
function progress({ table, copied, total }: CopyProgress) {
  const done = copied >= total;
  if (!done && performance.now() - lastLine < 2000) return;
  lastLine = performance.now();
  const share = total > 0 && !done ? `  (${Math.floor((100 * copied) / total)}%)` : '';
  console.log(`  ${table.padEnd(14)} ${String(copied).padStart(10)} / ${total}${share}`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function figureLine(name: string, f: Figures) {
  const same = f.source.equals(f.target) ? 'same' : 'DIFFERENT';
  return `  ${name.padEnd(24)} ${String(f.source.rows).padStart(10)} ${String(f.target.rows).padStart(10)}  ${same}`;
}

function printReport(r: CopyReport) {
  console.log(`Copied in ${seconds(r.copyMs)}, read back in ${seconds(r.verifyMs)}:`);
  console.log(`  ${'rows'.padEnd(24)} ${'source'.padStart(10)} ${'target'.padStart(10)}`);
  for (const t of r.tables) console.log(figureLine(t.name, t));
  console.log('  events per log:');
  for (const l of r.logs) console.log(figureLine(`  ${l.name}`, l));
  const kindSame = r.storedKind[0] === r.storedKind[1] ? 'same' : 'DIFFERENT';
  console.log(
    `  ${'store kind'.padEnd(24)} ${String(r.storedKind[0]).padStart(10)} ${String(r.storedKind[1]).padStart(10)}  ${kindSame}`,
  );
  const { logId, seq, hash } = r.current;
  console.log(
    `  current log ${logId}: seq ${seq[0]} / ${seq[1]}, state hash ${hash[0]} (source) ${hash[0] === hash[1] ? '=' : '≠'} ${hash[1]} (target)`,
  );
}

try {
  const report = await copyStore({
    from,
    to,
    pageSize,
    onProgress: progress,
    onVerifying: () => console.log('Committed. Reading the target back to compare it with the source…'),
  });
  printReport(report);
  const rows = (name: string) => report.tables.find((t) => t.name === name)!.target.rows;
  if (report.differences.length > 0) {
    console.error(
      `The copy differs from the source:\n${report.differences.map((d) => `  - ${d}`).join('\n')}\n` +
        'The target keeps what was written: empty it (a new file, or drop and create the database) before copying again.',
    );
    process.exit(1);
  }
  console.log(
    `Verified: ${describeLocation(to)} holds the same ${report.kind} store: ` +
      `${count(rows('events'), 'event')} in ${count(rows('logs'), 'log')}, ${count(rows('accounts'), 'account')}.`,
  );
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof CopyRefusedError) console.error(`Not copied: ${message}`);
  else if (error instanceof CopyUnverifiedError) console.error(`Not verified: ${message}`);
  else console.error(`Copy failed (nothing was committed to the target): ${message}`);
  process.exit(1);
}
