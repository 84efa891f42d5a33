/** One room per audience: a broadcast is one emit per audience, encoded once. */
import type { Audience } from '@vigie/shared';

// Constant names: every socket's set of rooms then holds the same string, not a copy of its own.
const AUDIENCE_ROOMS: Readonly<Record<Audience, string>> = {
  public: 'audience:public',
  viewer: 'audience:viewer',
  staff: 'audience:staff',
};

export const audienceRoom = (audience: Audience) => AUDIENCE_ROOMS[audience];
