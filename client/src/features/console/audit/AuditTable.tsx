/**
 * The audit lines as a table in its own scrolling box (focusable, so a keyboard can scroll it): one body
 * per run of lines written by one command, whose command cell spans them and says "modification groupée".
 */
import type { RefObject } from 'react';
import { format } from '../../../i18n/messages.ts';
import { useLang } from '../../../i18n/useT.ts';
import { groupByCommand, type AuditLine } from './auditWords.ts';
import { messages } from './messages.ts';

export function AuditTable({
  lines,
  loaded,
  boxRef,
}: {
  /** The lines the filters keep, newest first. */
  lines: readonly AuditLine[];
  /** How many lines are loaded in all. */
  loaded: number;
  boxRef: RefObject<HTMLDivElement | null>;
}) {
  const m = messages[useLang()];
  return (
    // A scrolling region must be reachable by keyboard and named (axe: scrollable-region-focusable).
    <div className="audit__box" ref={boxRef} tabIndex={0} role="region" aria-label={m.box}>
      <table className="audit__table">
        <caption>{format(m.caption, { shown: String(lines.length), loaded: String(loaded) })}</caption>
        <thead>
          <tr>
            <th scope="col">{m.columns.time}</th>
            <th scope="col">{m.columns.who}</th>
            <th scope="col">{m.columns.what}</th>
            <th scope="col">{m.columns.origin}</th>
            <th scope="col">{m.columns.command}</th>
          </tr>
        </thead>
        {groupByCommand(lines).map((run) => (
          <CommandRun key={run[0]!.seq} run={run} />
        ))}
      </table>
    </div>
  );
}

function CommandRun({ run }: { run: AuditLine[] }) {
  const m = messages[useLang()];
  const first = run[0]!;
  const grouped = first.commandSize > 1;
  return (
    <tbody className={grouped ? 'audit__run audit__run--grouped' : 'audit__run'} data-command={first.command}>
      {run.map((line, index) => (
        <tr key={line.seq} data-kind={line.kind}>
          <th scope="row" className="audit__time">
            <time dateTime={line.recordedAt}>{line.time}</time>
          </th>
          <td className="audit__who">
            {line.who}
            {line.source !== line.who && <span className="audit__source"> ({line.source})</span>}
          </td>
          <td className="audit__what">{line.what}</td>
          <td className="audit__origin">
            {line.address === null && line.session === null ? (
              <span className="audit__source">{m.noOrigin}</span>
            ) : (
              <>
                {line.address !== null && <span>{format(m.address, { address: line.address })}</span>}
                {line.session !== null && <span>{format(m.session, { session: line.session })}</span>}
              </>
            )}
          </td>
          {index === 0 && (
            <td className="audit__command" rowSpan={run.length}>
              <code>{first.command}</code>
              {grouped && (
                <span className="audit__grouped">{format(m.grouped, { count: String(first.commandSize) })}</span>
              )}
            </td>
          )}
        </tr>
      ))}
    </tbody>
  );
}
