/**
 * Progressive slow-down of sign-in attempts, without a lock-out an attacker could turn against the
 * lead. Only failures count:
 * - per login and address: after 3 failures in a row, a wait of 1, 2, 4… s (at most 60 s) before
 *   the next try from there (refused meanwhile with a Retry-After);
 * - per login from anywhere: from the 6th failure in 15 min, each answer is held back 250 ms, then
 *   500 ms… (at most 5 s) — the right password still gets in, just not at once;
 * - per address: after 30 failures in 5 min (a crisis room behind one NAT makes a few typos, not
 *   thirty), waits of 1, 2, 4… s (at most 5 min) for any login from that address.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';

const MANY = 1_000_000;

/** Counts failures per key over a window, and holds a key blocked for a growing time past a threshold. */
class FailureCounter {
  private readonly failures: RateLimiterMemory;
  private readonly locks: RateLimiterMemory;
  constructor(
    windowS: number,
    private readonly freeFailures: number,
    private readonly maxWaitS: number,
  ) {
    this.failures = new RateLimiterMemory({ points: MANY, duration: windowS });
    this.locks = new RateLimiterMemory({ points: 1, duration: 1 });
  }
  /** Seconds to wait before the next attempt, or 0. */
  async waitS(key: string): Promise<number> {
    const lock = await this.locks.get(key);
    return lock && lock.consumedPoints > 1 ? Math.max(1, Math.ceil(lock.msBeforeNext / 1000)) : 0;
  }
  async fail(key: string): Promise<void> {
    const n = (await this.failures.penalty(key, 1)).consumedPoints;
    if (n >= this.freeFailures) await this.locks.block(key, Math.min(2 ** (n - this.freeFailures), this.maxWaitS));
  }
  async forget(key: string): Promise<void> {
    await Promise.all([this.failures.delete(key), this.locks.delete(key)]);
  }
}

export class SignInThrottle {
  private readonly byLoginAndAddress = new FailureCounter(60 * 60, 3, 60);
  private readonly byAddress = new FailureCounter(5 * 60, 30, 5 * 60);
  private readonly byLogin = new RateLimiterMemory({ points: MANY, duration: 15 * 60 });

  /** Before checking credentials: a refusal with the seconds to wait, or how long to hold the answer back. */
  async before(login: string | null, address: string): Promise<{ retryAfterS: number } | { delayMs: number }> {
    const waits = await Promise.all([
      this.byAddress.waitS(address),
      login ? this.byLoginAndAddress.waitS(`${login}\n${address}`) : 0,
    ]);
    const retryAfterS = Math.max(...waits);
    if (retryAfterS > 0) return { retryAfterS };
    const failures = login ? ((await this.byLogin.get(login))?.consumedPoints ?? 0) : 0;
    return { delayMs: failures >= 5 ? Math.min(250 * 2 ** (failures - 5), 5000) : 0 };
  }

  async failed(login: string | null, address: string): Promise<void> {
    await this.byAddress.fail(address);
    if (login) await Promise.all([this.byLoginAndAddress.fail(`${login}\n${address}`), this.byLogin.penalty(login, 1)]);
  }

  /** A success clears the failures of that login from that address (the address's count stays). */
  async succeeded(login: string | null, address: string): Promise<void> {
    if (login) await this.byLoginAndAddress.forget(`${login}\n${address}`);
  }
}
