/** Sets a SAMU – Centre 15's status. */
import { writeItem } from '../domain/writeItem.ts';
import { defineCommand } from './defineCommand.ts';

export const setSamuStatus = defineCommand(
  'samu:set-status',
  'status:write',
  (ctx, input) => writeItem(ctx, { kind: 'samu', id: input.samuId, value: input.status }, input),
  (input) => ({ kind: 'samu', id: input.samuId }),
);
