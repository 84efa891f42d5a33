/** Placeholder until this section is built. */
export function AuditSection() {
  return null;
}
