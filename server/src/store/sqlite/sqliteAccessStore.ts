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

/** 1 or 0 for a flag bound to SQL (SQLite has no booleans). */
const flag = (set: boolean) => (set ? 1 : 0);

/**
 * Every statement of the store, prepared once when it opens: a statement costs several KiB of native
 * memory until its JS wrapper is collected, so preparing one per call (every connection's session
 * lookup) left a high-water mark of them behind a connection storm.
 */
function prepareStatements(db: Database.Database) {
  return {
    insertAccount: db.prepare(
      `INSERT INTO accounts (id, login, name, roles, scope, password_hash, disabled, created_at, last_sign_in_at)
       VALUES (@id, @login, @name, @roles, @scope, @passwordHash, @disabled, @createdAt, @lastSignInAt)`,
    ),
    insertCode: db.prepare<[string, string, string]>(
      `INSERT INTO codes (hash, account_id, expires_at) VALUES (?, ?, ?)`,
    ),
    listAccounts: db.prepare<[string], AccountRow & { active: number }>(
      `SELECT a.*, (SELECT count(*) FROM sessions s
         WHERE s.account_id = a.id AND s.ended_at IS NULL AND s.expires_at > ?) AS active
       FROM accounts a ORDER BY a.name COLLATE NOCASE, a.login`,
    ),
    findAccount: db.prepare<[string], AccountRow>(`SELECT * FROM accounts WHERE id = ?`),
    findAccountByLogin: db.prepare<[string], AccountRow>(`SELECT * FROM accounts WHERE login = ?`),
    loginsStartingWith: db.prepare<{ p: string }, { login: string }>(
      `SELECT login FROM accounts WHERE substr(login, 1, length(@p)) = @p`,
    ),
    // The logins as one JSON array: one statement whatever their number.
    taken: db.prepare<[string], { login: string }>(
      `SELECT login FROM accounts WHERE login IN (SELECT value FROM json_each(?))`,
    ),
    // One statement for any patch: a column changes only where its flag is set (a value may be null).
    updateAccount: db.prepare(
      `UPDATE accounts SET
         roles = CASE WHEN @setRoles THEN @roles ELSE roles END,
         scope = CASE WHEN @setScope THEN @scope ELSE scope END,
         disabled = CASE WHEN @setDisabled THEN @disabled ELSE disabled END,
         password_hash = CASE WHEN @setPasswordHash THEN @passwordHash ELSE password_hash END,
         last_sign_in_at = CASE WHEN @setLastSignInAt THEN @lastSignInAt ELSE last_sign_in_at END
       WHERE id = @id`,
    ),
    consumeCode: db.prepare<[string, string, string], { account_id: string }>(
      `UPDATE codes SET used_at = ? WHERE hash = ? AND used_at IS NULL AND expires_at > ? RETURNING account_id`,
    ),
    insertScreen: db.prepare(
      `INSERT INTO screens (id, name, created_at, paired_at, last_seen_at, revoked_at)
       VALUES (@id, @name, @createdAt, @pairedAt, @lastSeenAt, @revokedAt)`,
    ),
    listScreens: db.prepare<{ now: string }, ScreenRow>(
      `SELECT ${SCREEN_COLUMNS} FROM screens s ORDER BY s.name COLLATE NOCASE`,
    ),
    findScreen: db.prepare<{ now: string; id: string }, ScreenRow>(
      `SELECT ${SCREEN_COLUMNS} FROM screens s WHERE s.id = @id`,
    ),
    updateScreen: db.prepare(
      `UPDATE screens SET
         paired_at = CASE WHEN @setPairedAt THEN @pairedAt ELSE paired_at END,
         last_seen_at = CASE WHEN @setLastSeenAt THEN @lastSeenAt ELSE last_seen_at END,
         revoked_at = CASE WHEN @setRevokedAt THEN @revokedAt ELSE revoked_at END
       WHERE id = @id`,
    ),
    // A used-up marker, not a deletion: the earlier link simply stops working.
    replacePairings: db.prepare<[string]>(
      `UPDATE pairings SET used_at = 'replaced' WHERE screen_id = ? AND used_at IS NULL`,
    ),
    insertPairing: db.prepare<[string, string, string]>(
      `INSERT INTO pairings (hash, screen_id, expires_at) VALUES (?, ?, ?)`,
    ),
    consumePairing: db.prepare<[string, string, string], { screen_id: string }>(
      `UPDATE pairings SET used_at = ? WHERE hash = ? AND used_at IS NULL AND expires_at > ? RETURNING screen_id`,
    ),
    insertSession: db.prepare(
      `INSERT INTO sessions (id, token_hash, account_id, screen_id, created_at, last_seen_at, expires_at, address, user_agent, ended_at)
       VALUES (@id, @tokenHash, @accountId, @screenId, @createdAt, @lastSeenAt, @expiresAt, @address, @userAgent, @endedAt)`,
    ),
    findSession: db.prepare<[string], Record<string, string | null>>(`SELECT * FROM sessions WHERE token_hash = ?`),
    renewSession: db.prepare<[string, string, string]>(
      `UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ? AND ended_at IS NULL`,
    ),
    renewScreen: db.prepare<[string, string]>(`UPDATE screens SET last_seen_at = ? WHERE id = ?`),
    endSessions: {
      sessionId: db.prepare<[string, string, string], { id: string }>(
        `UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL RETURNING id`,
      ),
      accountId: db.prepare<[string, string, string], { id: string }>(
        `UPDATE sessions SET ended_at = ?, end_reason = ? WHERE account_id = ? AND ended_at IS NULL RETURNING id`,
      ),
      screenId: db.prepare<[string, string, string], { id: string }>(
        `UPDATE sessions SET ended_at = ?, end_reason = ? WHERE screen_id = ? AND ended_at IS NULL RETURNING id`,
      ),
    },
    journal: db.prepare(
      `INSERT INTO journal (at, actor_id, actor_name, action, target, address, session_id)
       VALUES (@at, @actorId, @actorName, @action, @target, @address, @sessionId)`,
    ),
  };
}

