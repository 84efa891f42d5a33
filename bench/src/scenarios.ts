/**
 * Every benchmark scenario by the name `pnpm bench <name>` takes, in the order a full run takes them,
 * with its share of the suite's 17½ minutes at full size (the report prints each one's time against it).
 */
import { abuse } from './abuse.ts';
import { burst } from './burst.ts';
import { catchup } from './catchup.ts';
import { fanout } from './fanout.ts';
import { growth } from './growth.ts';
import type { Size } from './harness/size.ts';
import { memory } from './memory.ts';
import { publicSummary } from './public.ts';
import { startup } from './startup.ts';
import { wall } from './wall.ts';

export interface Scenario {
  run: (size: Size) => Promise<string[]>;
  budgetSeconds: number;
}

export const scenarios: Record<string, Scenario> = {
  fanout: { run: fanout, budgetSeconds: 420 },
  burst: { run: (size) => burst(size !== 'full'), budgetSeconds: 60 },
  catchup: { run: (size) => catchup(size !== 'full'), budgetSeconds: 100 },
  memory: { run: memory, budgetSeconds: 115 },
  startup: { run: startup, budgetSeconds: 145 },
  // Its million-event log is the one startup seeded just before, copied; run alone, it seeds it (about a minute more).
  growth: { run: growth, budgetSeconds: 60 },
  wall: { run: wall, budgetSeconds: 50 },
  abuse: { run: abuse, budgetSeconds: 150 },
  public: { run: publicSummary, budgetSeconds: 90 },
};
