/** Sets a hospital's fonctionnement (normal, ralenti – maîtrisé, procédures dégradées…). */
import { writeItem } from '../domain/writeItem.ts';
import { defineCommand } from './defineCommand.ts';

export const setOperatingMode = defineCommand(
  'hospital:set-operating-mode',
  'status:write',
  (ctx, input) => writeItem(ctx, { kind: 'operating-mode', id: input.hospitalId, value: input.mode }, input),
  (input) => ({ kind: 'operating-mode', id: input.hospitalId }),
);
