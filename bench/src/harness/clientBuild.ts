/** The dashboard's build, made when missing (a fresh clone): the pages a benchmark opens need its files. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CLIENT_DIST } from '@vigie/server/testing';

export function ensureClientBuilt(): void {
  if (existsSync(join(DEFAULT_CLIENT_DIST, 'index.html'))) return;
  // A production build whoever runs this (a test runner sets NODE_ENV=test, which would give React's development build).
  const build = spawnSync('pnpm', ['--filter', '@vigie/client', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error('the dashboard did not build (pnpm --filter @vigie/client build)');
}
