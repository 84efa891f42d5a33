/**
 * Access use cases: signing in (password, one-time code), pairing wall screens, resolving a session
 * token to a principal, and what an admin does to accounts and screens. Every change is journaled;
 * secrets leave only once, in the reply that creates them.
 */
import { CodeSchema } from '@vigie/shared/api';
import { abilitiesOf } from '../policies/abilities.ts';
import type { Origin, Registry, Role, Scope, SessionEndReason, SessionInfo } from '@vigie/shared';
import type { AccountDraft, AccountSummary, Pairing, ScreenSummary, SheetEntry } from '@vigie/shared/api';
import { CommandError } from '../domain/commandError.ts';
import type { Principal } from '../domain/context.ts';
import type {
  AccessStore,
  AccountRecord,
  ScreenRecord,
  SessionOwner,
  SessionRecord,
  SessionRenewal,
} from './accessStore.ts';
import { DuplicateLoginError } from './accessStore.ts';
import { newId } from '../ids.ts';
import { digest, hashPassword, newCode, randomToken, spendVerifyTime, verifyPassword } from './secrets.ts';
import { CheckPool, KeyedQueue } from './checkQueue.ts';
import { SignInThrottle } from './signInThrottle.ts';

const HOUR = 3_600_000;
/** How long after signing in with a code a person may choose a password without the current one. */
const CODE_SESSION_PASSWORD_MS = HOUR;

/** Password checks running at once (each holds 19 MiB and a libuv thread), and how many more may wait. */
const PASSWORD_CHECKS = 3;
const PASSWORD_CHECKS_WAITING = 64;
/** Attempts for one login waiting behind the one being checked. */
const LOGIN_ATTEMPTS_WAITING = 4;

export interface AccessOptions {
  /** Reading without an account (anonymous = viewer). */
  openRead: boolean;
  now?: () => Date;
  /** How long printed codes stay valid. */
  codeTtlMs?: number;
  /** A person's session ends after this long unused. */
  sessionIdleMs?: number;
  /** A wall screen's session, renewed on every connection. */
  screenSessionMs?: number;
  pairingTtlMs?: number;
}

/** Where a request comes from (kept in the journal and on the session). */
export interface From {
  address: string | null;
  userAgent?: string | null;
}

/** Who asks for an admin change, and from where. */
export interface Caller {
  principal: Principal;
  origin: Origin;
}

/** A valid session: who it is, and until when its cookie should live. */
export interface ResolvedSession {
  session: SessionRecord;
  principal: Principal;
  info: SessionInfo;
  expiresAt: Date;
}

export interface SignedIn extends ResolvedSession {
  /** The session cookie's value (never stored: the store keeps its hash). */
  token: string;
}

export class Access {
  private readonly throttle = new SignInThrottle();
  private readonly passwordChecks = new CheckPool(PASSWORD_CHECKS, PASSWORD_CHECKS_WAITING);
  /** Passwords checked since start (a figure for tests and diagnostics). */
  passwordsChecked = 0;
  private readonly loginAttempts = new KeyedQueue(LOGIN_ATTEMPTS_WAITING);
  private readonly renewals = new Map<string, SessionRenewal>();
  /**
   * Sessions opened with a one-time code, and until when (ms) they may set a password without the
   * current one: a code is how a forgotten password is reset. Kept in memory: after a restart the
   * person asks for a new code.
   */
  private readonly codeSessions = new Map<string, number>();
  /** Set by the transport: closes the connections of ended sessions, or of a person whose rights changed. */
  onSessionsEnded: (sessionIds: string[], reason: SessionEndReason) => void = () => undefined;
  onRightsChanged: (accountId: string) => void = () => undefined;
  private readonly now: () => Date;
  private readonly codeTtlMs: number;
  private readonly sessionIdleMs: number;
  private readonly screenSessionMs: number;
  private readonly pairingTtlMs: number;

  constructor(
    readonly store: AccessStore,
    private readonly registry: Registry,
    readonly options: AccessOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.codeTtlMs = options.codeTtlMs ?? 24 * HOUR;
    this.sessionIdleMs = options.sessionIdleMs ?? 12 * HOUR;
    // 400 days: the longest a browser keeps a cookie; every connection renews it.
    this.screenSessionMs = options.screenSessionMs ?? 400 * 24 * HOUR;
    this.pairingTtlMs = options.pairingTtlMs ?? 24 * HOUR;
  }

