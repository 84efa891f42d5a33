/** Sets an emergency department's status; a délestage names a known, open site to divert to. */
import { checkEmergencyTarget } from '../domain/emergencyTarget.ts';
import { writeItem } from '../domain/writeItem.ts';
import { defineCommand } from './defineCommand.ts';

export const setEmergencyStatus = defineCommand(
  'emergency:set-status',
  'status:write',
  (ctx, input) => {
    checkEmergencyTarget(ctx.registry, input.value);
    return writeItem(ctx, { kind: 'emergency', id: input.departmentId, value: input.value }, input);
  },
  (input) => ({ kind: 'emergency', id: input.departmentId }),
);
