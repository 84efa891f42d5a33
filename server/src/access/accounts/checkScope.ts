/** Refuses a scope naming a hospital or GHU the registry does not hold. */
import type { Registry, Scope } from '@vigie/shared';
import { CommandError } from '../../domain/commandError.ts';

export function checkScope(registry: Registry, scope: Scope): void {
  if (!scope) return;
  const unknown = [
    ...scope.hospitals.filter((id) => !registry.hospitals.some((h) => h.id === id)),
    ...scope.ghus.filter((id) => !registry.ghus.some((g) => g.id === id)),
  ];
  if (unknown.length) throw new CommandError('invalid_payload', `unknown hospital or GHU: ${unknown.join(', ')}`);
}