  anonymous(): SessionInfo {
    return {
      kind: 'anonymous',
      id: null,
      name: null,
      roles: [],
      scope: null,
      openRead: this.options.openRead,
      abilities: abilitiesOf(null, this.registry),
    };
  }

  /** The session behind a cookie token, renewed; null if unknown, ended, expired, disabled or revoked. */
  async resolve(token: string | undefined): Promise<ResolvedSession | null> {
    if (!token || token.length > 100) return null;
    const session = await this.store.findSession(digest(token));
    const now = this.now();
    if (!session || session.endedAt !== null || Date.parse(session.expiresAt) <= now.getTime()) return null;
    const iso = now.toISOString();
    if (session.accountId) {
      const account = await this.store.findAccount(session.accountId);
      if (!account || account.disabled) return null;
      const expiresAt = new Date(now.getTime() + this.sessionIdleMs);
      if (stale(session, now)) this.renew(session.id, null, iso, expiresAt);
      return { session, expiresAt, ...this.personOf(account) };
    }
    const screen = await this.store.findScreen(session.screenId!, iso);
    if (!screen || screen.revokedAt !== null) return null;
    const expiresAt = new Date(now.getTime() + this.screenSessionMs);
    if (stale(session, now)) this.renew(session.id, screen.id, iso, expiresAt);
    return { session, expiresAt, ...this.screenOf(screen) };
  }

  /**
   * Renewals are written together at the end of the turn, not awaited by the connection: a building's
   * screens reconnecting at once cost one transaction, and a renewal that fails only leaves the
   * session's earlier expiry (the next sighting renews it).
   */
  private renew(sessionId: string, screenId: string | null, lastSeenAt: string, expiresAt: Date): void {
    if (this.renewals.size === 0) {
      setImmediate(() => {
        const batch = [...this.renewals.values()];
        this.renewals.clear();
        this.store.renewSessions(batch).catch(() => undefined);
      });
    }
    this.renewals.set(sessionId, { sessionId, screenId, lastSeenAt, expiresAt: expiresAt.toISOString() });
  }

  async signIn(login: string, password: string, from: From): Promise<SignedIn> {
    const account = await this.attempt(login, from.address, true, async () => {
      const found = await this.store.findAccountByLogin(login);
      if (!found?.passwordHash) {
        await spendVerifyTime(password);
        return null;
      }
      return (await verifyPassword(found.passwordHash, password)) && !found.disabled ? found : null;
    });
    if (!account) throw new CommandError('unauthorized', 'wrong login or password');
    return this.openPersonSession(account, from, 'signed-in');
  }