export class SqliteAccessStore implements AccessStore {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly insertAccounts: (accounts: AccountRecord[], codes: OneTimeSecret[]) => void;
  private readonly renew: (renewals: SessionRenewal[]) => void;
  private readonly pair: (pairing: OneTimeSecret) => void;

  constructor(readonly db: Database.Database) {
    const s = (this.statements = prepareStatements(db));
    this.insertAccounts = db.transaction((accounts: AccountRecord[], codes: OneTimeSecret[]) => {
      const taken = s.taken.all(JSON.stringify(accounts.map((a) => a.login))).map((r) => r.login);
      if (taken.length) throw new DuplicateLoginError(taken);
      for (const a of accounts)
        s.insertAccount.run({
          ...a,
          roles: JSON.stringify(a.roles),
          scope: a.scope === null ? null : JSON.stringify(a.scope),
          disabled: a.disabled ? 1 : 0,
        });
      for (const c of codes) s.insertCode.run(c.hash, c.subjectId, c.expiresAt);
    });
    this.renew = db.transaction((renewals: SessionRenewal[]) => {
      for (const r of renewals) {
        s.renewSession.run(r.lastSeenAt, r.expiresAt, r.sessionId);
        if (r.screenId) s.renewScreen.run(r.lastSeenAt, r.screenId);
      }
    });
    this.pair = db.transaction((pairing: OneTimeSecret) => {
      s.replacePairings.run(pairing.subjectId);
      s.insertPairing.run(pairing.hash, pairing.subjectId, pairing.expiresAt);
    });
  }

  createAccounts(accounts: AccountRecord[], codes: OneTimeSecret[]): Promise<void> {
    return settle(() => this.insertAccounts(accounts, codes));
  }

  listAccounts(now: string) {
    return settle(() =>
      this.statements.listAccounts.all(now).map((r) => ({ ...toAccount(r), activeSessions: r.active })),
    );
  }

  findAccount(id: string) {
    return settle(() => {
      const row = this.statements.findAccount.get(id);
      return row ? toAccount(row) : null;
    });
  }

  findAccountByLogin(login: string) {
    return settle(() => {
      const row = this.statements.findAccountByLogin.get(login);
      return row ? toAccount(row) : null;
    });
  }

