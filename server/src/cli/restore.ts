/**
 * Restores the store from a backup: `pnpm restore <backup-file>`. Refused while a server uses the
 * store (it holds the store's lock) and for a backup that does not hold a readable log; either way
 * nothing is touched. Uses the same settings as the server (VIGIE_MODE, VIGIE_DATA_DIR) to find the store file.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../config/env.ts';
import { RestoreRefusedError, restoreBackup } from '../store/sqlite/backups.ts';
import { StoreLockedError } from '../store/sqlite/storeLock.ts';

const backup = process.argv[2];
if (!backup) {
  console.error('usage: pnpm restore <backup-file>   (stop the server first)');
  process.exit(2);
}
try {
  const config = loadConfig();
  const started = performance.now();
  // Relative to where the command was typed, not to the package folder pnpm runs it in.
  const { keptAs, epoch } = restoreBackup(resolve(process.env.INIT_CWD ?? process.cwd(), backup), config.storePath);
  console.log(
    `Restored ${config.storePath} from ${backup} in ${Math.round(performance.now() - started)} ms (epoch ${epoch}).` +
      (keptAs ? ` The replaced store is kept as ${keptAs}.` : ''),
  );
} catch (error) {
  if (error instanceof StoreLockedError) {
    console.error(`Not restored: ${error.message} Stop the server first, then run pnpm restore again.`);
  } else if (error instanceof RestoreRefusedError) {
    console.error(`Not restored: ${error.message}`);
  } else {
    console.error(`Not restored: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
}
