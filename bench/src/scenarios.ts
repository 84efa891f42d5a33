/** Every benchmark scenario by the name `pnpm bench <name>` takes, in the order a full run takes them. */
import { burst } from './burst.ts';
import { catchup } from './catchup.ts';
import { fanout } from './fanout.ts';
import type { Size } from './harness/size.ts';
import { memory } from './memory.ts';
import { startup } from './startup.ts';
import { wall } from './wall.ts';

export const scenarios: Record<string, (size: Size) => Promise<string[]>> = {
  fanout,
  burst: (size) => burst(size !== 'full'),
  catchup: (size) => catchup(size !== 'full'),
  memory,
  startup,
  wall,
};
