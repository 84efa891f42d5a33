/**
 * The DÉMONSTRATION band on the access pages, as on every other screen. The account and
 * administration pages have the situation (and its simulated time) from their socket; the sign-in
 * and pairing pages open none, so they ask the server's readiness probe once whether the demo plays.
 */
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { routeOf, withoutSocket } from '../router/router.ts';
import { DemoBanner } from '../ui/DemoBanner.tsx';
import { useT } from '../i18n/useT.ts';

const ReadySchema = z.object({ demo: z.boolean() });

/** Whether the server says it plays the demo (false until it has said so, or if it cannot be asked). */
function useServedDemo(ask: boolean): boolean {
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    if (!ask) return;
    let live = true;
    fetch('/readyz', { headers: { Accept: 'application/json' } })
      .then((r) => r.json() as Promise<unknown>)
      .then((body) => {
        if (live) setDemo(ReadySchema.safeParse(body).data?.demo ?? false);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [ask]);
  return demo;
}

export function AccessDemoBanner() {
  const t = useT();
  const [noSocket] = useState(() => withoutSocket(routeOf(window.location.pathname)));
  const served = useServedDemo(noSocket);
  if (!noSocket) return <DemoBanner />;
  return served ? (
    <div className="demo-banner" role="note">
      <strong>{t.demo}</strong>
    </div>
  ) : null;
}
