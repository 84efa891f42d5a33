/** Accounts, codes, screens and sessions in their own SQLite file (WAL, synchronous=FULL). */
import type Database from 'better-sqlite3';
import { openDatabase } from './openDatabase.ts';
import type { Role, Scope } from '@vigie/shared';
import {
  DuplicateLoginError,
  type AccessJournalEntry,
  type AccessStore,
  type AccountRecord,
  type OneTimeSecret,
  type ScreenRecord,
  type SessionOwner,
  type SessionRenewal,
  type SessionRecord,
} from '../../access/accessStore.ts';

const migrations: readonly string[] = [
  `CREATE TABLE accounts (
     id TEXT PRIMARY KEY,
     login TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     roles TEXT NOT NULL,
     scope TEXT,
     password_hash TEXT,
     disabled INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     last_sign_in_at TEXT
   ) STRICT;
   CREATE TABLE codes (
     hash TEXT PRIMARY KEY,
     account_id TEXT NOT NULL REFERENCES accounts(id),
     expires_at TEXT NOT NULL,
     used_at TEXT
   ) STRICT;
   CREATE TABLE screens (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at TEXT NOT NULL,
     paired_at TEXT,
     last_seen_at TEXT,
     revoked_at TEXT
   ) STRICT;
   CREATE TABLE pairings (
     hash TEXT PRIMARY KEY,
     screen_id TEXT NOT NULL REFERENCES screens(id),
     expires_at TEXT NOT NULL,
     used_at TEXT
   ) STRICT;
   CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     account_id TEXT REFERENCES accounts(id),
     screen_id TEXT REFERENCES screens(id),
     created_at TEXT NOT NULL,
     last_seen_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     address TEXT,
     user_agent TEXT,
     ended_at TEXT,
     end_reason TEXT,
     CHECK ((account_id IS NULL) <> (screen_id IS NULL))
   ) STRICT;
   CREATE INDEX sessions_by_account ON sessions (account_id) WHERE ended_at IS NULL;
   CREATE INDEX sessions_by_screen ON sessions (screen_id) WHERE ended_at IS NULL;
   CREATE TABLE journal (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     actor_id TEXT NOT NULL,
     actor_name TEXT NOT NULL,
     action TEXT NOT NULL,
     target TEXT NOT NULL,
     address TEXT,
     session_id TEXT
   ) STRICT;
   CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'the journal is write-once'); END;
   CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN SELECT RAISE(ABORT, 'the journal is write-once'); END;`,
];

interface AccountRow {
  id: string;
  login: string;
  name: string;
  roles: string;
  scope: string | null;
  password_hash: string | null;
  disabled: number;
  created_at: string;
  last_sign_in_at: string | null;
}

const toAccount = (r: AccountRow): AccountRecord => ({
  id: r.id,
  login: r.login,
  name: r.name,
  roles: JSON.parse(r.roles) as Role[],
  scope: r.scope === null ? null : (JSON.parse(r.scope) as Scope),
  passwordHash: r.password_hash,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  lastSignInAt: r.last_sign_in_at,
});

interface ScreenRow {
  id: string;
  name: string;
  created_at: string;
  paired_at: string | null;
  last_seen_at: string | null;
  revoked_at: string | null;
  pairing_expires_at: string | null;
}

const toScreen = (r: ScreenRow): ScreenRecord => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  pairedAt: r.paired_at,
  lastSeenAt: r.last_seen_at,
  revokedAt: r.revoked_at,
  pairingExpiresAt: r.pairing_expires_at,
});

const SCREEN_COLUMNS = `s.*, (SELECT max(p.expires_at) FROM pairings p
  WHERE p.screen_id = s.id AND p.used_at IS NULL AND p.expires_at > @now) AS pairing_expires_at`;

/** better-sqlite3 is synchronous: its result (or error) as the promise the interface returns. */
function settle<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

export function openSqliteAccessStore(path: string): SqliteAccessStore {
  return new SqliteAccessStore(openDatabase(path, migrations));
}

export class SqliteAccessStore implements AccessStore {
  constructor(readonly db: Database.Database) {}

