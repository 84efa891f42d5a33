/**
 * Prints one section of the page: marks it (and the document) so the shared print stylesheet
 * (app/print.css) hides everything else, then opens the print dialog. Ctrl+P prints the whole page.
 */
export function printSection(scope: string): void {
  const root = document.documentElement;
  const section = document.querySelector<HTMLElement>(`.${scope}`);
  root.dataset.printScope = scope;
  if (section) section.dataset.printRoot = '';
  const clear = () => {
    if (root.dataset.printScope !== scope) return;
    delete root.dataset.printScope;
    if (section) delete section.dataset.printRoot;
    window.removeEventListener('afterprint', clear);
  };
  // Some browsers return from print() before printing: clear only once printing is over.
  window.addEventListener('afterprint', clear);
  window.print();
}
