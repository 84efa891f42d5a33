/**
 * Request budgets that follow the person, not the connection. Every request takes a token from its
 * connection's budget (one socket cannot hog the server) and from its person's: an account (people
 * and wall screens alike) shares one budget across all its connections, and the anonymous readers
 * of one address share one, generous enough for a room of screens behind one NAT to sync together.
 * Main-courante entries also take from their author's own, slower budget. Beyond a budget a request
 * gets `rate_limited` and nothing happens; a connection that keeps sending regardless is dropped
 * (answering a flood's refusals would cost the server as much as the requests themselves).
 */
import type { Reply } from '@vigie/shared';
import type { VigieSocket } from './io.ts';
import { TokenBuckets } from './tokenBuckets.ts';

export interface BudgetOptions {
  /** Requests per second one connection may send. */
  perConnection: number;
  /** Requests per second one account may send, all its connections together. */
  perAccount: number;
  /** Requests per second the anonymous connections of one address may send together. */
  perAddress: number;
  /** Main-courante entries one account may add: per minute, and how many in a row. */
  logEntries: { perMinute: number; burst: number };
  /** Drops a connection that kept sending after ten seconds' worth of refusals. */
  onFlood: (socket: VigieSocket) => void;
  now?: () => number;
}

const LOG_ENTRY = 'log:add-entry';

const refusal = (message: string): Reply<never> => ({ ok: false, error: { code: 'rate_limited', message } });
const slowDown = refusal('too many requests: slow down');

/** The middleware to install on each connection. */
export function requestBudget(options: BudgetOptions) {
  const { perConnection, perAccount, perAddress, logEntries, onFlood, now } = options;
  const connections = new TokenBuckets({ perSecond: perConnection, burst: perConnection }, now);
  const people = new TokenBuckets({ perSecond: perAccount, burst: perAccount }, now);
  const addresses = new TokenBuckets({ perSecond: perAddress, burst: perAddress }, now);
  const entries = new TokenBuckets({ perSecond: logEntries.perMinute / 60, burst: logEntries.burst }, now);
  // Refusals a person (or an address) may draw before its refused connections are dropped: ten
  // seconds' worth of its budget, so fifty connections cannot draw fifty times one's patience.
  const connectionsPatience = new TokenBuckets({ perSecond: perConnection, burst: 10 * perConnection }, now);
  const peoplesPatience = new TokenBuckets({ perSecond: perAccount, burst: 10 * perAccount }, now);
  const addressesPatience = new TokenBuckets({ perSecond: perAddress, burst: 10 * perAddress }, now);
  const tooManyEntries = refusal(`main courante: at most ${logEntries.perMinute} entries per minute per person`);

  const person = (socket: VigieSocket): string => {
    const { principal, origin } = socket.data;
    return principal
      ? `account:${principal.actor.kind}:${principal.actor.id}`
      : `address:${origin.address ?? 'unknown'}`;
  };
  const refusalOf = (socket: VigieSocket, event: unknown, who: string): Reply<never> | null => {
    if (!connections.take(socket.id)) return slowDown;
    if (!(socket.data.principal === null ? addresses : people).take(who)) return slowDown;
    if (event === LOG_ENTRY && !entries.take(who)) return tooManyEntries;
    return null;
  };
  const check = (socket: VigieSocket, packet: unknown[], next: (err?: Error) => void) => {
    const who = person(socket);
    const refused = refusalOf(socket, packet[0], who);
    if (!refused) return next();
    const patience = socket.data.principal === null ? addressesPatience : peoplesPatience;
    if (!(connectionsPatience.take(socket.id) && patience.take(who))) return onFlood(socket);
    const ack = packet.at(-1);
    if (typeof ack === 'function') (ack as (r: Reply) => void)(refused);
  };

  // Buckets live in shared maps while in use, none with the connection, and the checks are shared:
  // an idle screen holds one small function here.
  return (socket: VigieSocket): void => {
    socket.use((packet, next) => check(socket, packet, next));
  };
}
