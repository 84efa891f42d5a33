/** The structured lines of a point de situation, in the order it reads (lists, editor, print). */
import type { StatementFields } from '@vigie/shared';

export const statementLines = [
  'cause',
  'powerCut',
  'expectedReturn',
  'patientImpact',
  'samu',
  'emergencies',
  'systems',
] as const satisfies readonly (keyof StatementFields)[];
