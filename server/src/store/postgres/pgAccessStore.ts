/**
 * Accounts, codes, screens and sessions on PostgreSQL, shared by several servers: the SQLite access
 * store's semantics, made safe between processes. A code or pairing link is spent by one conditional
 * UPDATE (the row lock makes a concurrent spender re-check it, and find it used); batches that lock
 * several sessions or screens lock them in id order, so two servers renewing overlapping batches
 * never deadlock.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  DuplicateLoginError,
  type AccessChange,
  type AccessJournalEntry,
  type AccessStore,
  type AccountRecord,
  type OneTimeSecret,
  type ScreenRecord,
  type SessionOwner,
  type SessionRenewal,
  type SessionRecord,
} from '../../access/accessStore.ts';
import { ACCESS_COMPONENT, accessMigrations } from './accessMigrations.ts';
import { migrate } from './migrate.ts';
import { Notifications } from './notifications.ts';

const ANNOUNCEMENTS = 'vigie_access';

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

// Columns aliased to the records' fields: a row is the record (text[] and jsonb arrive parsed).
const ACCOUNT_COLUMNS = `a.id, a.login, a.name, a.roles, a.scope, a.password_hash AS "passwordHash",
  a.disabled, a.created_at AS "createdAt", a.last_sign_in_at AS "lastSignInAt"`;

const SCREEN_COLUMNS = `s.id, s.name, s.created_at AS "createdAt", s.paired_at AS "pairedAt",
  s.last_seen_at AS "lastSeenAt", s.revoked_at AS "revokedAt",
  (SELECT max(p.expires_at) FROM pairings p
    WHERE p.screen_id = s.id AND p.used_at IS NULL AND p.expires_at > $1) AS "pairingExpiresAt"`;

const SESSION_COLUMNS = `id, token_hash AS "tokenHash", account_id AS "accountId", screen_id AS "screenId",
  created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt", address,
  user_agent AS "userAgent", ended_at AS "endedAt"`;

/** Ends an owner's open sessions, locking them in id order first (see the header). */
const endSessionsBy = (column: 'id' | 'account_id' | 'screen_id') =>
  `UPDATE sessions SET ended_at = $1, end_reason = $2
   WHERE id IN (SELECT id FROM sessions WHERE ${column} = $3 AND ended_at IS NULL ORDER BY id FOR NO KEY UPDATE)
     AND ended_at IS NULL
   RETURNING id`;

const END_SESSIONS = {
  sessionId: endSessionsBy('id'),
  accountId: endSessionsBy('account_id'),
  screenId: endSessionsBy('screen_id'),
};

/** The login a unique violation on `accounts.login` names (another server took it since we looked). */
function takenLogin(error: unknown): string | null {
  if (!(error instanceof pg.DatabaseError) || error.code !== '23505' || error.constraint !== 'accounts_login_key')
    return null;
  return /^Key \(login\)=\((.*)\) already exists\.$/s.exec(error.detail ?? '')?.[1] ?? null;
}

/** Runs `work` in one transaction on one connection, rolled back if it throws. */
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is dropped rather than handed to the next caller.
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Opens the access store on `pool`'s database (migrating it); a server's hears the other servers' announcements. */
export async function openPgAccessStore(pool: pg.Pool, { listen = false } = {}): Promise<PgAccessStore> {
  await migrate(pool, ACCESS_COMPONENT, accessMigrations);
  return new PgAccessStore(pool, listen);
}

export class PgAccessStore implements AccessStore {
  /** Announcements from the other servers (this one's own are skipped by their sender id). */
  private readonly announcements: Notifications | null;
  private readonly id = randomUUID();

  /** The pool is shared (the event store uses it too): whoever opened it ends it. */
  constructor(
    private readonly pool: pg.Pool,
    listen = false,
  ) {
    this.announcements = listen ? new Notifications(pool, ANNOUNCEMENTS) : null;
  }

  async announce(change: AccessChange): Promise<void> {
    // A notification carries at most 8,000 bytes: a long list of sessions goes in several.
    const parts =
      change.kind === 'sessions-ended'
        ? chunks(change.sessionIds, 100).map((sessionIds) => ({ ...change, sessionIds }))
        : [change];
    for (const part of parts) {
      await this.pool.query('SELECT pg_notify($1, $2)', [
        ANNOUNCEMENTS,
        JSON.stringify({ from: this.id, change: part }),
      ]);
    }
  }

  onAnnounced(listener: (change: AccessChange) => void): () => void {
    if (!this.announcements) return () => undefined;
    return this.announcements.subscribe((payload) => {
      const { from, change } = JSON.parse(payload) as { from: string; change: AccessChange };
      if (from !== this.id) listener(change);
    });
  }

