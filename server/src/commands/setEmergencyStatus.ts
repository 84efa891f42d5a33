/** Sets an emergency department's status; a délestage names a known, open site to divert to. */
import { allSites } from '@vigie/shared';
import { CommandError } from '../domain/commandError.ts';
import { writeItem } from '../domain/writeItem.ts';
import { defineCommand } from './defineCommand.ts';

export const setEmergencyStatus = defineCommand(
  'emergency:set-status',
  'status:write',
  (ctx, input) => {
    const target = input.value.targetSiteId;
    if (target !== null) {
      const site = allSites(ctx.registry).find((s) => s.site.id === target);
      if (!site) throw new CommandError('not_found', `unknown site "${target}"`);
      if (site.site.closed !== null) throw new CommandError('invalid_payload', `site "${target}" is closed`);
    }
    return writeItem(ctx, { kind: 'emergency', id: input.departmentId, value: input.value }, input);
  },
  (input) => ({ kind: 'emergency', id: input.departmentId }),
);
