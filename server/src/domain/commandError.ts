/** A refusal a command reports to its caller, with one of the fixed reply codes. */
import type { ErrorCode } from '@vigie/shared';

export class CommandError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, 'internal'>,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
