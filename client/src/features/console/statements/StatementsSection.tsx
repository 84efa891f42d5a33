/**
 * The console's points de situation: "Nouveau point de situation" opens a form pre-filled from the
 * live situation; drafts are listed with who wrote and last edited them, each editable by commanders
 * and published by the lead only, after confirmation; published points are listed with their number,
 * who published them and when, each printable alone on an A4 page. Once a draft is published, the
 * focus goes to the published points, where it now is.
 */
import { may, own, statementLines, type Registry, type Situation, type Statement } from '@vigie/shared';
import { useId, useRef, useState, type MouseEvent } from 'react';
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx';
import { useEffectiveNow } from '../../../hooks/useEffectiveNow.ts';
import { useSituation } from '../../../hooks/useSituation.ts';
import { useStoreSelector } from '../../../hooks/useStoreSelector.ts';
import { format } from '../../../i18n/messages.ts';
import { formatDayTime } from '../../../time/parisTime.ts';
import { useLang } from '../../../i18n/useT.ts';
import type { Lang } from '../../../store/vigieStore.ts';
import { selectSession } from '../../../store/selectors.ts';
import { messages as statementWords } from '../../../items/statementMessages.ts';
import { OutcomeNotice } from '../OutcomeNotice.tsx';
import { useCommand } from '../useCommand.ts';
import { messages } from './messages.ts';
import { prefillStatement } from './prefill.ts';
import { StatementEditor, type EditorTarget } from './StatementEditor.tsx';
import { printSheet, StatementPrint } from './StatementPrint.tsx';
import './statementsSection.css';

/** A point de situation is pre-filled in French, the language it is published in, whatever the interface's. */
const STATEMENT_LANG: Lang = 'fr';

type Published = Statement & { number: number; publishedAt: string };
const isPublished = (s: Statement): s is Published =>
  s.status === 'published' && s.number !== null && s.publishedAt !== null;

export function StatementsSection() {
  const view = useSituation();
  if (!view) return null;
  // A new log (a new incident) starts afresh: no form left open on the previous one's drafts.
  return <Statements key={view.state.logId} state={view.state} registry={view.registry} />;
}

function Statements({ state, registry }: { state: Situation; registry: Registry }) {
  const lang = useLang();
  const m = messages[lang];
  const { info } = useStoreSelector(selectSession);
  const lead = may(info, 'statement:publish');
  const now = useEffectiveNow(30_000);
  const [editing, setEditing] = useState<EditorTarget | null>(null);
  // What the last action did: a draft saved, or a point published (by its number, once the copy has it).
  const [notice, setNotice] = useState<
    { kind: 'saved' } | { kind: 'published'; statementId: string; number: number } | null
  >(null);
  const [printing, setPrinting] = useState<Published | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const draftsHeading = useRef<HTMLHeadingElement>(null);
  const publishedHeading = useRef<HTMLHeadingElement>(null);
  const newId = useId();
  const draftsId = useId();
  const publishedId = useId();

  const all = Object.values(state.statements);
  const drafts = all.filter((s) => s.status === 'draft').sort((a, b) => b.version - a.version);
  const published = all.filter(isPublished).sort((a, b) => b.number - a.number);
  // The number publication will give: one more than the highest published (the count, when none is missing).
  const nextNumber = (published[0]?.number ?? 0) + 1;
  const open = state.incident !== null && state.incident.closedAt === null;
  const refill = () => prefillStatement(state, registry, now, STATEMENT_LANG);

  const start = (event: MouseEvent<HTMLElement>, target: EditorTarget) => {
    opener.current = event.currentTarget;
    setNotice(null);
    setEditing(target);
  };
  const close = (afterSave: boolean) => {
    setEditing(null);
    setNotice(afterSave ? { kind: 'saved' } : null);
    // Back where the person was; after saving, to the drafts, where the saved one now is.
    const back = afterSave ? draftsHeading.current : opener.current;
    requestAnimationFrame(() => (back?.isConnected ? back : draftsHeading.current)?.focus());
  };
  // The published draft's line (and its confirmation) leaves the drafts: the notice goes to the published
  // points, and so does the focus unless the person has gone elsewhere meanwhile.
  const onPublished = (statementId: string, number: number, focus: boolean) => {
    setNotice({ kind: 'published', statementId, number });
    if (focus) requestAnimationFrame(() => publishedHeading.current?.focus());
  };
  const publishedNumber =
    notice?.kind === 'published' ? (own(state.statements, notice.statementId)?.number ?? notice.number) : null;
  const live = editing?.kind === 'edit' ? (own(state.statements, editing.statement.id) ?? null) : null;

  return (
    <div className="statements-section">
      <section className="console-panel" aria-labelledby={newId}>
        <h3 id={newId} className={editing ? 'visually-hidden' : undefined}>
          {m.newPoint}
        </h3>
        {editing ? (
          <StatementEditor
            key={editing.kind === 'edit' ? editing.statement.id : 'new'}
            target={editing}
            live={live}
            registry={registry}
            refill={refill}
            onSaved={() => close(true)}
            onClose={() => close(false)}
          />
        ) : !open ? (
          <p className="console-muted">{m.noIncident}</p>
        ) : (
          <>
            <p className="console-muted">{m.newPointHint}</p>
            <button
              type="button"
              className="console-form-submit"
              onClick={(e) => start(e, { kind: 'new', number: nextNumber, preparedAt: now, fields: refill() })}
            >
              {m.newPoint}
            </button>
          </>
        )}
      </section>

      <section className="console-panel" aria-labelledby={draftsId}>
        <h3 id={draftsId} ref={draftsHeading} tabIndex={-1}>
          {m.draftsTitle}
        </h3>
        {notice?.kind === 'saved' && (
          <p className="console-outcome console-outcome--saved" role="status">
            {m.draftSaved}
          </p>
        )}
        {drafts.length === 0 ? (
          <p className="console-muted">{m.noDraft}</p>
        ) : (
          <ul className="statements-section__list">
            {drafts.map((draft) => (
              <DraftItem
                key={draft.id}
                draft={draft}
                number={nextNumber}
                lead={lead}
                registry={registry}
                onEdit={(e) => start(e, { kind: 'edit', statement: draft, version: draft.version })}
                onPublished={(focus) => onPublished(draft.id, nextNumber, focus)}
              />
            ))}
          </ul>
        )}
        {!lead && drafts.length > 0 && <p className="console-muted">{m.publishLeadOnly}</p>}
      </section>

      <section className="console-panel" aria-labelledby={publishedId}>
        <h3 id={publishedId} ref={publishedHeading} tabIndex={-1}>
          {m.publishedTitle}
        </h3>
        {publishedNumber !== null && (
          <p className="console-outcome console-outcome--saved" role="status">
            {format(m.publishedNotice, { number: String(publishedNumber) })}
          </p>
        )}
        {published.length === 0 ? (
          <p className="console-muted">{m.noPublished}</p>
        ) : (
          <ul className="statements-section__list">
            {published.map((statement) => (
              <PublishedItem
                key={statement.id}
                statement={statement}
                onPrint={() =>
                  printSheet(
                    () => setPrinting(statement),
                    () => setPrinting(null),
                  )
                }
              />
            ))}
          </ul>
        )}
      </section>
      {printing && (
        <StatementPrint
          statement={printing}
          organisation={registry.name}
          incidentTitle={state.incident?.title ?? null}
          demo={state.demo}
        />
      )}
    </div>
  );
}

