import { describe, expect, it } from 'vitest';
import { SignInThrottle, type SignInTicket } from './signInThrottle.ts';

const ADDRESS = '10.0.0.1';

describe('SignInThrottle', () => {
  it('counts attempts in flight: a fourth may not start while three could still fail', () => {
    const throttle = new SignInThrottle(() => 0);
    const tickets = [1, 2, 3].map(() => throttle.reserve('louis', ADDRESS));
    expect(throttle.reserve('louis', ADDRESS)).toEqual({ retryAfterS: 1 });
    // Another login from the same address is not held up.
    expect('settle' in throttle.reserve('claire', ADDRESS)).toBe(true);
    tickets.forEach((t) => (t as SignInTicket).settle('failed'));
    expect(throttle.before('louis', ADDRESS)).toEqual({ retryAfterS: 1 });
  });

  it('gives a successful attempt its reservation back', () => {
    let now = 0;
    const throttle = new SignInThrottle(() => now);
    for (let i = 0; i < 40; i++) (throttle.reserve(`personne.${i}`, ADDRESS) as SignInTicket).settle('succeeded');
    expect(throttle.before('personne.41', ADDRESS)).toEqual({ delayMs: 0 });
    now += 1000;
    expect('settle' in throttle.reserve('personne.41', ADDRESS)).toBe(true);
  });

  it('locks an address after 30 failures for 1, 2, 4… s, and forgets them after its window', () => {
    let now = 0;
    const throttle = new SignInThrottle(() => now);
    for (let i = 0; i < 30; i++) (throttle.reserve(`personne.${i}`, ADDRESS) as SignInTicket).settle('failed');
    expect(throttle.before(null, ADDRESS)).toEqual({ retryAfterS: 1 });
    now += 1000;
    (throttle.reserve(null, ADDRESS) as SignInTicket).settle('failed');
    expect(throttle.before(null, ADDRESS)).toEqual({ retryAfterS: 2 });
    now += 5 * 60_000;
    expect(throttle.before(null, ADDRESS)).toEqual({ delayMs: 0 });
  });

  it('does not count a check that broke', () => {
    const throttle = new SignInThrottle(() => 0);
    for (let i = 0; i < 5; i++) (throttle.reserve('louis', ADDRESS) as SignInTicket).settle('void');
    expect(throttle.before('louis', ADDRESS)).toEqual({ delayMs: 0 });
  });
});
