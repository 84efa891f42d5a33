/** Sets a recovery stage's state; a stage is validated only once every earlier stage is. */
import { checkStageOrder } from '../domain/stageOrder.ts';
import { writeItem } from '../domain/writeItem.ts';
import { defineCommand } from './defineCommand.ts';

export const setStageState = defineCommand(
  'stage:set-state',
  'status:write',
  (ctx, input) => {
    checkStageOrder(ctx.state, new Map([[input.stageId, input.state]]));
    return writeItem(ctx, { kind: 'stage', id: input.stageId, value: input.state }, input);
  },
  (input) => ({ kind: 'stage', id: input.stageId }),
);
