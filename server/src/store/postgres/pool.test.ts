import { afterEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { hostUrls, openPool, suspect } from './pool.ts';
import { TEST_SERVER_URL } from './testDatabase.ts';

const pools: pg.Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.end()));
});

/** The local test server's address, and one where nothing listens. */
const live = new URL(TEST_SERVER_URL);
const dead = '127.0.0.1:1';

describe('hostUrls', () => {
  it('gives one URL per host, in order, keeping credentials, database and parameters but target_session_attrs', () => {
    expect(
      hostUrls('postgres://vigie:secret@db-a:5432,db-b:5433/vigie?target_session_attrs=read-write&sslmode=disable'),
    ).toEqual([
      'postgres://vigie:secret@db-a:5432/vigie?sslmode=disable',
      'postgres://vigie:secret@db-b:5433/vigie?sslmode=disable',
    ]);
    expect(hostUrls('postgres://127.0.0.1:5432/test')).toEqual(['postgres://127.0.0.1:5432/test']);
  });
});

describe('openPool on several hosts', () => {
  it('connects to the first writable host, passing over one that does not answer', async () => {
    const pool = openPool(
      `postgres://${live.username}@${dead},${live.host}${live.pathname}?target_session_attrs=read-write`,
    );
    pools.push(pool);
    const { rows } = await pool.query<{ port: number }>('SELECT inet_server_port() AS port');
    expect(rows[0]!.port).toBe(Number(live.port));
  });

  it('fails as a lost connection reads while no host is writable, each time it is asked', async () => {
    const pool = openPool(`postgres://${live.username}@${dead},127.0.0.1:2${live.pathname}`);
    pools.push(pool);
    await expect(pool.query('SELECT 1')).rejects.toMatchObject({ code: '08001' });
    suspect(pool);
    await expect(pool.connect()).rejects.toMatchObject({ code: '08001' });
  });

  it('keeps the plain pool for one host', async () => {
    const pool = openPool(TEST_SERVER_URL);
    pools.push(pool);
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});
