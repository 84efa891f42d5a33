/**
 * Prints one section of the page: marks the document with `data-print-scope` so that section's
 * print stylesheet hides everything else, then opens the print dialog. Ctrl+P prints the whole page.
 */
export function printSection(scope: string): void {
  const root = document.documentElement;
  root.dataset.printScope = scope;
  const clear = () => {
    if (root.dataset.printScope === scope) delete root.dataset.printScope;
    window.removeEventListener('afterprint', clear);
  };
  // Some browsers return from print() before printing: clear only once printing is over.
  window.addEventListener('afterprint', clear);
  window.print();
}