  createAccounts(accounts: AccountRecord[], codes: OneTimeSecret[]): Promise<void> {
    return settle(() => {
      const taken = this.taken(accounts.map((a) => a.login));
      if (taken.length) throw new DuplicateLoginError(taken);
      const insert = this.db.prepare(
        `INSERT INTO accounts (id, login, name, roles, scope, password_hash, disabled, created_at, last_sign_in_at)
         VALUES (@id, @login, @name, @roles, @scope, @passwordHash, @disabled, @createdAt, @lastSignInAt)`,
      );
      const insertCode = this.db.prepare(`INSERT INTO codes (hash, account_id, expires_at) VALUES (?, ?, ?)`);
      this.db.transaction(() => {
        for (const a of accounts)
          insert.run({
            ...a,
            roles: JSON.stringify(a.roles),
            scope: a.scope === null ? null : JSON.stringify(a.scope),
            disabled: a.disabled ? 1 : 0,
          });
        for (const c of codes) insertCode.run(c.hash, c.subjectId, c.expiresAt);
      })();
    });
  }

  listAccounts(now: string) {
    return settle(() => {
      const rows = this.db
        .prepare<[string], AccountRow & { active: number }>(
          `SELECT a.*, (SELECT count(*) FROM sessions s
             WHERE s.account_id = a.id AND s.ended_at IS NULL AND s.expires_at > ?) AS active
           FROM accounts a ORDER BY a.name COLLATE NOCASE, a.login`,
        )
        .all(now);
      return rows.map((r) => ({ ...toAccount(r), activeSessions: r.active }));
    });
  }

  findAccount(id: string) {
    return settle(() => {
      const row = this.db.prepare<[string], AccountRow>(`SELECT * FROM accounts WHERE id = ?`).get(id);
      return row ? toAccount(row) : null;
    });
  }

  findAccountByLogin(login: string) {
    return settle(() => {
      const row = this.db.prepare<[string], AccountRow>(`SELECT * FROM accounts WHERE login = ?`).get(login);
      return row ? toAccount(row) : null;
    });
  }

  loginsStartingWith(prefixes: string[]) {
    return settle(() =>
      prefixes.flatMap((prefix) =>
        this.db
          .prepare<{ p: string }, { login: string }>(
            `SELECT login FROM accounts WHERE substr(login, 1, length(@p)) = @p`,
          )
          .all({ p: prefix })
          .map((r) => r.login),
      ),
    );
  }

  private taken(logins: string[]): string[] {
    if (!logins.length) return [];
    return this.db
      .prepare<string[], { login: string }>(
        `SELECT login FROM accounts WHERE login IN (${logins.map(() => '?').join(',')})`,
      )
      .all(...logins)
      .map((r) => r.login);
  }

  updateAccount(
    id: string,
    patch: Partial<Pick<AccountRecord, 'roles' | 'scope' | 'disabled' | 'passwordHash' | 'lastSignInAt'>>,
  ) {
    return settle(() => {
      const columns: Record<string, unknown> = {};
      if (patch.roles) columns.roles = JSON.stringify(patch.roles);
      if (patch.scope !== undefined) columns.scope = patch.scope === null ? null : JSON.stringify(patch.scope);
      if (patch.disabled !== undefined) columns.disabled = patch.disabled ? 1 : 0;
      if (patch.passwordHash !== undefined) columns.password_hash = patch.passwordHash;
      if (patch.lastSignInAt !== undefined) columns.last_sign_in_at = patch.lastSignInAt;
      const names = Object.keys(columns);
      if (names.length)
        this.db
          .prepare(`UPDATE accounts SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`)
          .run({ ...columns, id });
    }).then(() => this.findAccount(id));
  }

  addCode(code: OneTimeSecret) {
    return settle(() => {
      this.db
        .prepare(`INSERT INTO codes (hash, account_id, expires_at) VALUES (?, ?, ?)`)
        .run(code.hash, code.subjectId, code.expiresAt);
    });
  }

  consumeCode(hash: string, now: string) {
    return settle(() => {
      const row = this.db
        .prepare<[string, string, string], { account_id: string }>(
          `UPDATE codes SET used_at = ? WHERE hash = ? AND used_at IS NULL AND expires_at > ? RETURNING account_id`,
        )
        .get(now, hash, now);
      return row?.account_id ?? null;
    });
  }

  createScreen(screen: Omit<ScreenRecord, 'pairingExpiresAt'>) {
    return settle(() => {
      this.db
        .prepare(
          `INSERT INTO screens (id, name, created_at, paired_at, last_seen_at, revoked_at)
           VALUES (@id, @name, @createdAt, @pairedAt, @lastSeenAt, @revokedAt)`,
        )
        .run(screen);
    });
  }

  listScreens(now: string) {
    return settle(() => {
      return this.db
        .prepare<{ now: string }, ScreenRow>(`SELECT ${SCREEN_COLUMNS} FROM screens s ORDER BY s.name COLLATE NOCASE`)
        .all({ now })
        .map(toScreen);
    });
  }

