/**
 * How the log decides one request, in the order of its steps: the command it names → who asks →
 * the policy → the input's schema → the scope of what it writes → idempotency (a retry gets the
 * first reply) → for an undo, that it may still be written → the command's decision against the state. Each step refuses by throwing a
 * CommandError, which becomes the reply; whatever else goes wrong is the caller's to report.
 */
import { createHash } from 'node:crypto';
import {
  canonicalJson,
  scenarioTime,
  type CommandInput,
  type CommandName,
  type CommandResult,
  type LogMeta,
  type Registry,
  type Reply,
  type Situation,
} from '@vigie/shared';
import { commands } from '../commands/index.ts';
import type { CommandDefinition } from '../commands/defineCommand.ts';
import { CommandError } from '../domain/commandError.ts';
import type { CommandContext, Decision, Principal } from '../domain/context.ts';
import { newId } from '../ids.ts';
import { checkUndo } from '../domain/undo.ts';
import { can, itemTarget, mayUndo } from '../policies/can.ts';
import type { EventStore, IdempotencyRecord } from '../store/eventStore.ts';
import { readOwnChanges } from './ownChanges.ts';

/** What the log decides against: the state as of the batch's earlier requests, and the keys they used. */
export interface DecideAt {
  meta: LogMeta;
  state: Situation;
  now: Date;
  seen: Map<string, IdempotencyRecord>;
}

/** A decision to record, with what identifies the request for a retry; or the reply that ends it. */
export type Decided =
  { decision: Decision; actorKey: string; key: string; requestHash: string } | { reply: Reply<CommandResult> };

export async function decideRequest(
  request: { name: string; input: unknown; principal: Principal | null },
  at: DecideAt,
  deps: { store: EventStore; registry: Registry },
): Promise<Decided> {
  try {
    const command = knownCommand(request.name);
    const principal = authenticated(request.principal);
    allowed(command, principal, deps.store);
    const input = validated(command, request.input);
    withinScope(command, principal, input, deps.registry);
    const retry = await idempotency(command, principal, input, at, deps.store);
    if ('reply' in retry) return retry;
    await undoable(command, principal, input, at, deps);
    return { decision: decision(command, principal, input, at, deps.registry), ...retry };
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    const { code, message, details } = error;
    return { reply: { ok: false, error: details === undefined ? { code, message } : { code, message, details } } };
  }
}

function knownCommand(name: string): CommandDefinition {
  const command = (commands as Record<string, CommandDefinition>)[name];
  if (!command || !Object.hasOwn(commands, name))
    throw new CommandError('invalid_payload', `unknown request "${name}"`);
  return command;
}

function authenticated(principal: Principal | null): Principal {
  if (!principal) throw new CommandError('unauthorized', 'sign in first');
  return principal;
}

function allowed(command: CommandDefinition, principal: Principal, store: EventStore): void {
  if (!can(principal, command.action)) throw new CommandError('forbidden', 'your role does not allow this');
  if (principal.actor.kind === 'scenario' && store.kind === 'live') {
    throw new CommandError('forbidden', 'a live incident refuses scenario changes');
  }
}

function validated(command: CommandDefinition, raw: unknown): CommandInput<CommandName> {
  const parsed = command.schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`);
    throw new CommandError('invalid_payload', issues.join('; '));
  }
  return parsed.data;
}

/** A person limited to a scope writes only the items within it. */
function withinScope(
  command: CommandDefinition,
  principal: Principal,
  input: CommandInput<CommandName>,
  registry: Registry,
): void {
  const items = command.item ? [command.item(input)].flat() : [];
  if (items.some((item) => !can(principal, command.action, itemTarget(item, registry), registry))) {
    throw new CommandError('forbidden', 'outside your scope');
  }
}

/** The same key with the same request is a retry: it gets the first reply, and nothing is recorded again. */
async function idempotency(
  command: CommandDefinition,
  principal: Principal,
  input: CommandInput<CommandName>,
  at: DecideAt,
  store: EventStore,
): Promise<{ actorKey: string; key: string; requestHash: string } | { reply: Reply<CommandResult> }> {
  const { idempotencyKey: key, ...rest } = input;
  const actorKey = `${principal.actor.kind}:${principal.actor.id}`;
  const requestHash = createHash('sha256')
    .update(canonicalJson({ name: command.name, input: rest }))
    .digest('hex');
  const previous = at.seen.get(`${actorKey}\n${key}`) ?? (await store.findIdempotency(at.meta.logId, actorKey, key));
  if (!previous) return { actorKey, key, requestHash };
  if (previous.requestHash !== requestHash) {
    throw new CommandError('invalid_payload', 'this idempotency key was already used for a different request');
  }
  return { reply: { ok: true, data: previous.result as CommandResult } };
}

/**
 * An undo names one of its sender's recent changes that can still be undone (domain/undo) and writes
 * back exactly its items; checked against the batch's state, so a change superseded earlier in the batch is refused too.
 */
async function undoable(
  command: CommandDefinition,
  principal: Principal,
  input: CommandInput<CommandName>,
  at: DecideAt,
  deps: { store: EventStore; registry: Registry },
): Promise<void> {
  if (command.name !== 'items:set') return;
  const { undoes, changes } = input as CommandInput<'items:set'>;
  if (undoes === undefined) return;
  const own = await readOwnChanges(deps.store, at.meta.logId, principal.actor);
  checkUndo(undoes, changes, own, at.state, (change) => mayUndo(principal, change, deps.registry));
}

function decision(
  command: CommandDefinition,
  principal: Principal,
  input: CommandInput<CommandName>,
  at: DecideAt,
  registry: Registry,
): Decision {
  const ctx: CommandContext = {
    principal,
    state: at.state,
    registry,
    now: at.now,
    effectiveNow: at.state.clock ? scenarioTime(at.state.clock, at.now).toISOString() : null,
    newId,
  };
  return command.decide(ctx, input);
}
