/**
 * Access: signing in (password, one-time code), pairing wall screens, resolving a session token to a
 * principal, and what an admin does to accounts and screens — one use case per file in sessions/,
 * signIn/, accounts/ and screens/, composed here over one context. Every change is journaled;
 * secrets leave only once, in the reply that creates them.
 */
import type { Registry, SessionEndReason, SessionInfo } from '@vigie/shared';
import type { AccountDraft } from '@vigie/shared/api';
import type { AccessContext, AccessOptions, Caller, From } from './accessContext.ts';
import type { AccessChange, AccessStore } from './accessStore.ts';
import { bootstrapAdmin } from './accounts/bootstrapAdmin.ts';
import { createAccounts } from './accounts/createAccounts.ts';
import { demoSignIn } from './accounts/demoSignIn.ts';
import { issueCode } from './accounts/issueCode.ts';
import { listAccounts } from './accounts/listAccounts.ts';
import { revokeAccountSessions } from './accounts/revokeAccountSessions.ts';
import { setPassword } from './accounts/setPassword.ts';
import { type AccountPatch, updateAccount } from './accounts/updateAccount.ts';
import { CheckPool, KeyedQueue } from './checkQueue.ts';
import { anonymousInfo } from './principals.ts';
import { listScreens } from './screens/listScreens.ts';
import { newPairing } from './screens/newPairing.ts';
import { pairScreen } from './screens/pairScreen.ts';
import { registerScreen } from './screens/registerScreen.ts';
import { revokeScreen } from './screens/revokeScreen.ts';
import { keepAlive } from './sessions/keepAlive.ts';
import { resolveSession } from './sessions/resolveSession.ts';
import { signOut } from './sessions/signOut.ts';
import { signInWithCode } from './signIn/signInWithCode.ts';
import { signInWithPassword } from './signIn/signInWithPassword.ts';
import { SignInThrottle } from './signInThrottle.ts';

export type { AccessOptions, Caller, From } from './accessContext.ts';
export type { ResolvedSession } from './sessions/resolveSession.ts';
export type { SignedIn } from './sessions/openSession.ts';

const HOUR = 3_600_000;
/** Password checks running at once (each holds 19 MiB and a libuv thread), and how many more may wait. */
const PASSWORD_CHECKS = 3;
const PASSWORD_CHECKS_WAITING = 64;
/** Attempts for one login waiting behind the one being checked. */
const LOGIN_ATTEMPTS_WAITING = 4;

export class Access {
  /** Set by the transport: closes the connections of ended sessions, or of a person whose rights changed. */
  onSessionsEnded: (sessionIds: string[], reason: SessionEndReason) => void = () => undefined;
  onRightsChanged: (accountId: string) => void = () => undefined;
  private readonly ctx: AccessContext;
  private readonly unheard: () => void;

  constructor(
    readonly store: AccessStore,
    registry: Registry,
    readonly options: AccessOptions,
  ) {
    const now = options.now ?? (() => new Date());
    this.ctx = {
      store,
      registry,
      openRead: options.openRead,
      now,
      codeTtlMs: options.codeTtlMs ?? 24 * HOUR,
      sessionIdleMs: options.sessionIdleMs ?? 12 * HOUR,
      // 400 days: the longest a browser keeps a cookie; every connection renews it.
      screenSessionMs: options.screenSessionMs ?? 400 * 24 * HOUR,
      pairingTtlMs: options.pairingTtlMs ?? 24 * HOUR,
      // On the same clock as sessions and codes (a test moves it instead of waiting).
      throttle: new SignInThrottle(() => now().getTime()),
      passwordChecks: new CheckPool(PASSWORD_CHECKS, PASSWORD_CHECKS_WAITING),
      loginAttempts: new KeyedQueue(LOGIN_ATTEMPTS_WAITING),
      passwordsChecked: 0,
      renewals: new Map(),
      codeSessions: new Map(),
      // Through the fields, which the transport sets after construction; told to the other servers too.
      sessionsEnded: (sessionIds, reason) => {
        this.onSessionsEnded(sessionIds, reason);
        this.announce({ kind: 'sessions-ended', sessionIds, reason });
      },
      rightsChanged: (accountId) => {
        this.onRightsChanged(accountId);
        this.announce({ kind: 'rights-changed', accountId });
      },
    };
    this.unheard = store.onAnnounced((change) =>
      change.kind === 'sessions-ended'
        ? this.onSessionsEnded(change.sessionIds, change.reason)
        : this.onRightsChanged(change.accountId),
    );
  }

  /** Stops hearing the other servers' announcements. */
  close(): void {
    this.unheard();
  }

  private announce(change: AccessChange): void {
    // Already in effect here and in the store; only the other servers' open sockets wait for it.
    this.store
      .announce(change)
      .catch((err: unknown) => this.options.logger?.warn({ err }, 'access change not announced'));
  }

  /** Passwords checked since start (a figure for tests and diagnostics). */
  get passwordsChecked(): number {
    return this.ctx.passwordsChecked;
  }

  anonymous = (): SessionInfo => anonymousInfo(this.ctx);

  // Sessions
  resolve = (token: string | undefined) => resolveSession(this.ctx, token);
  keepAlive = (sessionIds: string[]) => keepAlive(this.ctx, sessionIds);
  signOut = (sessionId: string) => signOut(this.ctx, sessionId);

  // Signing in
  signIn = (login: string, password: string, from: From) => signInWithPassword(this.ctx, login, password, from);
  signInWithCode = (code: string, from: From) => signInWithCode(this.ctx, code, from);

  // Accounts
  bootstrapAdmin = (login: string, name: string, ttlMs?: number) => bootstrapAdmin(this.ctx, login, name, ttlMs);
  demoSignIn = () => demoSignIn(this.ctx);
  setPassword = (caller: Caller, password: string, currentPassword: string | undefined) =>
    setPassword(this.ctx, caller, password, currentPassword);
  createAccounts = (drafts: AccountDraft[], caller: Caller) => createAccounts(this.ctx, drafts, caller);
  listAccounts = () => listAccounts(this.ctx);
  updateAccount = (id: string, patch: AccountPatch, caller: Caller) => updateAccount(this.ctx, id, patch, caller);
  issueCode = (accountId: string, caller: Caller | null, ttlMs?: number) =>
    issueCode(this.ctx, accountId, caller, ttlMs);
  revokeAccountSessions = (accountId: string, caller: Caller) => revokeAccountSessions(this.ctx, accountId, caller);

  // Wall screens
  pairScreen = (secret: string, from: From) => pairScreen(this.ctx, secret, from);
  listScreens = () => listScreens(this.ctx);
  registerScreen = (name: string, caller: Caller) => registerScreen(this.ctx, name, caller);
  newPairing = (screenId: string, caller: Caller) => newPairing(this.ctx, screenId, caller);
  revokeScreen = (screenId: string, caller: Caller) => revokeScreen(this.ctx, screenId, caller);
}
