/**
 * The per-kind item commands (what the demo scenario and scripts send): thin aliases of `items:set`
 * for one item, so every item write, whatever door it comes through, takes the one path and its checks.
 */
import { pairKey, type BulkChange, type CommandInput } from '@vigie/shared';
import { writeItems } from '../domain/writeItems.ts';
import { defineCommand } from './defineCommand.ts';

type ItemCommand =
  | 'hospital:set-response-level'
  | 'hospital:set-operating-mode'
  | 'emergency:set-status'
  | 'system:set-status'
  | 'samu:set-status'
  | 'stage:set-state';

function itemAlias<N extends ItemCommand>(name: N, item: (input: CommandInput<N>) => BulkChange['item']) {
  return defineCommand(
    name,
    'status:write',
    (ctx, input) => writeItems(ctx, [{ item: item(input), expectedVersion: input.expectedVersion }], input),
    (input) => {
      const { kind, id } = item(input);
      return { kind, id };
    },
  );
}

export const setResponseLevel = itemAlias('hospital:set-response-level', (input) => ({
  kind: 'response-level',
  id: input.hospitalId,
  value: input.level,
}));

export const setOperatingMode = itemAlias('hospital:set-operating-mode', (input) => ({
  kind: 'operating-mode',
  id: input.hospitalId,
  value: input.mode,
}));

export const setEmergencyStatus = itemAlias('emergency:set-status', (input) => ({
  kind: 'emergency',
  id: input.departmentId,
  value: input.value,
}));

export const setSystemStatus = itemAlias('system:set-status', (input) => ({
  kind: 'system',
  id: pairKey(input.hospitalId, input.systemId),
  value: input.status,
}));

export const setSamuStatus = itemAlias('samu:set-status', (input) => ({
  kind: 'samu',
  id: input.samuId,
  value: input.status,
}));

export const setStageState = itemAlias('stage:set-state', (input) => ({
  kind: 'stage',
  id: input.stageId,
  value: input.state,
}));
