/**
 * Lists the backups: `pnpm backups [folder]` (VIGIE_BACKUP_DIR by default), newest first, with
 * their time, size, event count and state (good, damaged, empty, partial: a backup cut short).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config/env.ts';
import { listBackups } from '../store/sqlite/backups.ts';

try {
  const given = process.argv[2];
  const dir = given ? resolve(process.env.INIT_CWD ?? process.cwd(), given) : loadConfig().backup?.dir;
  if (!dir) {
    console.error('usage: pnpm backups [folder]   (VIGIE_BACKUP_DIR is not set)');
    process.exit(2);
  }
  if (!existsSync(dir)) {
    console.error(`No backup folder at ${dir}.`);
    process.exit(1);
  }
  const entries = listBackups(dir);
  console.log(`${entries.length} backup file(s) in ${dir}, newest first:`);
  for (const e of entries) {
    const at = e.at ? e.at.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '?';
    const mb = `${(e.bytes / 1e6).toFixed(1)} MB`;
    const problem = e.state === 'good' ? '' : `  (${e.problem ?? e.state})`;
    console.log(
      `  ${at}  ${mb.padStart(9)}  ${`${e.events} events`.padStart(14)}  ${e.state.padEnd(8)} ${e.name}${problem}`,
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
