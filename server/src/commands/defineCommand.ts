/** A use case: its input schema (shared with clients), the policy action it needs, and its decision. */
import { commandSchemas, type CommandInput, type CommandName, type ItemRef } from '@vigie/shared';
import type { CommandContext, Decision } from '../domain/context.ts';
import type { Action } from '../policies/can.ts';

export interface CommandDefinition<N extends CommandName = CommandName> {
  name: N;
  action: Action;
  schema: (typeof commandSchemas)[N];
  decide: (ctx: CommandContext, input: CommandInput<N>) => Decision;
  /** The item(s) the command writes, for the policy's scope check (none: open to every scope). */
  item?: (input: CommandInput<N>) => ItemRef | ItemRef[];
}

export function defineCommand<N extends CommandName>(
  name: N,
  action: Action,
  decide: (ctx: CommandContext, input: CommandInput<N>) => Decision,
  item?: (input: CommandInput<N>) => ItemRef | ItemRef[],
): CommandDefinition<N> {
  return { name, action, schema: commandSchemas[name], decide, ...(item ? { item } : {}) };
}
