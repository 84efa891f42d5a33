/** How each fonctionnement shows: a colour class and an icon, beside its words (never colour alone). */
import type { OperatingMode } from '@vigie/shared';

export const modeIcon: Record<OperatingMode, string> = {
  normal: '●',
  'ralenti-maitrise': '◐',
  'procedures-degradees': '▲',
  critique: '✖',
  inconnu: '?',
};
