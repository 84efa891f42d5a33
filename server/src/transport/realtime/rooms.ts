/** One room per audience: a broadcast is one emit per audience, encoded once. */
import type { Audience } from '@vigie/shared';

export const audienceRoom = (audience: Audience) => `audience:${audience}`;
