/**
 * Where accounts, one-time codes, wall screens and sessions are kept: apart from the incident log,
 * so restoring a log backup never brings back a revoked session or an old password.
 * Secrets are stored only as hashes (see secrets.ts).
 */
import type { Role, Scope, SessionEndReason } from '@vigie/shared';

export interface AccountRecord {
  id: string;
  login: string;
  name: string;
  roles: Role[];
  scope: Scope;
  passwordHash: string | null;
  disabled: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface ScreenRecord {
  id: string;
  name: string;
  createdAt: string;
  pairedAt: string | null;
  lastSeenAt: string | null;
  revokedAt: string | null;
  /** Expiry of the latest unused pairing link, if any. */
  pairingExpiresAt: string | null;
}

export interface SessionRecord {
  id: string;
  tokenHash: string;
  /** Exactly one of the two is set: a person's session or a wall screen's. */
  accountId: string | null;
  screenId: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  address: string | null;
  userAgent: string | null;
  endedAt: string | null;
}

/** A one-time secret (sign-in code or pairing link) by its hash. */
export interface OneTimeSecret {
  hash: string;
  /** The account a code signs in, or the screen a pairing link pairs. */
  subjectId: string;
  expiresAt: string;
}

/** An access change kept for the record: who did what to whom, from where. */
export interface AccessJournalEntry {
  at: string;
  actorId: string;
  actorName: string;
  action: string;
  target: string;
  address: string | null;
  sessionId: string | null;
}

export type SessionOwner = { sessionId: string } | { accountId: string } | { screenId: string };

export class DuplicateLoginError extends Error {
  constructor(readonly logins: string[]) {
    super(`login already taken: ${logins.join(', ')}`);
  }
}

/** A session seen in use: its last sighting and new expiry (and its screen's last sighting, for a screen). */
export interface SessionRenewal {
  sessionId: string;
  screenId: string | null;
  lastSeenAt: string;
  expiresAt: string;
}

export interface AccessStore {
  /** Creates accounts and their first codes at once, or none (a taken login throws DuplicateLoginError). */
  createAccounts(accounts: AccountRecord[], codes: OneTimeSecret[]): Promise<void>;
  listAccounts(now: string): Promise<(AccountRecord & { activeSessions: number })[]>;
  findAccount(id: string): Promise<AccountRecord | null>;
  findAccountByLogin(login: string): Promise<AccountRecord | null>;
  /** Logins that start with one of the prefixes (to number a derived login past every taken one). */
  loginsStartingWith(prefixes: string[]): Promise<string[]>;
  updateAccount(
    id: string,
    patch: Partial<Pick<AccountRecord, 'roles' | 'scope' | 'disabled' | 'passwordHash' | 'lastSignInAt'>>,
  ): Promise<AccountRecord | null>;

  addCode(code: OneTimeSecret): Promise<void>;
  /** Marks a valid, unused, unexpired code used and returns its account id (once only). */
  consumeCode(hash: string, now: string): Promise<string | null>;

  createScreen(screen: Omit<ScreenRecord, 'pairingExpiresAt'>): Promise<void>;
  listScreens(now: string): Promise<ScreenRecord[]>;
  findScreen(id: string, now: string): Promise<ScreenRecord | null>;
  updateScreen(id: string, patch: Partial<Pick<ScreenRecord, 'pairedAt' | 'lastSeenAt' | 'revokedAt'>>): Promise<void>;
  /** A new pairing link voids the screen's earlier unused ones. */
  addPairing(pairing: OneTimeSecret): Promise<void>;
  consumePairing(hash: string, now: string): Promise<string | null>;

  createSession(session: SessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | null>;
  /** Renews sessions (and the screens behind them) in one write: a building's screens reconnect together. */
  renewSessions(renewals: SessionRenewal[]): Promise<void>;
  /** Ends the open sessions of an owner; returns the ids ended. */
  endSessions(owner: SessionOwner, at: string, reason: string): Promise<string[]>;

  journal(entry: AccessJournalEntry): Promise<void>;

  /** Tells the other servers sharing the store (none on SQLite) that sessions ended or rights changed. */
  announce(change: AccessChange): Promise<void>;
  /** Hears what the other servers announce; returns the unsubscribe. */
  onAnnounced(listener: (change: AccessChange) => void): () => void;
  close(): Promise<void>;
}

/** What closes sockets on every server: sessions that ended, a person whose rights changed. */
export type AccessChange =
  | { kind: 'sessions-ended'; sessionIds: string[]; reason: SessionEndReason }
  | { kind: 'rights-changed'; accountId: string };
