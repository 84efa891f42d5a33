/** Sets a recovery stage's state; a stage is validated only once every earlier stage is. */
import { recoveryStages } from '@vigie/shared';
import { CommandError } from '../domain/commandError.ts';
import { writeItem } from '../domain/writeItem.ts';
import { defineCommand } from './defineCommand.ts';

export const setStageState = defineCommand(
  'stage:set-state',
  'status:write',
  (ctx, input) => {
    if (input.state === 'validee') {
      const earlier = recoveryStages.ids.slice(0, recoveryStages.rank(input.stageId));
      const pending = earlier.filter((id) => ctx.state.items.stage[id]?.value !== 'validee');
      if (pending.length > 0) {
        throw new CommandError('invalid_payload', `earlier stages are not validated yet: ${pending.join(', ')}`);
      }
    }
    return writeItem(ctx, { kind: 'stage', id: input.stageId, value: input.state }, input);
  },
  (input) => ({ kind: 'stage', id: input.stageId }),
);
