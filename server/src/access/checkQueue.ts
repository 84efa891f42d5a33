/**
 * Bounded queues for secret checks. A password check (Argon2id, 19 MiB, tens of ms of a core) is the
 * costliest thing an anonymous caller can ask for, so only a few run at once and only a few more may
 * wait; past that a caller is refused with a Retry-After instead of queueing without bound. One login's
 * attempts run one at a time, so each sees the failures of the one before it.
 */
import { CommandError } from '../domain/commandError.ts';

/** Refusal of a check that found its queue full: come back in a second. */
export const busy = (what: string) => new CommandError('rate_limited', `${what}: try again in 1 s`, { retryAfterS: 1 });

/** Runs at most `size` tasks at once, with at most `maxWaiting` more queued in order. */
export class CheckPool {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly size: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) {
      if (this.waiting.length >= this.maxWaiting) throw busy('the server is checking many passwords');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.active++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, so a newcomer cannot overtake it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** Runs the tasks of one key one after the other, with at most `maxWaiting` queued per key. */
export class KeyedQueue {
  /** Per key: tasks queued or running, and the promise the next one waits for. */
  private readonly queues = new Map<string, { pending: number; tail: Promise<void> }>();

  constructor(private readonly maxWaiting: number) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const queue = this.queues.get(key) ?? { pending: 0, tail: Promise.resolve() };
    // One running, `maxWaiting` behind it.
    if (queue.pending > this.maxWaiting) throw busy('attempts for this login are being checked');
    queue.pending++;
    this.queues.set(key, queue);
    const previous = queue.tail;
    let done!: () => void;
    queue.tail = new Promise<void>((resolve) => (done = resolve));
    await previous;
    try {
      return await task();
    } finally {
      done();
      if (--queue.pending === 0) this.queues.delete(key);
    }
  }
}
