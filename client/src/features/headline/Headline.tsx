/** The headline: cause, response levels (plan blanc named), fonctionnement with time in degraded mode, emergencies, systems. */
import { causes } from '@vigie/shared';
import { useMemo } from 'react';
import { Panel } from '../../app/Panel.tsx';
import { useEffectiveNow } from '../../app/useEffectiveNow.ts';
import { useSituation } from '../../app/useSituation.ts';
import { format } from '../../i18n/messages.ts';
import { useLang, useT } from '../../i18n/useT.ts';
import { latestChange } from '../status/latestChange.ts';
import { DegradedSince } from '../status/DegradedSince.tsx';
import { Provenance } from '../status/Provenance.tsx';
import { StatusBadge } from '../status/StatusBadge.tsx';
import { headlineFacts } from './headlineFacts.ts';

export interface HeadlineProps {
  /** Whether to show the line of counts per fonctionnement (the wall lists the hospitals instead). */
  modes?: boolean;
}

export function Headline({ modes = true }: HeadlineProps = {}) {
  const t = useT();
  const lang = useLang();
  const view = useSituation();
  const now = useEffectiveNow(30_000);
  const facts = useMemo(() => (view ? headlineFacts(view.state, view.registry) : null), [view]);
  if (!view || !facts) return null;
  const { state } = view;
  const incident = state.incident;
  const blanc = facts.levels.find((l) => l.level === 'niveau-2')?.hospitals ?? [];
  const changed = latestChange([
    ...Object.values(state.items['operating-mode']),
    ...Object.values(state.items['response-level']),
  ]);
  return (
    <Panel id="headline" title={t.headline} footer={changed && <Provenance by={changed.by} at={changed.at} />}>
      {incident && (
        <p className="headline__cause" data-fact="cause">
          <strong>{t.cause} :</strong> {causes.label(incident.cause, lang)}
          {incident.causeNote ? ` – ${incident.causeNote}` : ''}
        </p>
      )}
      <p data-fact="response-level">
        <strong>{t.responseLevel} :</strong>{' '}
        {blanc.length > 0 ? (
          <StatusBadge
            kind="response-level"
            status="niveau-2"
            suffix={`— ${blanc.map((h) => h.shortName).join(', ')}`}
          />
        ) : (
          facts.levels
            .filter((l) => l.hospitals.length > 0)
            .map((l) => (
              <span key={l.level} className="headline__count">
                <StatusBadge kind="response-level" status={l.level} suffix={`(${l.hospitals.length})`} />
              </span>
            ))
        )}
        {blanc.length === 0 && <span className="visually-hidden"> {t.noPlanBlanc}</span>}
      </p>
      {modes && (
        <div data-fact="operating-mode">
          <strong>{t.operatingMode} :</strong>
          <ul className="headline__modes">
            {facts.modes
              .filter((m) => m.hospitals.length > 0)
              .map(({ mode, hospitals, since }) => {
                return (
                  <li key={mode}>
                    <StatusBadge kind="operating-mode" status={mode} suffix={`: ${hospitals.length}`} />
                    {since && <DegradedSince since={since} now={now} />}
                  </li>
                );
              })}
          </ul>
        </div>
      )}
      <p data-fact="emergencies" title={t.emergenciesNote}>
        <strong>{t.emergencies} :</strong>{' '}
        {format(t.emergenciesOpen, { open: String(facts.emergencies.open), known: String(facts.emergencies.known) })}
      </p>
      <p data-fact="systems">
        <strong>{t.systems} :</strong>{' '}
        {format(t.systemsRestored, {
          restored: String(facts.systems.restored),
          affected: String(facts.systems.affected),
        })}
      </p>
    </Panel>
  );
}
