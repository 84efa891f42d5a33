/** The public summary (route /synthese): the latest published point de situation, nothing else. */
export function PublicSummary() {
  return <main className="public-summary" />;
}
