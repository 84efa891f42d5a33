/** Placeholder until this section is built. */
export function GroupSection() {
  return null;
}
