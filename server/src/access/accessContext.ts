/** What every access use case works with: the store, the clock and lifetimes, the slow-down and the state kept in memory. */
import type { Origin, Registry, SessionEndReason } from '@vigie/shared';
import type { Principal } from '../domain/context.ts';
import type { Logger } from '../logger.ts';
import type { AccessStore, SessionRenewal } from './accessStore.ts';
import type { CheckPool, KeyedQueue } from './checkQueue.ts';
import type { SignInThrottle } from './signInThrottle.ts';

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
  logger?: Logger;
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

export interface AccessContext {
  store: AccessStore;
  registry: Registry;
  openRead: boolean;
  now: () => Date;
  codeTtlMs: number;
  sessionIdleMs: number;
  screenSessionMs: number;
  pairingTtlMs: number;
  throttle: SignInThrottle;
  passwordChecks: CheckPool;
  /** One login's attempts, one at a time. */
  loginAttempts: KeyedQueue;
  /** Passwords checked since start (a figure for tests and diagnostics). */
  passwordsChecked: number;
  /** Session renewals waiting for the end of the turn, by session id. */
  renewals: Map<string, SessionRenewal>;
  /**
   * Sessions opened with a one-time code, and until when (ms) they may set a password without the
   * current one: a code is how a forgotten password is reset. Kept in memory: after a restart the
   * person asks for a new code.
   */
  codeSessions: Map<string, number>;
  /** Tells the transport to close the connections of ended sessions, or of a person whose rights changed. */
  sessionsEnded: (sessionIds: string[], reason: SessionEndReason) => void;
  rightsChanged: (accountId: string) => void;
}
