/** How a point de situation reads: its structured lines in order, and their labels in both languages. */
import type { StatementFields } from './situation.ts';

/** The structured lines of a point de situation, in the order it reads (lists, editor, print, /synthese). */
export const statementLines = [
  'cause',
  'powerCut',
  'expectedReturn',
  'patientImpact',
  'samu',
  'emergencies',
  'systems',
] as const satisfies readonly (keyof StatementFields)[];

/** One structured line of a point de situation, or its précisions (`body`). */
export type StatementLine = (typeof statementLines)[number] | 'body';

const fr = {
  cause: 'Cause',
  powerCut: 'Coupure électrique',
  expectedReturn: 'Retour à la normale prévu',
  patientImpact: 'Impact pour les patients',
  samu: 'SAMU – Centre 15',
  emergencies: 'Urgences',
  systems: 'Systèmes d’information',
  body: 'Précisions',
} satisfies Record<StatementLine, string>;

const en: Record<StatementLine, string> = {
  cause: 'Cause',
  powerCut: 'Power cut',
  expectedReturn: 'Expected return to normal',
  patientImpact: 'Impact on patients',
  samu: 'SAMU – Centre 15',
  emergencies: 'Emergency departments',
  systems: 'Information systems',
  body: 'Details',
};

/** The label of each line of a point de situation, in French and English. */
export const statementFieldLabels = { fr, en };
