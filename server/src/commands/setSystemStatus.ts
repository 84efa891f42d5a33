/** Sets the status of one information system at one hospital. */
import { pairKey } from '@vigie/shared';
import { writeItem } from '../domain/writeItem.ts';
import { defineCommand } from './defineCommand.ts';

export const setSystemStatus = defineCommand(
  'system:set-status',
  'status:write',
  (ctx, input) =>
    writeItem(ctx, { kind: 'system', id: pairKey(input.hospitalId, input.systemId), value: input.status }, input),
  (input) => ({ kind: 'system', id: pairKey(input.hospitalId, input.systemId) }),
);
