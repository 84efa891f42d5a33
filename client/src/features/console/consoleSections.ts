/** The console's sections and what the server must allow for each (statuses, the log, the audit). */
import { may, type Action, type SessionInfo } from '@vigie/shared';

export const consoleSections = ['hopitaux', 'groupe', 'samu', 'incident', 'main-courante', 'points', 'audit'] as const;
export type ConsoleSection = (typeof consoleSections)[number];

const needs: Record<ConsoleSection, Action> = {
  hopitaux: 'status:write',
  groupe: 'status:write',
  samu: 'status:write',
  incident: 'read:staff',
  'main-courante': 'log:write',
  points: 'statement:draft',
  audit: 'audit:read',
};

export const sectionsFor = (info: SessionInfo | null): ConsoleSection[] =>
  consoleSections.filter((s) => may(info, needs[s]));

export const isConsoleSection = (s: string | null): s is ConsoleSection =>
  (consoleSections as readonly string[]).includes(s ?? '');

/** `/console/<section>`. */
export const consolePath = (section: ConsoleSection) => `/console/${section}`;
