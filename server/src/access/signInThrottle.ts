/**
 * Progressive slow-down of sign-in attempts, without a lock-out an attacker could turn against the
 * lead. Only failures count:
 * - per login and address: after 3 failures in a row, a wait of 1, 2, 4… s (at most 60 s) before
 *   the next try from there (refused meanwhile with a Retry-After);
 * - per login from anywhere: from the 6th failure in 15 min, each answer is held back 250 ms, then
 *   500 ms… (at most 5 s) — the right password still gets in, just not at once;
 * - per address: after 30 failures in 5 min (a crisis room behind one NAT makes a few typos, not
 *   thirty), waits of 1, 2, 4… s (at most 5 min) for any login from that address.
 *
 * An attempt being checked counts as a failure until it succeeds: `reserve` takes a ticket before the
 * secret is checked, and once the attempts in flight could reach a threshold, further ones wait for
 * them (a Retry-After of 1 s) — so a burst sent all at once is checked no more than one sent one by one.
 * Check and reservation happen in one synchronous step: nothing can slip in between.
 */

interface Tally {
  failures: number;
  /** Attempts reserved and not yet settled. */
  inFlight: number;
  windowEndsAt: number;
  lockedUntil: number;
}

/** Past this many keys, expired ones are swept (an attacker's many logins cannot grow the map forever). */
const SWEEP_ABOVE = 10_000;

/** Counts failures per key over a window, and holds a key blocked for a growing time past a threshold. */
class FailureCounter {
  private readonly tallies = new Map<string, Tally>();
  constructor(
    private readonly windowMs: number,
    private readonly freeFailures: number,
    private readonly maxWaitS: number,
  ) {}

  /** Seconds to wait before the next attempt, or 0. */
  waitS(key: string, now: number): number {
    const t = this.current(key, now);
    if (!t) return 0;
    if (t.lockedUntil > now) return Math.max(1, Math.ceil((t.lockedUntil - now) / 1000));
    // Attempts in flight that would reach the threshold if they failed: wait for their outcome.
    return t.inFlight > 0 && t.failures + t.inFlight >= this.freeFailures ? 1 : 0;
  }

  /** Failures counted in the current window. */
  failures(key: string, now: number): number {
    return this.current(key, now)?.failures ?? 0;
  }

  reserve(key: string, now: number): void {
    let t = this.current(key, now);
    if (!t) {
      if (this.tallies.size >= SWEEP_ABOVE) this.sweep(now);
      t = { failures: 0, inFlight: 0, windowEndsAt: now + this.windowMs, lockedUntil: 0 };
      this.tallies.set(key, t);
    }
    t.inFlight++;
  }

  /** Settles a reservation: a failure counts (and may lock the key), anything else is given back. */
  settle(key: string, failed: boolean, now: number): void {
    const t = this.tallies.get(key);
    if (!t) return;
    t.inFlight = Math.max(0, t.inFlight - 1);
    if (!failed) return;
    if (t.windowEndsAt <= now) Object.assign(t, { failures: 0, windowEndsAt: now + this.windowMs });
    const n = ++t.failures;
    if (n >= this.freeFailures) t.lockedUntil = now + 1000 * Math.min(2 ** (n - this.freeFailures), this.maxWaitS);
  }

  forget(key: string): void {
    const t = this.tallies.get(key);
    if (t) Object.assign(t, { failures: 0, lockedUntil: 0 });
  }

  /** The key's tally, its failures reset once its window is over. */
  private current(key: string, now: number): Tally | undefined {
    const t = this.tallies.get(key);
    if (t && t.windowEndsAt <= now && t.lockedUntil <= now) {
      if (t.inFlight === 0) {
        this.tallies.delete(key);
        return undefined;
      }
      Object.assign(t, { failures: 0, windowEndsAt: now + this.windowMs });
    }
    return t;
  }

  private sweep(now: number): void {
    for (const key of [...this.tallies.keys()]) this.current(key, now);
  }
}

/** An attempt being checked; settle it exactly once with its outcome. */
export interface SignInTicket {
  /** `failed`: a wrong secret; `succeeded`: the right one; `void`: the check itself broke (not counted). */
  settle(outcome: 'failed' | 'succeeded' | 'void'): void;
}

export class SignInThrottle {
  private readonly byLoginAndAddress = new FailureCounter(60 * 60_000, 3, 60);
  private readonly byAddress = new FailureCounter(5 * 60_000, 30, 5 * 60);
  // Never locks (its threshold is out of reach): it only counts, for the hold-back.
  private readonly byLogin = new FailureCounter(15 * 60_000, Number.MAX_SAFE_INTEGER, 0);

  constructor(private readonly now: () => number = Date.now) {}

  /** Before checking credentials: a refusal with the seconds to wait, or how long to hold the answer back. */
  before(login: string | null, address: string): { retryAfterS: number } | { delayMs: number } {
    const now = this.now();
    const retryAfterS = Math.max(
      this.byAddress.waitS(address, now),
      login ? this.byLoginAndAddress.waitS(pair(login, address), now) : 0,
    );
    if (retryAfterS > 0) return { retryAfterS };
    const failures = login ? this.byLogin.failures(login, now) : 0;
    return { delayMs: failures >= 5 ? Math.min(250 * 2 ** (failures - 5), 5000) : 0 };
  }

  /** Counts an attempt as failed until it is settled, or says how long to wait if it may not start now. */
  reserve(login: string | null, address: string): SignInTicket | { retryAfterS: number } {
    const gate = this.before(login, address);
    if ('retryAfterS' in gate) return gate;
    const now = this.now();
    this.byAddress.reserve(address, now);
    if (login) {
      this.byLoginAndAddress.reserve(pair(login, address), now);
      this.byLogin.reserve(login, now);
    }
    let settled = false;
    return {
      settle: (outcome) => {
        if (settled) return;
        settled = true;
        const at = this.now();
        const failed = outcome === 'failed';
        // A success gives the address its reservation back without clearing the address's count.
        this.byAddress.settle(address, failed, at);
        if (!login) return;
        this.byLoginAndAddress.settle(pair(login, address), failed, at);
        this.byLogin.settle(login, failed, at);
        if (outcome === 'succeeded') this.byLoginAndAddress.forget(pair(login, address));
      },
    };
  }
}

const pair = (login: string, address: string) => `${login}\n${address}`;
