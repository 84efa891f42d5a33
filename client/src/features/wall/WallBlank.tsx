/**
 * The whole wall when it may show nothing: the screen is not (or no longer) paired, or its session
 * ended. Calm, readable from across the room, and nothing of the situation behind it.
 */
import { sessionEndReasons, type SessionEndReason } from '@vigie/shared';
import { useLang } from '../../i18n/useT.ts';
import { useSessionMessages } from '../../session/useSessionMessages.ts';

export function WallBlank({ ended }: { ended: SessionEndReason | null }) {
  const m = useSessionMessages();
  const lang = useLang();
  return (
    <div className="wall wall--blank" data-session-state={ended ? 'ended' : 'refused'} data-reason={ended ?? undefined}>
      <p className="wall__blank-message" role="alert">
        {ended ? sessionEndReasons.label(ended, lang) : m.wallUnpaired}
      </p>
    </div>
  );
}
