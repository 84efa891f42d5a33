/**
 * Every benchmark scenario by the name `pnpm bench <name>` takes, in the order a full run takes them,
 * with its share of the suite's time at full size (25 min 20 s together; the report prints each one's
 * time against it).
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
import { twoNodes } from './twonodes.ts';
import { wall } from './wall.ts';

export interface Scenario {
  run: (size: Size) => Promise<string[]>;
  budgetSeconds: number;
}

export const scenarios: Record<string, Scenario> = {
  fanout: { run: fanout, budgetSeconds: 420 },
  // Two nodes on one PostgreSQL database (the machine's server; its own database, dropped after).
  twonodes: { run: twoNodes, budgetSeconds: 240 },
  // Then on PostgreSQL (the machine's server; a database of its own, dropped after).
  burst: { run: burst, budgetSeconds: 150 },
  catchup: { run: (size) => catchup(size !== 'full'), budgetSeconds: 100 },
  memory: { run: memory, budgetSeconds: 115 },
  startup: { run: startup, budgetSeconds: 145 },
  // Its million-event log is the one startup seeded just before, copied; run alone, it seeds it (about a minute more).
  growth: { run: growth, budgetSeconds: 60 },
  wall: { run: wall, budgetSeconds: 50 },
  abuse: { run: abuse, budgetSeconds: 150 },
  public: { run: publicSummary, budgetSeconds: 90 },
};