  findScreen(id: string, now: string) {
    return settle(() => {
      const row = this.db
        .prepare<{ now: string; id: string }, ScreenRow>(`SELECT ${SCREEN_COLUMNS} FROM screens s WHERE s.id = @id`)
        .get({ now, id });
      return row ? toScreen(row) : null;
    });
  }

  updateScreen(id: string, patch: Partial<Pick<ScreenRecord, 'pairedAt' | 'lastSeenAt' | 'revokedAt'>>) {
    return settle(() => {
      const columns: Record<string, unknown> = {};
      if (patch.pairedAt !== undefined) columns.paired_at = patch.pairedAt;
      if (patch.lastSeenAt !== undefined) columns.last_seen_at = patch.lastSeenAt;
      if (patch.revokedAt !== undefined) columns.revoked_at = patch.revokedAt;
      const names = Object.keys(columns);
      if (names.length)
        this.db
          .prepare(`UPDATE screens SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`)
          .run({ ...columns, id });
    });
  }

  addPairing(pairing: OneTimeSecret) {
    return settle(() => {
      this.db.transaction(() => {
        // A used-up marker, not a deletion: the earlier link simply stops working.
        this.db
          .prepare(`UPDATE pairings SET used_at = 'replaced' WHERE screen_id = ? AND used_at IS NULL`)
          .run(pairing.subjectId);
        this.db
          .prepare(`INSERT INTO pairings (hash, screen_id, expires_at) VALUES (?, ?, ?)`)
          .run(pairing.hash, pairing.subjectId, pairing.expiresAt);
      })();
    });
  }

  consumePairing(hash: string, now: string) {
    return settle(() => {
      const row = this.db
        .prepare<[string, string, string], { screen_id: string }>(
          `UPDATE pairings SET used_at = ? WHERE hash = ? AND used_at IS NULL AND expires_at > ? RETURNING screen_id`,
        )
        .get(now, hash, now);
      return row?.screen_id ?? null;
    });
  }

  createSession(s: SessionRecord) {
    return settle(() => {
      this.db
        .prepare(
          `INSERT INTO sessions (id, token_hash, account_id, screen_id, created_at, last_seen_at, expires_at, address, user_agent, ended_at)
           VALUES (@id, @tokenHash, @accountId, @screenId, @createdAt, @lastSeenAt, @expiresAt, @address, @userAgent, @endedAt)`,
        )
        .run(s);
    });
  }

  findSession(tokenHash: string) {
    return settle(() => {
      const r = this.db
        .prepare<[string], Record<string, string | null>>(`SELECT * FROM sessions WHERE token_hash = ?`)
        .get(tokenHash);
      if (!r) return null;
      return {
        id: r.id!,
        tokenHash: r.token_hash!,
        accountId: r.account_id ?? null,
        screenId: r.screen_id ?? null,
        createdAt: r.created_at!,
        lastSeenAt: r.last_seen_at!,
        expiresAt: r.expires_at!,
        address: r.address ?? null,
        userAgent: r.user_agent ?? null,
        endedAt: r.ended_at ?? null,
      };
    });
  }

  renewSessions(renewals: SessionRenewal[]) {
    return settle(() => {
      const session = this.db.prepare(
        `UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ? AND ended_at IS NULL`,
      );
      const screen = this.db.prepare(`UPDATE screens SET last_seen_at = ? WHERE id = ?`);
      this.db.transaction(() => {
        for (const r of renewals) {
          session.run(r.lastSeenAt, r.expiresAt, r.sessionId);
          if (r.screenId) screen.run(r.lastSeenAt, r.screenId);
        }
      })();
    });
  }

  endSessions(owner: SessionOwner, at: string, reason: string) {
    return settle(() => {
      const [column, value] =
        'sessionId' in owner
          ? ['id', owner.sessionId]
          : 'accountId' in owner
            ? ['account_id', owner.accountId]
            : ['screen_id', owner.screenId];
      return this.db
        .prepare<[string, string, string], { id: string }>(
          `UPDATE sessions SET ended_at = ?, end_reason = ? WHERE ${column} = ? AND ended_at IS NULL RETURNING id`,
        )
        .all(at, reason, value)
        .map((r) => r.id);
    });
  }

  journal(e: AccessJournalEntry) {
    return settle(() => {
      this.db
        .prepare(
          `INSERT INTO journal (at, actor_id, actor_name, action, target, address, session_id)
           VALUES (@at, @actorId, @actorName, @action, @target, @address, @sessionId)`,
        )
        .run(e);
    });
  }

  close() {
    return settle(() => {
      this.db.close();
    });
  }
}
