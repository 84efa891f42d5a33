/**
 * Restores the store from a backup: `pnpm restore <backup-file>` (the server must be stopped).
 * Uses the same settings as the server (VIGIE_MODE, VIGIE_DATA_DIR) to find the store file.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../config/env.ts';
import { restoreBackup } from '../store/sqlite/backups.ts';

const backup = process.argv[2];
if (!backup) {
  console.error('usage: pnpm restore <backup-file>   (stop the server first)');
  process.exit(2);
}
const config = loadConfig();
const started = performance.now();
// Relative to where the command was typed, not to the package folder pnpm runs it in.
const { keptAs, epoch } = restoreBackup(resolve(process.env.INIT_CWD ?? process.cwd(), backup), config.storePath);
console.log(
  `Restored ${config.storePath} from ${backup} in ${Math.round(performance.now() - started)} ms (epoch ${epoch}).` +
    (keptAs ? ` The replaced store is kept as ${keptAs}.` : ''),
);
