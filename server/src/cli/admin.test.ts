import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, openPostgresStores, tempDir } from '../testing.ts';

const temp = tempDir();
afterAll(() => temp.remove());

/** `pnpm admin` as an operator runs it, in its own process, on a data folder of its own. */
async function runAdmin(mode: 'demo' | 'live' | undefined, extra: Record<string, string> = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VIGIE_')));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'src/cli/admin.ts', 'marie.curie', 'Marie Curie'],
    {
      cwd: join(import.meta.dirname, '../..'),
      env: {
        ...env,
        VIGIE_DATA_DIR: join(temp.dir, mode ?? 'default'),
        ...(mode ? { VIGIE_MODE: mode } : {}),
        ...extra,
      },
    },
  );
  return stdout;
}

describe('pnpm admin', () => {
  it('says it wrote to the demo store when VIGIE_MODE is not set, and how to reach the real one', async () => {
    const out = await runAdmin(undefined);

    const path = join(temp.dir, 'default', 'demo-access.sqlite');
    expect(out).toContain(`Magasin de la DÉMONSTRATION : ${path}`);
    expect(out).toContain('VIGIE_MODE=live pnpm admin marie.curie "Marie Curie"');
    expect(existsSync(path)).toBe(true);
    expect(out).toMatch(/#code=[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  });

  it('names the real incident’s store with VIGIE_MODE=live, and writes nothing in the demo’s', async () => {
    const out = await runAdmin('live');

    const path = join(temp.dir, 'live', 'vigie-access.sqlite');
    expect(out).toContain(`Magasin de l'incident réel : ${path}`);
    expect(out).not.toContain('DÉMONSTRATION');
    expect(existsSync(path)).toBe(true);
    expect(existsSync(join(temp.dir, 'live', 'demo-access.sqlite'))).toBe(false);
  });

  it('writes to the shared database’s access store when VIGIE_DATABASE_URL is set, where the nodes look', async () => {
    const db = await createTestDatabase();
    try {
      const dataDir = join(temp.dir, 'shared');
      const out = await runAdmin('live', { VIGIE_DATABASE_URL: db.url, VIGIE_DATA_DIR: dataDir });
      expect(out).toContain(`Magasin de l'incident réel : ${db.url}`);
      expect(existsSync(join(dataDir, 'vigie-access.sqlite'))).toBe(false);
      const { accessStore, store, release } = await openPostgresStores(db.url, 'live');
      expect(await accessStore.findAccountByLogin('marie.curie')).toMatchObject({
        name: 'Marie Curie',
        roles: ['admin'],
      });
      await store.close();
      await release();
    } finally {
      await db.drop();
    }
  });
});
