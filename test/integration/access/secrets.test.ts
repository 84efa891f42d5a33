/** Passwords, codes, pairing secrets and session tokens never stored or logged in clear. */
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@vigie/server/logger';
import { startTestServer, type TestServer } from '@vigie/server/testing';
import { callApi } from '../support/api.ts';

let server: TestServer;
afterEach(() => server.close());

describe('stored secrets', () => {
  it('hashes passwords with Argon2id (≥ 19 MiB, ≥ 2 passes, own salt) and keeps no secret in clear, in the database or the logs', async () => {
    const logged: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logged.push(chunk.toString());
        done();
      },
    });
    server = await startTestServer({ logger: createLogger('debug', sink) });
    const admin = await server.as('admin');
    const password = 'même phrase de passe';
    // Two people, one password: two different hashes.
    const sheet = (
      await callApi(server.url, 'admin:accounts:create', {
        cookie: admin.cookie,
        body: {
          accounts: [
            { name: 'Claire Martin', roles: ['commander'], scope: null },
            { name: 'Louis Durand', roles: ['lead'], scope: null },
          ],
        },
      })
    ).reply as { ok: true; data: { code: string; login: string }[] };
    const secrets: string[] = [password];
    for (const entry of sheet.data) {
      secrets.push(entry.code, entry.code.replace(/-/g, ''));
      const signedIn = await callApi(server.url, 'session:code', { body: { code: entry.code } });
      expect(signedIn.reply.ok).toBe(true);
      secrets.push(signedIn.cookie!.split('=')[1]!);
      expect(
        (await callApi(server.url, 'session:password', { cookie: signedIn.cookie!, body: { password } })).reply.ok,
      ).toBe(true);
      const again = await callApi(server.url, 'session:sign-in', { body: { login: entry.login, password } });
      expect(again.reply.ok).toBe(true);
      secrets.push(again.cookie!.split('=')[1]!);
    }
    const pairing = (
      await callApi(server.url, 'admin:screens:create', { cookie: admin.cookie, body: { name: 'Hall' } })
    ).reply as { ok: true; data: { secret: string } };
    secrets.push(pairing.data.secret);
    const paired = await callApi(server.url, 'screen:pair', { body: { secret: pairing.data.secret } });
    secrets.push(paired.cookie!.split('=')[1]!);

    const hashes = server.accessStore.db
      .prepare<[], { password_hash: string }>('SELECT password_hash FROM accounts WHERE password_hash IS NOT NULL')
      .all()
      .map((r) => r.password_hash);
    expect(hashes).toHaveLength(2);
    for (const hash of hashes) {
      const [, algorithm, , params, salt] = hash.split('$');
      expect(algorithm).toBe('argon2id');
      const p = Object.fromEntries(params!.split(',').map((kv) => kv.split('='))) as Record<string, string>;
      expect(Number(p.m)).toBeGreaterThanOrEqual(19 * 1024);
      expect(Number(p.t)).toBeGreaterThanOrEqual(2);
      expect(salt!.length).toBeGreaterThanOrEqual(22);
    }
    expect(hashes[0]!.split('$')[4]).not.toBe(hashes[1]!.split('$')[4]);

    // The whole database file (and its write-ahead log), and every log line written.
    await server.accessStore.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = server.storePath.replace(/\.sqlite$/, '-access.sqlite');
    const stored = readFileSync(file).toString('latin1') + readFileSync(file).toString('utf8');
    const logs = logged.join('');
    for (const secret of secrets) {
      expect(stored, 'database').not.toContain(secret);
      expect(logs, 'logs').not.toContain(secret);
    }
  });
});
