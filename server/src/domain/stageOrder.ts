/** Recovery stages are validated in order: a stage only once every earlier stage is (the rule is in shared/rules). */
import { stagesBefore, type RecoveryStage, type Situation, type StageState } from '@vigie/shared';
import { CommandError } from './commandError.ts';

/**
 * Refuses validating a stage before the earlier ones, given the states being written together
 * (a bulk change may validate several stages at once, in any order).
 */
export function checkStageOrder(state: Situation, writes: ReadonlyMap<string, StageState>): void {
  const after = (id: RecoveryStage) => writes.get(id) ?? state.items.stage[id]?.value;
  for (const [stageId, value] of writes) {
    if (value !== 'validee') continue;
    const pending = stagesBefore(stageId as RecoveryStage, after);
    if (pending.length > 0) {
      throw new CommandError('invalid_payload', `earlier stages are not validated yet: ${pending.join(', ')}`);
    }
  }
}
