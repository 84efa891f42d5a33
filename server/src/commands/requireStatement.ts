/** A draft point de situation a command acts on, version-checked. */
import { own, type Situation, type Statement } from '@vigie/shared';
import { CommandError } from '../domain/commandError.ts';
import { checkVersion } from '../domain/writeItem.ts';

export function requireDraft(state: Situation, statementId: string, expectedVersion: number | undefined): Statement {
  const statement = own(state.statements, statementId);
  if (!statement) throw new CommandError('not_found', `unknown point de situation "${statementId}"`);
  checkVersion(expectedVersion, statement, statement);
  if (statement.status !== 'draft') throw new CommandError('conflict', 'already published', { current: statement });
  return statement;
}
