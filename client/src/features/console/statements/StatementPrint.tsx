/**
 * One published point de situation on an A4 page: rendered at the end of the document body, hidden
 * on screen, and the only thing printed while the page is marked (statementsSection.css). Marked
 * "DÉMONSTRATION" in the demo, so a printed demo point is never taken for a real one.
 */
import { statementLines, type Statement } from '@vigie/shared';
import { createPortal, flushSync } from 'react-dom';
import { format, messages as appWords } from '../../../i18n/messages.ts';
import { useLang } from '../../../i18n/useT.ts';
import { formatFullDate } from '../../../time/parisTime.ts';
import { messages as statementWords } from '../../../items/statementMessages.ts';
import { messages } from './messages.ts';

/** The attribute on <html> (`data-print-statement`) that makes the print stylesheet print the sheet alone. */
const PRINT_MARK = 'printStatement';

/**
 * Prints one sheet: `show` renders it (synchronously, so it is in the document before the dialog
 * opens), the page is marked, and both are undone once printing is over (some browsers return from
 * print() before printing, hence afterprint).
 */
export function printSheet(show: () => void, hide: () => void): void {
  const root = document.documentElement;
  flushSync(show);
  root.dataset[PRINT_MARK] = '';
  const done = () => {
    delete root.dataset[PRINT_MARK];
    window.removeEventListener('afterprint', done);
    hide();
  };
  window.addEventListener('afterprint', done);
  window.print();
}

export function StatementPrint({
  statement,
  organisation,
  incidentTitle,
  demo,
}: {
  statement: Statement;
  organisation: string;
  incidentTitle: string | null;
  demo: boolean;
}) {
  const lang = useLang();
  const m = messages[lang];
  const words = statementWords[lang];
  const { fields } = statement;
  return createPortal(
    <article className="statement-print" aria-hidden="true" data-testid="statement-print">
      <header className="statement-print__header">
        <p className="statement-print__organisation">{organisation}</p>
        {demo && <p className="statement-print__demo">{appWords[lang].demo}</p>}
        <h1>{format(m.printTitle, { number: String(statement.number ?? '') })}</h1>
        {statement.publishedAt && (
          <p>
            {format(m.printMeta, {
              time: formatFullDate(statement.publishedAt, lang),
              who: statement.publishedBy?.name ?? statement.updatedBy.name,
            })}
          </p>
        )}
        {incidentTitle && <p>{format(m.printIncident, { title: incidentTitle })}</p>}
      </header>
      <dl className="statement-print__lines">
        {statementLines
          .filter((key) => fields[key].trim() !== '')
          .map((key) => (
            <div key={key} className="statement-print__line">
              <dt>{words.fields[key]}</dt>
              <dd>{fields[key]}</dd>
            </div>
          ))}
      </dl>
      {fields.body.trim() !== '' && (
        <section className="statement-print__body">
          <h2>{words.fields.body}</h2>
          <p>{fields.body}</p>
        </section>
      )}
      {fields.nextPointAt && (
        <p className="statement-print__next">
          {format(m.nextPoint, { time: formatFullDate(fields.nextPointAt, lang) })}
        </p>
      )}
    </article>,
    document.body,
  );
}
