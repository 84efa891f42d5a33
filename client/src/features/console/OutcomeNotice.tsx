/**
 * What became of a request, next to the control that sent it: sending, saved, or refused and why.
 * A conflict names every item someone else changed, its value now and who set it, when and how.
 */
import {
  ActorSchema,
  type ConflictDetails,
  type ItemRef,
  type Registry,
  type ReplyError,
  type Tracked,
} from '@vigie/shared';
import { useLang } from '../../i18n/useT.ts';
import { ItemProvenance } from '../../items/ItemProvenance.tsx';
import { itemName, parseItemValue, valueWords } from '../../items/itemWords.ts';
import { Provenance } from '../../items/Provenance.tsx';
import { messages } from './messages.ts';
import type { Outcome } from './useCommand.ts';

export function OutcomeNotice({ outcome, registry }: { outcome: Outcome; registry: Registry }) {
  const m = messages[useLang()];
  switch (outcome.state) {
    case 'idle':
      return null;
    case 'sending':
      return (
        <p className="console-outcome" role="status">
          {m.sending}
        </p>
      );
    case 'saved':
      return (
        <p className="console-outcome console-outcome--saved" role="status">
          {m.saved}
        </p>
      );
    case 'failed':
      return <ErrorNotice error={outcome.error} registry={registry} />;
  }
}

function ErrorNotice({ error, registry }: { error: ReplyError; registry: Registry }) {
  const m = messages[useLang()];
  const details = (error.details ?? {}) as ConflictDetails;
  return (
    <div className="console-outcome console-outcome--failed" role="alert" data-error={error.code}>
      <p>
        {m.errors[error.code]}
        {error.code === 'invalid_payload' && <Refusal message={error.message} />}
      </p>
      {error.code === 'conflict' && details.conflicts && (
        <ul>
          {details.conflicts.map(({ item, current }) => (
            <ConflictLine key={`${item.kind}:${item.id}`} item={item} current={current} registry={registry} />
          ))}
        </ul>
      )}
      {error.code === 'conflict' && details.current && <CurrentAuthor current={details.current} />}
    </div>
  );
}

function ConflictLine({ item, current, registry }: { item: ItemRef; current: Tracked<unknown>; registry: Registry }) {
  const lang = useLang();
  const value = parseItemValue(item.kind, current.value);
  return (
    <li>
      <strong>{itemName(item, registry, lang)}</strong> : {value ? valueWords(value, registry, lang) : '—'} —{' '}
      <ItemProvenance tracked={current} />
    </li>
  );
}

/** Server messages (English, for tools and logs) that a person can meet, by what they start with or contain. */
const knownRefusals = [
  [/earlier stages are not validated/, 'stageOrder'],
  [/in the future/, 'future'],
  [/^site ".*" is closed/, 'closedSite'],
  [/an item appears twice/, 'twice'],
] as const;

/** Why an input was refused: in words when known, else the server's detail marked as English. */
function Refusal({ message }: { message: string }) {
  const m = messages[useLang()];
  const known = knownRefusals.find(([pattern]) => pattern.test(message));
  if (known) return <> : {m.refusals[known[1]]}</>;
  return (
    <>
      {' '}
      ({m.technical} : <span lang="en">{message}</span>)
    </>
  );
}

/** Who last changed a single item, incident or statement, when its reply names them. */
function CurrentAuthor({ current }: { current: unknown }) {
  const c = current as { by?: unknown; recordedAt?: string; updatedBy?: unknown; updatedAt?: string };
  const by = ActorSchema.safeParse(c.by ?? c.updatedBy);
  const at = c.recordedAt ?? c.updatedAt;
  if (!by.success || !at) return null;
  return (
    <p>
      <Provenance by={by.data} at={at} />
    </p>
  );
}
