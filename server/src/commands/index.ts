/** Every command, by the event name clients send it under. */
import type { CommandName } from '@vigie/shared';
import { addLogEntry } from './addLogEntry.ts';
import { closeIncident } from './closeIncident.ts';
import type { CommandDefinition } from './defineCommand.ts';
import { draftStatement } from './draftStatement.ts';
import { editStatement } from './editStatement.ts';
import {
  setEmergencyStatus,
  setOperatingMode,
  setResponseLevel,
  setSamuStatus,
  setStageState,
  setSystemStatus,
} from './itemAliases.ts';
import { openIncident } from './openIncident.ts';
import { publishStatement } from './publishStatement.ts';
import { releaseItem } from './releaseItem.ts';
import { reviseEta } from './reviseEta.ts';
import { setItems } from './setItems.ts';
import { updateIncident } from './updateIncident.ts';

export const commands: { [N in CommandName]: CommandDefinition<N> } = {
  'incident:open': openIncident,
  'incident:update': updateIncident,
  'incident:close': closeIncident,
  'hospital:set-response-level': setResponseLevel,
  'hospital:set-operating-mode': setOperatingMode,
  'emergency:set-status': setEmergencyStatus,
  'system:set-status': setSystemStatus,
  'samu:set-status': setSamuStatus,
  'stage:set-state': setStageState,
  'item:release': releaseItem,
  'items:set': setItems,
  'eta:revise': reviseEta,
  'log:add-entry': addLogEntry,
  'statement:draft': draftStatement,
  'statement:edit': editStatement,
  'statement:publish': publishStatement,
};
