/** Placeholder until this section is built. */
export function LogSection() {
  return null;
}
