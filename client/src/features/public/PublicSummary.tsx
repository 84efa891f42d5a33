/**
 * The public summary (route /synthese, public audience): the four lines people remember — cause,
 * length of the power cut, expected return to normal, impact on patients — then the SAMU line and
 * the time of the next point. Exactly the latest published point de situation; printable on one A4 page.
 */
import { useStoreSelector } from '../../app/useStoreSelector.ts';
import { format } from '../../i18n/messages.ts';
import { formatDayTime } from '../../i18n/time.ts';
import { useLang, useT } from '../../i18n/useT.ts';
import { selectSync } from '../../store/selectors.ts';
import { ConnectionStatus } from '../status/ConnectionStatus.tsx';
import { DemoBanner } from '../status/DemoBanner.tsx';
import { StaleBanner } from '../status/StaleBanner.tsx';
import './publicSummary.css';

export function PublicSummary() {
  const t = useT();
  const lang = useLang();
  const sync = useStoreSelector(selectSync);
  const statement = sync.kind === 'public' ? sync.state.statement : null;
  const lines = statement
    ? ([
        ['cause', t.publicCause, statement.fields.cause],
        ['power-cut', t.publicPowerCut, statement.fields.powerCut],
        ['expected-return', t.publicExpectedReturn, statement.fields.expectedReturn],
        ['patient-impact', t.publicPatientImpact, statement.fields.patientImpact],
        ['samu', t.samu, statement.fields.samu],
      ] as const)
    : [];
  return (
    <div className="public-summary">
      <DemoBanner />
      <StaleBanner />
      <main>
        <h1>{t.publicTitle}</h1>
        {sync.kind === 'empty' ? (
          <p>{t.waiting}</p>
        ) : !statement ? (
          <p>{t.publicNone}</p>
        ) : (
          <>
            <p className="public-summary__meta">
              {format(t.publicPoint, {
                number: String(statement.number),
                time: formatDayTime(statement.publishedAt, lang),
              })}
            </p>
            <dl>
              {lines.map(([id, label, text]) => (
                <div key={id} className="public-summary__line" data-line={id}>
                  <dt>{label}</dt>
                  <dd>{text}</dd>
                </div>
              ))}
            </dl>
            {statement.fields.nextPointAt && (
              <p className="public-summary__next" data-line="next-point">
                {format(t.nextPoint, { time: formatDayTime(statement.fields.nextPointAt, lang) })}
              </p>
            )}
          </>
        )}
        <footer className="public-summary__footer">
          <ConnectionStatus />
        </footer>
      </main>
    </div>
  );
}
