/** A secret checked under the sign-in slow-down and the bounded check queues. */
import { CommandError } from '../domain/commandError.ts';
import type { AccessContext } from './accessContext.ts';

/**
 * Checks a secret under the slow-down: refused at once if its login or address must wait, held back
 * if its login failed often, then (a login's attempts one at a time, a password check in the pool)
 * counted as a failure while `check` runs. `check` returns what it found, or null for a wrong secret.
 */
export async function attempt<T>(
  ctx: AccessContext,
  login: string | null,
  address: string | null,
  passwordCheck: boolean,
  check: () => Promise<T | null>,
): Promise<T | null> {
  const where = address ?? 'unknown';
  // Refused before queueing: a burst from a blocked address costs no place in the queues.
  const gate = ctx.throttle.before(login, where);
  if ('retryAfterS' in gate) throw tooMany(gate.retryAfterS);
  if (gate.delayMs > 0) await new Promise((r) => setTimeout(r, gate.delayMs));
  const checked = async () => {
    // Reserved only now, when the check starts: attempts waiting in the queues are not counted yet.
    const ticket = ctx.throttle.reserve(login, where);
    if ('retryAfterS' in ticket) throw tooMany(ticket.retryAfterS);
    if (passwordCheck) ctx.passwordsChecked++;
    let outcome: 'failed' | 'succeeded' | 'void' = 'void';
    try {
      const found = await check();
      outcome = found === null ? 'failed' : 'succeeded';
      return found;
    } finally {
      ticket.settle(outcome);
    }
  };
  const pooled = passwordCheck ? () => ctx.passwordChecks.run(checked) : checked;
  return login ? ctx.loginAttempts.run(login, pooled) : pooled();
}

const tooMany = (retryAfterS: number) =>
  new CommandError('rate_limited', `too many failed attempts: try again in ${retryAfterS} s`, { retryAfterS });
