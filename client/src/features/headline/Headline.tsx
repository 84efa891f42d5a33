/** The headline: cause, response levels (plan blanc named), fonctionnement worst first, emergencies, systems. */
import { causes } from '@vigie/shared';
import { useMemo } from 'react';
import { Panel } from '../../ui/Panel.tsx';
import { useEffectiveNow } from '../../hooks/useEffectiveNow.ts';
import { useSituation } from '../../hooks/useSituation.ts';
import { format } from '../../i18n/messages.ts';
import { useLang, useT } from '../../i18n/useT.ts';
import { latestChange } from '../../items/latestChange.ts';
import { DegradedSince } from '../../items/DegradedSince.tsx';
import { NOT_INFORMED } from '../../items/shownStatus.ts';
import { Provenance } from '../../items/Provenance.tsx';
import { StatusBadge } from '../../items/StatusBadge.tsx';
import { headlineFacts } from '../../items/headlineFacts.ts';

export interface HeadlineProps {
  /** The wall lists the hospitals itself (no line per fonctionnement) and links nowhere (an unattended screen). */
  variant?: 'wall' | 'overview';
}

/** The overview's list of the hospitals in one fonctionnement (HospitalList gives each group this id). */
export const modeAnchor = (mode: string) => `#fonctionnement-${mode}`;

export function Headline({ variant = 'overview' }: HeadlineProps = {}) {
  const wall = variant === 'wall';
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
  const { emergencies } = facts;
  const systems = format(t.systemsRestored, {
    restored: String(facts.systems.restored),
    affected: String(facts.systems.affected),
  });
  const emergencyParts = [
    format(t.emergenciesOpen, { open: String(emergencies.open) }),
    emergencies.diverted > 0 && format(t.emergenciesDiverted, { count: String(emergencies.diverted) }),
    emergencies.closed > 0 && format(t.emergenciesClosed, { count: String(emergencies.closed) }),
    emergencies.notInformed > 0 && format(t.emergenciesNotInformed, { count: String(emergencies.notInformed) }),
  ].filter((x): x is string => typeof x === 'string');
  return (
    <Panel id="headline" title={t.headline} footer={changed && <Provenance by={changed.by} at={changed.at} />}>
      {incident && (
        <p className="headline__cause clamp-2" data-fact="cause">
          <strong>{t.cause} :</strong> {causes.label(incident.cause, lang)}
          {incident.causeNote ? ` – ${incident.causeNote}` : ''}
        </p>
      )}
      <p data-fact="response-level" className="clamp-2">
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
        {blanc.length === 0 && facts.levelsNotInformed > 0 && (
          <span className="headline__count">
            <StatusBadge kind="response-level" status={NOT_INFORMED} suffix={`(${facts.levelsNotInformed})`} />
          </span>
        )}
        {blanc.length === 0 && <span className="visually-hidden"> {t.noPlanBlanc}</span>}
      </p>
      {!wall && (
        <div data-fact="operating-mode">
          <strong>{t.operatingMode} :</strong>
          <ul className="headline__modes">
            {facts.modes.map(({ mode, hospitals, since }) => (
              <li key={mode} data-mode={mode}>
                <a href={modeAnchor(mode)} className="headline__link">
                  <StatusBadge kind="operating-mode" status={mode} suffix={`: ${hospitals.length}`} />
                </a>
                {since && <DegradedSince since={since} now={now} />}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p data-fact="emergencies" className="clamp-2">
        <strong>{t.emergencies} :</strong> {emergencyParts.join(' · ')}{' '}
        <span className="since">({format(t.emergenciesTotal, { total: String(emergencies.total) })})</span>
      </p>
      <p data-fact="systems">
        <strong>{t.systems} :</strong>{' '}
        {wall ? (
          systems
        ) : (
          <a href="#matrice" className="headline__link">
            {systems}
          </a>
        )}
      </p>
    </Panel>
  );
}
