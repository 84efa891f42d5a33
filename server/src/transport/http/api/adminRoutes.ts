/** What an admin does: accounts (in bulk, with a printable sheet of codes), roles, scopes, wall screens. */
import type { Router } from 'express';
import { defineRoute, type ApiDeps } from './defineRoute.ts';

export function registerAdminRoutes(router: Router, { access, logger }: ApiDeps): void {
  const admin = 'access:manage' as const;
  const id = (params: Record<string, string | string[] | undefined>) => String(params.id);

  defineRoute(router, logger, 'admin:accounts', admin, () => access.listAccounts());
  defineRoute(router, logger, 'admin:accounts:create', admin, (body, { caller }) =>
    access.createAccounts(body.accounts, caller!),
  );
  defineRoute(router, logger, 'admin:account:update', admin, (body, { req, caller }) =>
    access.updateAccount(id(req.params), body, caller!),
  );
  defineRoute(router, logger, 'admin:account:code', admin, (_body, { req, caller }) =>
    access.issueCode(id(req.params), caller),
  );
  defineRoute(router, logger, 'admin:account:sessions:revoke', admin, async (_body, { req, caller }) => ({
    revoked: await access.revokeAccountSessions(id(req.params), caller!),
  }));
  defineRoute(router, logger, 'admin:screens', admin, () => access.listScreens());
  defineRoute(router, logger, 'admin:screens:create', admin, (body, { caller }) =>
    access.registerScreen(body.name, caller!),
  );
  defineRoute(router, logger, 'admin:screen:pairing', admin, (_body, { req, caller }) =>
    access.newPairing(id(req.params), caller!),
  );
  defineRoute(router, logger, 'admin:screen:revoke', admin, (_body, { req, caller }) =>
    access.revokeScreen(id(req.params), caller!),
  );
}
