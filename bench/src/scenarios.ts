/**
 * Every benchmark scenario by the name `pnpm bench <name>` takes, in the order a full run takes them,
 * with its share of the suite's 15 minutes at full size (the report prints each one's time against it).
 */
import { burst } from './burst.ts';
import { catchup } from './catchup.ts';
import { fanout } from './fanout.ts';
import type { Size } from './harness/size.ts';
import { memory } from './memory.ts';
import { startup } from './startup.ts';
import { wall } from './wall.ts';

export interface Scenario {
  run: (size: Size) => Promise<string[]>;
  budgetSeconds: number;
}

export const scenarios: Record<string, Scenario> = {
  fanout: { run: fanout, budgetSeconds: 410 },
  burst: { run: (size) => burst(size !== 'full'), budgetSeconds: 70 },
  catchup: { run: (size) => catchup(size !== 'full'), budgetSeconds: 105 },
  memory: { run: memory, budgetSeconds: 105 },
  startup: { run: startup, budgetSeconds: 140 },
  wall: { run: wall, budgetSeconds: 40 },
};
