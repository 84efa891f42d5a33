/** Placeholder until this section is built. */
export function IncidentSection() {
  return null;
}
