/** Placeholder until this section is built. */
export function StatementsSection() {
  return null;
}