  async createAccounts(accounts: AccountRecord[], codes: OneTimeSecret[]): Promise<void> {
    try {
      await inTransaction(this.pool, async (client) => {
        const { rows } = await client.query<{ login: string }>(
          'SELECT login FROM accounts WHERE login = ANY($1::text[])',
          [accounts.map((a) => a.login)],
        );
        if (rows.length) throw new DuplicateLoginError(rows.map((r) => r.login));
        // One statement for the whole batch, whatever its size.
        await client.query(
          `INSERT INTO accounts (id, login, name, roles, scope, password_hash, disabled, created_at, last_sign_in_at)
           SELECT id, login, name, roles, scope, "passwordHash", disabled, "createdAt", "lastSignInAt"
           FROM jsonb_to_recordset($1::jsonb) AS a(id text, login text, name text, roles text[], scope jsonb,
             "passwordHash" text, disabled boolean, "createdAt" text, "lastSignInAt" text)`,
          [JSON.stringify(accounts)],
        );
        await client.query(
          `INSERT INTO codes (hash, account_id, expires_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
          [codes.map((c) => c.hash), codes.map((c) => c.subjectId), codes.map((c) => c.expiresAt)],
        );
      });
    } catch (error) {
      const login = takenLogin(error);
      if (login !== null) throw new DuplicateLoginError([login]);
      throw error;
    }
  }

  async listAccounts(now: string) {
    const { rows } = await this.pool.query<AccountRecord & { activeSessions: number }>(
      `SELECT ${ACCOUNT_COLUMNS}, (SELECT count(*)::integer FROM sessions s
         WHERE s.account_id = a.id AND s.ended_at IS NULL AND s.expires_at > $1) AS "activeSessions"
       FROM accounts a ORDER BY lower(a.name), a.login`,
      [now],
    );
    return rows;
  }

  async findAccount(id: string) {
    const { rows } = await this.pool.query<AccountRecord>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = $1`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  async findAccountByLogin(login: string) {
    const { rows } = await this.pool.query<AccountRecord>(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.login = $1`,
      [login],
    );
    return rows[0] ?? null;
  }

  async loginsStartingWith(prefixes: string[]) {
    // Prefix by prefix, as the SQLite store answers (a login matching two prefixes is listed twice).
    const { rows } = await this.pool.query<{ login: string }>(
      `SELECT a.login FROM unnest($1::text[]) WITH ORDINALITY AS p(prefix, n)
       JOIN accounts a ON starts_with(a.login, p.prefix) ORDER BY p.n`,
      [prefixes],
    );
    return rows.map((r) => r.login);
  }

  async updateAccount(
    id: string,
    patch: Partial<Pick<AccountRecord, 'roles' | 'scope' | 'disabled' | 'passwordHash' | 'lastSignInAt'>>,
  ) {
    const { roles, scope, disabled, passwordHash, lastSignInAt } = patch;
    if (Object.values(patch).every((v) => v === undefined)) return this.findAccount(id);
    // One statement for any patch: a column changes only where its flag is set (a value may be null).
    const { rows } = await this.pool.query<AccountRecord>(
      `UPDATE accounts a SET
         roles = CASE WHEN $2::boolean THEN $3::text[] ELSE a.roles END,
         scope = CASE WHEN $4::boolean THEN $5::jsonb ELSE a.scope END,
         disabled = CASE WHEN $6::boolean THEN $7::boolean ELSE a.disabled END,
         password_hash = CASE WHEN $8::boolean THEN $9::text ELSE a.password_hash END,
         last_sign_in_at = CASE WHEN $10::boolean THEN $11::text ELSE a.last_sign_in_at END
       WHERE a.id = $1
       RETURNING ${ACCOUNT_COLUMNS}`,
      [
        id,
        roles !== undefined,
        roles ?? null,
        scope !== undefined,
        scope == null ? null : JSON.stringify(scope),
        disabled !== undefined,
        disabled ?? false,
        passwordHash !== undefined,
        passwordHash ?? null,
        lastSignInAt !== undefined,
        lastSignInAt ?? null,
      ],
    );
    return rows[0] ?? null;
  }

  async addCode(code: OneTimeSecret) {
    await this.pool.query('INSERT INTO codes (hash, account_id, expires_at) VALUES ($1, $2, $3)', [
      code.hash,
      code.subjectId,
      code.expiresAt,
    ]);
  }

  async consumeCode(hash: string, now: string) {
    const { rows } = await this.pool.query<{ account_id: string }>(
      `UPDATE codes SET used_at = $2 WHERE hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING account_id`,
      [hash, now],
    );
    return rows[0]?.account_id ?? null;
  }

  async createScreen(screen: Omit<ScreenRecord, 'pairingExpiresAt'>) {
    await this.pool.query(
      `INSERT INTO screens (id, name, created_at, paired_at, last_seen_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [screen.id, screen.name, screen.createdAt, screen.pairedAt, screen.lastSeenAt, screen.revokedAt],
    );
  }

  async listScreens(now: string) {
    // The id breaks ties between equal names, so the list keeps its order from one call to the next.
    const { rows } = await this.pool.query<ScreenRecord>(
      `SELECT ${SCREEN_COLUMNS} FROM screens s ORDER BY lower(s.name), s.id`,
      [now],
    );
    return rows;
  }

  async findScreen(id: string, now: string) {
    const { rows } = await this.pool.query<ScreenRecord>(`SELECT ${SCREEN_COLUMNS} FROM screens s WHERE s.id = $2`, [
      now,
      id,
    ]);
    return rows[0] ?? null;
  }

  async updateScreen(id: string, patch: Partial<Pick<ScreenRecord, 'pairedAt' | 'lastSeenAt' | 'revokedAt'>>) {
    const { pairedAt, lastSeenAt, revokedAt } = patch;
    if (Object.values(patch).every((v) => v === undefined)) return;
    await this.pool.query(
      `UPDATE screens SET
         paired_at = CASE WHEN $2::boolean THEN $3::text ELSE paired_at END,
         last_seen_at = CASE WHEN $4::boolean THEN $5::text ELSE last_seen_at END,
         revoked_at = CASE WHEN $6::boolean THEN $7::text ELSE revoked_at END
       WHERE id = $1`,
      [
        id,
        pairedAt !== undefined,
        pairedAt ?? null,
        lastSeenAt !== undefined,
        lastSeenAt ?? null,
        revokedAt !== undefined,
        revokedAt ?? null,
      ],
    );
  }

  async addPairing(pairing: OneTimeSecret) {
    await inTransaction(this.pool, async (client) => {
      // The screen's row lock queues concurrent new links, so each voids the one committed before it.
      await client.query('SELECT 1 FROM screens WHERE id = $1 FOR NO KEY UPDATE', [pairing.subjectId]);
      // A used-up marker, not a deletion: the earlier link simply stops working.
      await client.query(`UPDATE pairings SET used_at = 'replaced' WHERE screen_id = $1 AND used_at IS NULL`, [
        pairing.subjectId,
      ]);
      await client.query('INSERT INTO pairings (hash, screen_id, expires_at) VALUES ($1, $2, $3)', [
        pairing.hash,
        pairing.subjectId,
        pairing.expiresAt,
      ]);
    });
  }

  async consumePairing(hash: string, now: string) {
    const { rows } = await this.pool.query<{ screen_id: string }>(
      `UPDATE pairings SET used_at = $2 WHERE hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING screen_id`,
      [hash, now],
    );
    return rows[0]?.screen_id ?? null;
  }

  async createSession(s: SessionRecord) {
    await this.pool.query(
      `INSERT INTO sessions (id, token_hash, account_id, screen_id, created_at, last_seen_at, expires_at, address, user_agent, ended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        s.id,
        s.tokenHash,
        s.accountId,
        s.screenId,
        s.createdAt,
        s.lastSeenAt,
        s.expiresAt,
        s.address,
        s.userAgent,
        s.endedAt,
      ],
    );
  }

  async findSession(tokenHash: string) {
    const { rows } = await this.pool.query<SessionRecord>(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async renewSessions(renewals: SessionRenewal[]) {
    if (!renewals.length) return;
    // The last renewal of a session or screen wins, as when the SQLite store applies them in order.
    const sessions = new Map(renewals.map((r) => [r.sessionId, r]));
    const screens = new Map(renewals.flatMap((r) => (r.screenId ? [[r.screenId, r.lastSeenAt] as const] : [])));
    const sessionIds = [...sessions.keys()];
    const screenIds = [...screens.keys()];
    await inTransaction(this.pool, async (client) => {
      await client.query('SELECT 1 FROM sessions WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE', [
        sessionIds,
      ]);
      await client.query(
        `UPDATE sessions s SET last_seen_at = r.last_seen_at, expires_at = r.expires_at
         FROM unnest($1::text[], $2::text[], $3::text[]) AS r(id, last_seen_at, expires_at)
         WHERE s.id = r.id AND s.ended_at IS NULL`,
        [sessionIds, [...sessions.values()].map((r) => r.lastSeenAt), [...sessions.values()].map((r) => r.expiresAt)],
      );
      if (!screenIds.length) return;
      await client.query('SELECT 1 FROM screens WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE', [screenIds]);
      await client.query(
        `UPDATE screens s SET last_seen_at = r.last_seen_at
         FROM unnest($1::text[], $2::text[]) AS r(id, last_seen_at)
         WHERE s.id = r.id`,
        [screenIds, [...screens.values()]],
      );
    });
  }

  async endSessions(owner: SessionOwner, at: string, reason: string) {
    const [sql, value] =
      'sessionId' in owner
        ? [END_SESSIONS.sessionId, owner.sessionId]
        : 'accountId' in owner
          ? [END_SESSIONS.accountId, owner.accountId]
          : [END_SESSIONS.screenId, owner.screenId];
    const { rows } = await this.pool.query<{ id: string }>(sql, [at, reason, value]);
    return rows.map((r) => r.id);
  }

  async journal(e: AccessJournalEntry) {
    await this.pool.query(
      `INSERT INTO journal (at, actor_id, actor_name, action, target, address, session_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [e.at, e.actorId, e.actorName, e.action, e.target, e.address, e.sessionId],
    );
  }

  /** Stops listening; the pool belongs to whoever opened it (see the constructor). */
  async close(): Promise<void> {
    await this.announcements?.close();
  }
}
