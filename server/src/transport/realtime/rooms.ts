/** One room per audience (a broadcast is one emit per audience, encoded once), and rooms to reach a session, a person or a screen. */
import type { Audience } from '@vigie/shared';

export const audienceRoom = (audience: Audience) => `audience:${audience}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const accountRoom = (accountId: string) => `account:${accountId}`;
