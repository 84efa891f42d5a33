/** Sets a hospital's response level (déclenchement / levée du plan blanc follow from it). */
import { writeItem } from '../domain/writeItem.ts';
import { defineCommand } from './defineCommand.ts';

export const setResponseLevel = defineCommand(
  'hospital:set-response-level',
  'status:write',
  (ctx, input) => writeItem(ctx, { kind: 'response-level', id: input.hospitalId, value: input.level }, input),
  (input) => ({ kind: 'response-level', id: input.hospitalId }),
);