function DraftItem({
  draft,
  number,
  lead,
  registry,
  onEdit,
  onPublished,
}: {
  draft: Statement;
  number: number;
  lead: boolean;
  registry: Registry;
  onEdit: (event: MouseEvent<HTMLElement>) => void;
  /** Published; `focus`: the person is still on this line (the focus may follow the point). */
  onPublished: (focus: boolean) => void;
}) {
  const lang = useLang();
  const m = messages[lang];
  const { send, outcome, sending } = useCommand();
  const headingId = useId();
  const item = useRef<HTMLLIElement>(null);
  const edited = draft.updatedAt !== draft.draftedAt;
  const publish = async () => {
    const reply = await send('statement:publish', { statementId: draft.id, expectedVersion: draft.version });
    // Still here unless the person has gone elsewhere meanwhile (the focus left on the page or in this line).
    const active = document.activeElement;
    const here =
      active === null || active === document.body || !active.isConnected || item.current?.contains(active) === true;
    if (reply.ok) onPublished(here);
  };
  return (
    <li ref={item} className="statements-section__item" data-statement={draft.id}>
      <article aria-labelledby={headingId}>
        <h4 id={headingId}>
          {format(m.drafted, { time: formatDayTime(draft.draftedAt, lang), who: draft.draftedBy.name })}
        </h4>
        {edited && (
          <p className="console-muted">
            {format(m.lastEdited, { time: formatDayTime(draft.updatedAt, lang), who: draft.updatedBy.name })}
          </p>
        )}
        <StatementLines statement={draft} lang={lang} />
        <div className="statements-section__actions">
          <button type="button" onClick={onEdit}>
            {m.edit}
          </button>
          {lead && (
            // A new version of the draft asks again: the lead publishes what they read.
            <ConfirmButton
              key={draft.version}
              className="console-form-submit"
              label={format(m.publish, { number: String(number) })}
              question={format(m.publishConfirm, { number: String(number) })}
              disabled={sending}
              onConfirm={() => void publish()}
            />
          )}
        </div>
        <OutcomeNotice outcome={outcome} registry={registry} />
      </article>
    </li>
  );
}

function PublishedItem({ statement, onPrint }: { statement: Published; onPrint: () => void }) {
  const lang = useLang();
  const m = messages[lang];
  const headingId = useId();
  const number = String(statement.number);
  return (
    <li className="statements-section__item" data-number={statement.number}>
      <article aria-labelledby={headingId}>
        <h4 id={headingId}>{format(m.published, { number })}</h4>
        <p className="console-muted">
          <time dateTime={statement.publishedAt}>
            {format(m.publishedBy, {
              time: formatDayTime(statement.publishedAt, lang),
              who: statement.publishedBy?.name ?? statement.updatedBy.name,
            })}
          </time>
        </p>
        <details className="statements-section__content">
          <summary>{m.showContent}</summary>
          <StatementLines statement={statement} lang={lang} />
        </details>
        <div className="statements-section__actions">
          <button type="button" onClick={onPrint}>
            {m.print}
            <span className="visually-hidden"> — {format(m.printHint, { number })}</span>
          </button>
        </div>
      </article>
    </li>
  );
}

/** A statement's lines and body, as it reads. */
function StatementLines({ statement, lang }: { statement: Statement; lang: Lang }) {
  const words = statementWords[lang];
  const { fields } = statement;
  return (
    <dl className="statements-section__lines">
      {statementLines.map((key) => (
        <div key={key}>
          <dt>{words.fields[key]}</dt>
          <dd>{fields[key].trim() || messages[lang].empty}</dd>
        </div>
      ))}
      {fields.body.trim() !== '' && (
        <div>
          <dt>{words.fields.body}</dt>
          <dd className="statements-section__body">{fields.body}</dd>
        </div>
      )}
      {fields.nextPointAt && (
        <div>
          <dt>{messages[lang].nextPointLabel}</dt>
          <dd>{formatDayTime(fields.nextPointAt, lang)}</dd>
        </div>
      )}
    </dl>
  );
}
