/** What a command decides with: the situation as of the commands before it, who asks, and the clocks. */
import type { Actor, NewEvent, Registry, Role, Scope, Situation } from '@vigie/shared';

export type { Role };

/** Who is asking: a person with roles, a wall screen, the demo scenario, or an integration. */
export interface Principal {
  actor: Actor;
  roles: readonly Role[];
  /** Where a person may act (null or absent: the whole group). */
  scope?: Scope;
  /** Set for the demo scenario: the speed of its clock (simulated seconds per real second). */
  scenario?: { speed: number };
}

export interface CommandContext {
  principal: Principal;
  state: Situation;
  registry: Registry;
  /** Server clock. */
  now: Date;
  /** The default effectiveAt: the scenario time in a demo log, else null (meaning recordedAt). */
  effectiveNow: string | null;
  /** A fresh opaque id (statement ids, log ids). */
  newId: () => string;
}

/** An event body a command decides; the log adds seq, actor, time and command id. */
export type EventBody = NewEvent extends infer E ? (E extends NewEvent ? Pick<E, 'type' | 'data'> : never) : never;

/** What a command decides: events to record, extra reply data, and whether they open a new log. */
export interface Decision {
  events: EventBody[];
  data?: Record<string, unknown>;
  opensLog?: { demo: boolean };
}