  /** Keeps the sessions of connected people alive: a console open all day is in use, not idle. */
  async keepAlive(sessionIds: string[]): Promise<void> {
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.sessionIdleMs).toISOString();
    await this.store.renewSessions(
      sessionIds.map((sessionId) => ({ sessionId, screenId: null, lastSeenAt: now.toISOString(), expiresAt })),
    );
  }

  async signInWithCode(code: string, from: From): Promise<SignedIn> {
    // A code is checked by its SHA-256 (cheap): no password-check slot, but counted like any attempt.
    const account = await this.attempt(null, from.address, false, async () => {
      // As printed ("K7PQ-M3XZ-R9TW") or as typed, in any case.
      const normalized = CodeSchema.safeParse(code);
      const accountId = normalized.success
        ? await this.store.consumeCode(digest(normalized.data), this.now().toISOString())
        : null;
      const found = accountId ? await this.store.findAccount(accountId) : null;
      return found && !found.disabled ? found : null;
    });
    if (!account) throw new CommandError('unauthorized', 'this code is unknown, used or expired');
    const signedIn = await this.openPersonSession(account, from, 'signed-in with a code');
    const now = this.now().getTime();
    for (const [id, until] of this.codeSessions) if (until <= now) this.codeSessions.delete(id);
    this.codeSessions.set(signedIn.session.id, now + CODE_SESSION_PASSWORD_MS);
    return signedIn;
  }

  async pairScreen(secret: string, from: From): Promise<SignedIn> {
    const now = this.now().toISOString();
    const screen = await this.attempt(null, from.address, false, async () => {
      const screenId = await this.store.consumePairing(digest(secret), now);
      const found = screenId ? await this.store.findScreen(screenId, now) : null;
      return found && found.revokedAt === null ? found : null;
    });
    if (!screen) throw new CommandError('unauthorized', 'this pairing link is unknown, used or expired');
    // A screen paired again (a new TV, a reset browser) leaves its earlier sessions behind.
    await this.endSessions({ screenId: screen.id }, 'screen-revoked');
    await this.store.updateScreen(screen.id, { pairedAt: now, lastSeenAt: now });
    const signedIn = await this.openSession({ screenId: screen.id }, from, this.screenSessionMs, this.screenOf(screen));
    await this.journal(
      { id: `screen:${screen.id}`, name: screen.name },
      'screen paired',
      screen.id,
      from,
      signedIn.session.id,
    );
    return signedIn;
  }

  async signOut(sessionId: string): Promise<void> {
    await this.endSessions({ sessionId }, 'signed-out');
  }

  async setPassword(caller: Caller, password: string, currentPassword: string | undefined): Promise<void> {
    const account = await this.store.findAccount(caller.principal.actor.id);
    if (!account || caller.principal.actor.kind !== 'person')
      throw new CommandError('forbidden', 'only a person has a password');
    // Changing a password needs the current one (checked like a sign-in, so a stolen session cannot
    // guess it faster than the sign-in page); setting the first one, or a new one soon after signing in
    // with a code (a reset), does not.
    const stored = account.passwordHash;
    const sessionId = caller.origin.sessionId;
    const reset = sessionId !== null && (this.codeSessions.get(sessionId) ?? 0) > this.now().getTime();
    if (
      stored &&
      !reset &&
      !(await this.attempt(account.login, caller.origin.address, true, async () =>
        (await verifyPassword(stored, currentPassword ?? '')) ? true : null,
      ))
    ) {
      throw new CommandError('unauthorized', 'the current password is wrong');
    }
    await this.store.updateAccount(account.id, { passwordHash: await hashPassword(password) });
    // Once: a later change from this session needs the password just chosen.
    if (sessionId !== null) this.codeSessions.delete(sessionId);
    await this.journalBy(caller, 'password set', account.id);
  }

  // ---- administration -----------------------------------------------------------------------

  /** Creates accounts with a one-time code each (all or none): the printable sheet. */
  async createAccounts(drafts: AccountDraft[], caller: Caller): Promise<SheetEntry[]> {
    drafts.forEach((d) => this.checkScope(d.scope));
    const explicit = drafts.flatMap((d) => (d.login ? [d.login] : []));
    const repeated = explicit.filter((l, i) => explicit.indexOf(l) !== i);
    if (repeated.length) throw new CommandError('invalid_payload', `login given twice: ${repeated.join(', ')}`);
    const taken = new Set([...explicit, ...(await this.derivedLoginsTaken(drafts))]);
    const at = this.now().toISOString();
    const accounts: AccountRecord[] = drafts.map((d) => ({
      id: newId(),
      login: d.login ?? uniqueLogin(d.name, taken),
      name: d.name,
      roles: d.roles,
      scope: d.scope,
      passwordHash: null,
      disabled: false,
      createdAt: at,
      lastSignInAt: null,
    }));
    const codes = accounts.map((a) => ({
      account: a,
      ...newCode(),
      expiresAt: new Date(Date.parse(at) + this.codeTtlMs),
    }));
    try {
      await this.store.createAccounts(
        accounts,
        codes.map((c) => ({ hash: digest(c.code), subjectId: c.account.id, expiresAt: c.expiresAt.toISOString() })),
      );
    } catch (error) {
      if (error instanceof DuplicateLoginError)
        throw new CommandError('conflict', error.message, { logins: error.logins });
      throw error;
    }
    for (const a of accounts) await this.journalBy(caller, `account created (${a.roles.join('+')})`, a.id);
    return codes.map((c) => sheetEntry(c.account, c.printed, c.expiresAt));
  }

  async listAccounts(): Promise<AccountSummary[]> {
    return (await this.store.listAccounts(this.now().toISOString())).map(({ passwordHash, ...a }) => ({
      id: a.id,
      name: a.name,
      login: a.login,
      roles: a.roles,
      scope: a.scope,
      disabled: a.disabled,
      hasPassword: passwordHash !== null,
      createdAt: a.createdAt,
      lastSignInAt: a.lastSignInAt,
      activeSessions: a.activeSessions,
    }));
  }

  async updateAccount(
    id: string,
    patch: { roles?: Role[] | undefined; scope?: Scope | undefined; disabled?: boolean | undefined },
    caller: Caller,
  ): Promise<AccountSummary> {
    if (patch.scope !== undefined) this.checkScope(patch.scope);
    const before = await this.requireAccount(id);
    if (id === caller.principal.actor.id && (patch.disabled || (patch.roles && !patch.roles.includes('admin'))))
      throw new CommandError('forbidden', 'an admin cannot remove their own admin rights (another admin can)');
    await this.store.updateAccount(id, {
      ...(patch.roles ? { roles: patch.roles } : {}),
      ...(patch.scope !== undefined ? { scope: patch.scope } : {}),
      ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
    });
    await this.journalBy(caller, `account updated ${JSON.stringify(patch)}`, id);
    if (patch.disabled && !before.disabled) await this.endSessions({ accountId: id }, 'revoked');
    else if (patch.roles || patch.scope !== undefined) this.onRightsChanged(id);
    return (await this.listAccounts()).find((a) => a.id === id)!;
  }

  /** A new one-time code (a reset: the password, if any, still works until changed). */
  async issueCode(accountId: string, caller: Caller | null, ttlMs = this.codeTtlMs): Promise<SheetEntry> {
    const account = await this.requireAccount(accountId);
    const { code, printed } = newCode();
    const expiresAt = new Date(this.now().getTime() + ttlMs);
    await this.store.addCode({ hash: digest(code), subjectId: account.id, expiresAt: expiresAt.toISOString() });
    if (caller) await this.journalBy(caller, 'code issued', account.id);
    return sheetEntry(account, printed, expiresAt);
  }

  async revokeAccountSessions(accountId: string, caller: Caller): Promise<number> {
    await this.requireAccount(accountId);
    const ended = await this.endSessions({ accountId }, 'revoked');
    await this.journalBy(caller, `sessions revoked (${ended})`, accountId);
    return ended;
  }

  async listScreens(): Promise<ScreenSummary[]> {
    return this.store.listScreens(this.now().toISOString());
  }

  async registerScreen(name: string, caller: Caller): Promise<Pairing> {
    const id = newId();
    await this.store.createScreen({
      id,
      name,
      createdAt: this.now().toISOString(),
      pairedAt: null,
      lastSeenAt: null,
      revokedAt: null,
    });
    await this.journalBy(caller, 'screen registered', id);
    return this.newPairing(id, caller);
  }

  async newPairing(screenId: string, caller: Caller): Promise<Pairing> {
    const screen = await this.requireScreen(screenId);
    if (screen.revokedAt !== null) throw new CommandError('conflict', 'this screen is revoked: register it again');
    const secret = randomToken();
    const expiresAt = new Date(this.now().getTime() + this.pairingTtlMs);
    await this.store.addPairing({ hash: digest(secret), subjectId: screenId, expiresAt: expiresAt.toISOString() });
    await this.journalBy(caller, 'pairing link issued', screenId);
    return { screen: await this.requireScreen(screenId), secret, expiresAt: expiresAt.toISOString() };
  }

  async revokeScreen(screenId: string, caller: Caller): Promise<ScreenSummary> {
    await this.requireScreen(screenId);
    await this.store.updateScreen(screenId, { revokedAt: this.now().toISOString() });
    await this.endSessions({ screenId }, 'screen-revoked');
    await this.journalBy(caller, 'screen revoked', screenId);
    return this.requireScreen(screenId);
  }

  // ---- bootstrap ----------------------------------------------------------------------------

  /**
   * Creates the admin `login` (or restores an existing one to admin, enabled) and returns a one-time
   * code: the first admin, and the break-glass reset, from the server host.
   */
  async bootstrapAdmin(login: string, name: string, ttlMs = HOUR): Promise<SheetEntry> {
    const existing = await this.store.findAccountByLogin(login);
    if (!existing) {
      const [entry] = await this.createAccounts([{ name, login, roles: ['admin'], scope: null }], this.hostCaller());
      return this.issueCode(entry!.accountId, this.hostCaller(), ttlMs);
    }
    const roles: Role[] = existing.roles.includes('admin') ? existing.roles : [...existing.roles, 'admin'];
    await this.store.updateAccount(existing.id, { roles, disabled: false });
    await this.journalBy(this.hostCaller(), 'admin restored from the server host', existing.id);
    return this.issueCode(existing.id, this.hostCaller(), ttlMs);
  }

  /** The demo's ready sign-in: a commander who is also the incident lead, and a code valid 15 minutes. */
  async demoSignIn(): Promise<SheetEntry> {
    const login = 'cellule.demo';
    const existing = await this.store.findAccountByLogin(login);
    const id =
      existing?.id ??
      (
        await this.createAccounts(
          [{ name: 'Cellule de crise (démo)', login, roles: ['commander', 'lead'], scope: null }],
          this.hostCaller(),
        )
      )[0]!.accountId;
    return this.issueCode(id, this.hostCaller(), 15 * 60_000);
  }

  // ---- internals ----------------------------------------------------------------------------

  /**
   * Checks a secret under the slow-down: refused at once if its login or address must wait, held back
   * if its login failed often, then (a login's attempts one at a time, a password check in the pool)
   * counted as a failure while `check` runs. `check` returns what it found, or null for a wrong secret.
   */
  private async attempt<T>(
    login: string | null,
    address: string | null,
    passwordCheck: boolean,
    check: () => Promise<T | null>,
  ): Promise<T | null> {
    const where = address ?? 'unknown';
    // Refused before queueing: a burst from a blocked address costs no place in the queues.
    const gate = this.throttle.before(login, where);
    if ('retryAfterS' in gate) throw tooMany(gate.retryAfterS);
    if (gate.delayMs > 0) await new Promise((r) => setTimeout(r, gate.delayMs));
    const checked = async () => {
      // Reserved only now, when the check starts: attempts waiting in the queues are not counted yet.
      const ticket = this.throttle.reserve(login, where);
      if ('retryAfterS' in ticket) throw tooMany(ticket.retryAfterS);
      if (passwordCheck) this.passwordsChecked++;
      let outcome: 'failed' | 'succeeded' | 'void' = 'void';
      try {
        const found = await check();
        outcome = found === null ? 'failed' : 'succeeded';
        return found;
      } finally {
        ticket.settle(outcome);
      }
    };
    const pooled = passwordCheck ? () => this.passwordChecks.run(checked) : checked;
    return login ? this.loginAttempts.run(login, pooled) : pooled();
  }

  private async openPersonSession(account: AccountRecord, from: From, what: string): Promise<SignedIn> {
    const signedIn = await this.openSession(
      { accountId: account.id },
      from,
      this.sessionIdleMs,
      this.personOf(account),
    );
    await this.store.updateAccount(account.id, { lastSignInAt: signedIn.session.createdAt });
    await this.journal({ id: account.id, name: account.name }, what, account.id, from, signedIn.session.id);
    return signedIn;
  }

  private async openSession(
    owner: { accountId: string } | { screenId: string },
    from: From,
    ttlMs: number,
    who: { principal: Principal; info: SessionInfo },
  ): Promise<SignedIn> {
    const token = randomToken();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + ttlMs);
    const session: SessionRecord = {
      id: newId(),
      tokenHash: digest(token),
      accountId: 'accountId' in owner ? owner.accountId : null,
      screenId: 'screenId' in owner ? owner.screenId : null,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      address: from.address,
      userAgent: from.userAgent?.slice(0, 300) ?? null,
      endedAt: null,
    };
    await this.store.createSession(session);
    return { token, session, expiresAt, ...who };
  }

  private async endSessions(owner: SessionOwner, reason: SessionEndReason): Promise<number> {
    const ended = await this.store.endSessions(owner, this.now().toISOString(), reason);
    if (ended.length) this.onSessionsEnded(ended, reason);
    return ended.length;
  }

  private personOf(account: AccountRecord): { principal: Principal; info: SessionInfo } {
    const { id, name, roles, scope } = account;
    return this.withInfo('person', { actor: { kind: 'person', id, name }, roles, scope });
  }

  private screenOf(screen: ScreenRecord): { principal: Principal; info: SessionInfo } {
    return this.withInfo('screen', { actor: { kind: 'screen', id: screen.id, name: screen.name }, roles: ['viewer'] });
  }

  /** A principal with what its screens are told: who it is and what the policy lets it do. */
  private withInfo(kind: 'person' | 'screen', principal: Principal): { principal: Principal; info: SessionInfo } {
    const { actor, roles, scope = null } = principal;
    return {
      principal,
      info: {
        kind,
        id: actor.id,
        name: actor.name,
        roles: [...roles],
        scope,
        openRead: this.options.openRead,
        abilities: abilitiesOf(principal, this.registry),
      },
    };
  }

  private checkScope(scope: Scope) {
    if (!scope) return;
    const unknown = [
      ...scope.hospitals.filter((id) => !this.registry.hospitals.some((h) => h.id === id)),
      ...scope.ghus.filter((id) => !this.registry.ghus.some((g) => g.id === id)),
    ];
    if (unknown.length) throw new CommandError('invalid_payload', `unknown hospital or GHU: ${unknown.join(', ')}`);
  }

  private derivedLoginsTaken(drafts: AccountDraft[]): Promise<string[]> {
    return this.store.loginsStartingWith([...new Set(drafts.filter((d) => !d.login).map((d) => loginBase(d.name)))]);
  }

  private async requireAccount(id: string): Promise<AccountRecord> {
    const account = await this.store.findAccount(id);
    if (!account) throw new CommandError('not_found', 'no such account');
    return account;
  }

  private async requireScreen(id: string): Promise<ScreenRecord> {
    const screen = await this.store.findScreen(id, this.now().toISOString());
    if (!screen) throw new CommandError('not_found', 'no such screen');
    return screen;
  }

  private hostCaller(): Caller {
    return {
      principal: { actor: { kind: 'system', id: 'server-host', name: 'serveur' }, roles: [] },
      origin: { sessionId: null, address: null },
    };
  }

  private journalBy(caller: Caller, action: string, target: string) {
    return this.journal(
      caller.principal.actor,
      action,
      target,
      { address: caller.origin.address },
      caller.origin.sessionId,
    );
  }

  private journal(
    actor: { id: string; name: string },
    action: string,
    target: string,
    from: From,
    sessionId: string | null,
  ) {
    return this.store.journal({
      at: this.now().toISOString(),
      actorId: actor.id,
      actorName: actor.name,
      action,
      target,
      address: from.address,
      sessionId,
    });
  }
}

/**
 * Whether a session's last use is old enough to record a new one: a minute's precision is plenty for
 * an expiry counted in hours, and a building's screens reconnecting at once then cost no write each.
 */
const stale = (session: SessionRecord, now: Date) => now.getTime() - Date.parse(session.lastSeenAt) >= 60_000;

const tooMany = (retryAfterS: number) =>
  new CommandError('rate_limited', `too many failed attempts: try again in ${retryAfterS} s`, { retryAfterS });

function sheetEntry(account: AccountRecord, code: string, expiresAt: Date): SheetEntry {
  return {
    accountId: account.id,
    name: account.name,
    login: account.login,
    roles: account.roles,
    scope: account.scope,
    code,
    expiresAt: expiresAt.toISOString(),
  };
}

/** "Élodie N'Guyen-Martin" → "elodie.nguyen-martin". */
function loginBase(name: string): string {
  const base = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '.')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 50);
  return base.length >= 2 ? base : `compte.${base}`;
}

function uniqueLogin(name: string, taken: Set<string>): string {
  const base = loginBase(name);
  let login = base;
  for (let n = 2; taken.has(login); n++) login = `${base}${n}`;
  taken.add(login);
  return login;
}
