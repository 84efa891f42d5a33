/**
 * The public summary (route /synthese, public audience): exactly the latest published point de
 * situation, every field it holds, with how old it is and when the next one is due — flagged once
 * that time has passed, so nobody takes a stale point for the current one. One column on a phone,
 * printable on one A4 page.
 */
import { presentPublicPoint, type PublishedPoint } from '@vigie/shared';
import { useEffectiveNow } from '../../hooks/useEffectiveNow.ts';
import { useStoreSelector } from '../../hooks/useStoreSelector.ts';
import { useLang, useT } from '../../i18n/useT.ts';
import type { Lang } from '../../store/vigieStore.ts';
import { selectSync } from '../../store/selectors.ts';
import { ConnectionStatus } from '../../ui/ConnectionStatus.tsx';
import { DemoBanner } from '../../ui/DemoBanner.tsx';
import { StaleBanner } from '../../ui/StaleBanner.tsx';
import './publicSummary.css';

export function PublicSummary() {
  const t = useT();
  const lang = useLang();
  const sync = useStoreSelector(selectSync);
  const statement = sync.kind === 'public' ? sync.state.statement : null;
  return (
    <div className="public-summary">
      <DemoBanner />
      <StaleBanner writes={false} />
      <main>
        <h1>{t.publicTitle}</h1>
        {sync.kind === 'empty' ? (
          <p>{t.waiting}</p>
        ) : !statement ? (
          <p>{t.publicNone}</p>
        ) : (
          <PublishedPointView point={statement} lang={lang} />
        )}
        <footer className="public-summary__footer">
          <ConnectionStatus />
        </footer>
      </main>
    </div>
  );
}

// The words come from shared/, where the server's page (/synthese without JavaScript) finds them too.
function PublishedPointView({ point, lang }: { point: PublishedPoint; lang: Lang }) {
  // On the incident's clock, like publishedAt and nextPointAt (the scenario's time in the demo).
  const now = useEffectiveNow(30_000);
  const view = presentPublicPoint(point, lang, now);
  return (
    <>
      <p className="public-summary__meta" data-line="published">
        {view.published}
      </p>
      {view.nextPoint && (
        <p
          className={`public-summary__next${view.nextPoint.late ? ' public-summary__next--late' : ''}`}
          data-line="next-point"
          data-overdue={view.nextPoint.late ? 'true' : 'false'}
        >
          <span>{view.nextPoint.text}</span>
          {view.nextPoint.late && (
            <>
              {' — '}
              <strong className="public-summary__late" data-flag="overdue-next-point">
                <span aria-hidden="true">⚠ </span>
                {view.nextPoint.late}
              </strong>
            </>
          )}
        </p>
      )}
      <dl className="public-summary__fields">
        {view.lines.map((line) => (
          <div key={line.key} className="public-summary__line" data-line={line.id}>
            <dt>{line.label}</dt>
            <dd>{line.text}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
