/** Placeholder until this section is built. */
export function HospitalsSection() {
  return null;
}
