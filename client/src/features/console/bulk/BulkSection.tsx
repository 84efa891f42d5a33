/** Placeholder until this section is built. */
export function BulkSection() {
  return null;
}
