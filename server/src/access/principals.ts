/** Who a session is, as the policy sees it (a principal) and as its screens are told (session info). */
import type { SessionInfo } from '@vigie/shared';
import type { Principal } from '../domain/context.ts';
import { abilitiesOf } from '../policies/abilities.ts';
import type { AccessContext } from './accessContext.ts';
import type { AccountRecord, ScreenRecord } from './accessStore.ts';

export interface Who {
  principal: Principal;
  info: SessionInfo;
}

export const anonymousInfo = (ctx: AccessContext): SessionInfo => ({
  kind: 'anonymous',
  id: null,
  name: null,
  roles: [],
  scope: null,
  openRead: ctx.openRead,
  abilities: abilitiesOf(null, ctx.registry),
});

export function personOf(ctx: AccessContext, account: AccountRecord): Who {
  const { id, name, roles, scope } = account;
  return withInfo(ctx, 'person', { actor: { kind: 'person', id, name }, roles, scope });
}

export const screenOf = (ctx: AccessContext, screen: ScreenRecord): Who =>
  withInfo(ctx, 'screen', { actor: { kind: 'screen', id: screen.id, name: screen.name }, roles: ['viewer'] });

/** A principal with what its screens are told: who it is and what the policy lets it do. */
function withInfo(ctx: AccessContext, kind: 'person' | 'screen', principal: Principal): Who {
  const { actor, roles, scope = null } = principal;
  return {
    principal,
    info: {
      kind,
      id: actor.id,
      name: actor.name,
      roles: [...roles],
      scope,
      openRead: ctx.openRead,
      abilities: abilitiesOf(principal, ctx.registry),
    },
  };
}
