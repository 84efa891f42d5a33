/** The demo scenario file: the reference timeline as steps in scenario minutes, and its declared end state. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  causes,
  commandNames,
  emergencyStatuses,
  InstantSchema,
  operatingModes,
  phases,
  responseLevels,
  samuStatuses,
  stageStates,
  StatementFieldsSchema,
  systemStatuses,
  type CommandName,
} from '@vigie/shared';

const Selector = z.union([z.literal('*'), z.array(z.string().min(1)).min(1)]);

const StepSchema = z
  .object({
    /** Minutes after the scenario's start. */
    at: z.number().min(0),
    /** A command, or `statement:publish-new` (draft then publish a point de situation). */
    command: z.union([z.enum(commandNames as [CommandName, ...CommandName[]]), z.literal('statement:publish-new')]),
    input: z.record(z.string(), z.unknown()),
    /** Repeat the command over hospitals × systems, emergency departments (`confirmed`: confirmed ones), or SAMU. */
    each: z
      .object({
        hospitalId: Selector,
        systemId: z.array(z.string()).min(1),
        departmentId: z.union([z.literal('confirmed'), Selector]),
        samuId: Selector,
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();
export type ScenarioStep = z.infer<typeof StepSchema>;

export const ScenarioSchema = z
  .object({
    name: z.string(),
    source: z.string(),
    start: InstantSchema,
    incident: z.object({ type: z.literal('sse-numerique'), title: z.string(), cause: causes.schema }).strict(),
    loopPauseMinutes: z.number().min(0),
    steps: z.array(StepSchema).min(1),
    endState: z
      .object({
        phase: phases.schema,
        cause: causes.schema,
        operatingMode: operatingModes.schema,
        responseLevel: responseLevels.schema,
        system: systemStatuses.schema,
        samu: samuStatuses.schema,
        stage: stageStates.schema,
        confirmedEmergency: emergencyStatuses.schema,
        etaLabels: z.array(z.string()),
        publishedStatements: z.number().int().min(0),
      })
      .strict(),
  })
  .strict()
  .refine((s) => s.steps.every((step, i) => i === 0 || step.at >= s.steps[i - 1]!.at), 'steps must be in time order')
  .refine(
    (s) =>
      s.steps.every(
        (st) => st.command !== 'statement:publish-new' || StatementFieldsSchema.safeParse(st.input.fields).success,
      ),
    'statement fields are malformed',
  );
export type Scenario = z.infer<typeof ScenarioSchema>;

export const REFERENCE_SCENARIO_PATH = new URL('./referenceIncident.json', import.meta.url);

export function loadScenario(path: string | URL = REFERENCE_SCENARIO_PATH): Scenario {
  return ScenarioSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}
