/**
 * What the signed-in person may do, mirroring the server's policy (which stays the judge): the lead
 * acts everywhere, a commander within their scope; group-wide items (SAMU, recovery stages) need no scope.
 */
import { scopeCovers, type Hospital, type SessionInfo } from '@vigie/shared';

export const isLead = (info: SessionInfo | null) => info?.roles.includes('lead') ?? false;
export const isCommander = (info: SessionInfo | null) => (info?.roles.includes('commander') ?? false) || isLead(info);

/** Whether the person may write this hospital's items. */
export const coversHospital = (info: SessionInfo | null, hospital: Pick<Hospital, 'id' | 'ghuId'>) =>
  isLead(info) || (isCommander(info) && scopeCovers(info?.scope ?? null, hospital));

/** Whether the person may write group-wide items (SAMU, recovery stages): a commander without a scope, or the lead. */
export const coversGroup = (info: SessionInfo | null) => isLead(info) || (isCommander(info) && !info?.scope);
