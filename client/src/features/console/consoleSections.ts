/** The console's sections and who sees each: commanders write statuses and the log, the lead and admins read the audit. */
import type { Role } from '@vigie/shared';

export const consoleSections = ['hopitaux', 'groupe', 'samu', 'incident', 'main-courante', 'points', 'audit'] as const;
export type ConsoleSection = (typeof consoleSections)[number];

const commandRoles: readonly Role[] = ['commander', 'lead'];
const visibleTo: Record<ConsoleSection, readonly Role[]> = {
  hopitaux: commandRoles,
  groupe: commandRoles,
  samu: commandRoles,
  incident: commandRoles,
  'main-courante': commandRoles,
  points: commandRoles,
  audit: ['lead', 'admin'],
};

export const sectionsFor = (roles: readonly Role[]): ConsoleSection[] =>
  consoleSections.filter((s) => visibleTo[s].some((r) => roles.includes(r)));

export const isConsoleSection = (s: string | null): s is ConsoleSection =>
  (consoleSections as readonly string[]).includes(s ?? '');

/** `/console/<section>`. */
export const consolePath = (section: ConsoleSection) => `/console/${section}`;
