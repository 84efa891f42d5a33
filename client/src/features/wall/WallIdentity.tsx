/** In the wall's corner: which screen this is, or that anyone may read this server without an account. */
import { useStoreSelector } from '../../hooks/useStoreSelector.ts';
import { selectSession } from '../../store/selectors.ts';
import { useSessionMessages } from '../../session/useSessionMessages.ts';

export function WallIdentity() {
  const m = useSessionMessages();
  const { info } = useStoreSelector(selectSession);
  if (!info) return null;
  if (info.kind === 'anonymous') {
    return info.openRead ? (
      <span className="wall__identity wall__identity--open" data-session="anonymous">
        {m.wallOpenRead}
      </span>
    ) : null;
  }
  return (
    <span className="wall__identity" data-session={info.kind}>
      <span className="visually-hidden">{m.screen} </span>
      {info.name}
    </span>
  );
}