  loginsStartingWith(prefixes: string[]) {
    return settle(() =>
      prefixes.flatMap((prefix) => this.statements.loginsStartingWith.all({ p: prefix }).map((r) => r.login)),
    );
  }

  updateAccount(
    id: string,
    patch: Partial<Pick<AccountRecord, 'roles' | 'scope' | 'disabled' | 'passwordHash' | 'lastSignInAt'>>,
  ) {
    return settle(() => {
      const { roles, scope, disabled, passwordHash, lastSignInAt } = patch;
      if (Object.values(patch).every((v) => v === undefined)) return;
      this.statements.updateAccount.run({
        id,
        setRoles: flag(roles !== undefined),
        roles: roles === undefined ? null : JSON.stringify(roles),
        setScope: flag(scope !== undefined),
        scope: scope == null ? null : JSON.stringify(scope),
        setDisabled: flag(disabled !== undefined),
        disabled: disabled ? 1 : 0,
        setPasswordHash: flag(passwordHash !== undefined),
        passwordHash: passwordHash ?? null,
        setLastSignInAt: flag(lastSignInAt !== undefined),
        lastSignInAt: lastSignInAt ?? null,
      });
    }).then(() => this.findAccount(id));
  }

  addCode(code: OneTimeSecret) {
    return settle(() => {
      this.statements.insertCode.run(code.hash, code.subjectId, code.expiresAt);
    });
  }

  consumeCode(hash: string, now: string) {
    return settle(() => this.statements.consumeCode.get(now, hash, now)?.account_id ?? null);
  }

  createScreen(screen: Omit<ScreenRecord, 'pairingExpiresAt'>) {
    return settle(() => {
      this.statements.insertScreen.run(screen);
    });
  }

  listScreens(now: string) {
    return settle(() => this.statements.listScreens.all({ now }).map(toScreen));
  }

  findScreen(id: string, now: string) {
    return settle(() => {
      const row = this.statements.findScreen.get({ now, id });
      return row ? toScreen(row) : null;
    });
  }

  updateScreen(id: string, patch: Partial<Pick<ScreenRecord, 'pairedAt' | 'lastSeenAt' | 'revokedAt'>>) {
    return settle(() => {
      const { pairedAt, lastSeenAt, revokedAt } = patch;
      if (Object.values(patch).every((v) => v === undefined)) return;
      this.statements.updateScreen.run({
        id,
        setPairedAt: flag(pairedAt !== undefined),
        pairedAt: pairedAt ?? null,
        setLastSeenAt: flag(lastSeenAt !== undefined),
        lastSeenAt: lastSeenAt ?? null,
        setRevokedAt: flag(revokedAt !== undefined),
        revokedAt: revokedAt ?? null,
      });
    });
  }

  addPairing(pairing: OneTimeSecret) {
    return settle(() => this.pair(pairing));
  }

  consumePairing(hash: string, now: string) {
    return settle(() => this.statements.consumePairing.get(now, hash, now)?.screen_id ?? null);
  }

  createSession(s: SessionRecord) {
    return settle(() => {
      this.statements.insertSession.run(s);
    });
  }

  findSession(tokenHash: string) {
    return settle(() => {
      const r = this.statements.findSession.get(tokenHash);
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
    return settle(() => this.renew(renewals));
  }

  endSessions(owner: SessionOwner, at: string, reason: string) {
    return settle(() => {
      const { endSessions } = this.statements;
      const [statement, value] =
        'sessionId' in owner
          ? [endSessions.sessionId, owner.sessionId]
          : 'accountId' in owner
            ? [endSessions.accountId, owner.accountId]
            : [endSessions.screenId, owner.screenId];
      return statement.all(at, reason, value).map((r) => r.id);
    });
  }

  journal(e: AccessJournalEntry) {
    return settle(() => {
      this.statements.journal.run(e);
    });
  }

  // One server owns the file: there is nobody to tell.
  announce(): Promise<void> {
    return Promise.resolve();
  }

  onAnnounced(): () => void {
    return () => undefined;
  }

  close() {
    return settle(() => {
      this.db.close();
    });
  }
}
