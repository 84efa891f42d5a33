/**
 * Plays the demo scenario on scenario time through the same command path as a person (actor
 * "scénario"), then loops by opening a new demo incident. Step writes carry stable idempotency
 * keys, so after a restart the player replays what was due and the log records nothing twice.
 */
import { scenarioTime, type CommandName, type Registry } from '@vigie/shared';
import type { Principal } from '../domain/context.ts';
import type { IncidentLog, RequestContext } from '../log/incidentLog.ts';
import type { Scenario, ScenarioStep } from './scenarioFile.ts';

const MINUTE = 60_000;

export interface PlayerOptions {
  speed: number;
  now?: () => Date;
  onError?: (message: string) => void;
}

export class ScenarioPlayer {
  private readonly request: RequestContext;
  private readonly now: () => Date;
  private next = 0;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly log: IncidentLog,
    private readonly registry: Registry,
    private readonly scenario: Scenario,
    private readonly options: PlayerOptions,
  ) {
    const principal: Principal = {
      actor: { kind: 'scenario', id: 'scenario', name: 'scénario' },
      roles: [],
      scenario: { speed: options.speed },
    };
    this.request = { principal, origin: { sessionId: null, address: null } };
    this.now = options.now ?? (() => new Date());
  }

  /** Plays on a real-time timer until stopped. */
  start(intervalMs = 1000): void {
    this.timer = setInterval(() => void this.tick(), intervalMs);
    void this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Runs every step due at the current scenario time (opening an incident first when needed); one tick at a time. */
  tick(): Promise<void> {
    this.running ??= this.advance().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async advance(): Promise<void> {
    const { incident, clock } = this.log.situation;
    if (!incident || !clock || incident.closedAt !== null) return this.openIncident();
    const elapsed = (scenarioTime(clock, this.now()).getTime() - Date.parse(clock.simStart)) / MINUTE;
    const steps = this.scenario.steps;
    while (this.next < steps.length && steps[this.next]!.at <= elapsed) {
      await this.run(steps[this.next]!, this.next, clock.simStart);
      this.next += 1;
    }
    const end = (steps.at(-1)?.at ?? 0) + this.scenario.loopPauseMinutes;
    if (this.next >= steps.length && elapsed >= end) await this.openIncident();
  }

  private async openIncident(): Promise<void> {
    this.next = 0;
    const { type, title, cause } = this.scenario.incident;
    const key = `scenario-open-${this.log.logId}`;
    await this.submit('incident:open', { idempotencyKey: key, type, title, cause, startedAt: this.scenario.start });
  }

  /** Runs a step as of its scheduled time (a late tick still records 11:02 for a step due at 11:02). */
  private async run(step: ScenarioStep, index: number, simStart: string): Promise<void> {
    const effectiveAt = new Date(Date.parse(simStart) + step.at * MINUTE).toISOString();
    if (step.command === 'statement:publish-new') {
      const drafted = await this.submit('statement:draft', {
        ...step.input,
        effectiveAt,
        idempotencyKey: `step-${index}-draft`,
      });
      const statementId = drafted?.statementId;
      if (statementId) {
        await this.submit('statement:publish', { statementId, effectiveAt, idempotencyKey: `step-${index}-publish` });
      }
      return;
    }
    const inputs = this.expand(step);
    await Promise.all(
      inputs.map((input, i) =>
        this.submit(step.command as CommandName, { ...input, effectiveAt, idempotencyKey: `step-${index}-${i}` }),
      ),
    );
  }

  /** The inputs of a step, one per target of its `each`. */
  private expand(step: ScenarioStep): Record<string, unknown>[] {
    const each = step.each;
    if (!each) return [step.input];
    if (each.departmentId) {
      const selected = each.departmentId;
      return this.registry.emergencyDepartments
        .filter((d) =>
          selected === 'confirmed' ? d.confirmation === 'confirme' : selected === '*' || selected.includes(d.id),
        )
        .map((d) => ({ ...step.input, departmentId: d.id }));
    }
    if (each.samuId) {
      const selected = each.samuId;
      return this.registry.samu
        .filter((u) => selected === '*' || selected.includes(u.id))
        .map((u) => ({ ...step.input, samuId: u.id }));
    }
    const hospitals =
      each.hospitalId === '*' || !each.hospitalId ? this.registry.hospitals.map((h) => h.id) : each.hospitalId;
    return hospitals.flatMap((hospitalId) =>
      each.systemId
        ? each.systemId.map((systemId) => ({ ...step.input, hospitalId, systemId }))
        : [{ ...step.input, hospitalId }],
    );
  }

  private async submit(name: CommandName, input: Record<string, unknown>): Promise<Record<string, unknown> | null> {
    const reply = await this.log.submit(name, input, this.request);
    if (reply.ok) return reply.data;
    this.options.onError?.(`scenario step ${name} refused: ${reply.error.code} – ${reply.error.message}`);
    return null;
  }
}
