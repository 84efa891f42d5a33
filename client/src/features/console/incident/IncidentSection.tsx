/**
 * The console's incident section: the incident's facts (the lead edits them, a commander reads them
 * with who changed them), the estimated return to normal and its revisions, and for the lead opening
 * a new incident and closing the current one. Without an incident, only opening is offered.
 */
import { may } from '@vigie/shared';
import { useId } from 'react';
import { useSituation } from '../../../hooks/useSituation.ts';
import { useStoreSelector } from '../../../hooks/useStoreSelector.ts';
import { useLang } from '../../../i18n/useT.ts';
import { selectSession } from '../../../store/selectors.ts';
import { EtaSection } from './EtaSection.tsx';
import { IncidentFacts } from './IncidentFacts.tsx';
import { CloseIncident, OpenIncident } from './IncidentLifecycle.tsx';
import { messages } from './messages.ts';
import './incident.css';

export function IncidentSection() {
  const lang = useLang();
  const m = messages[lang];
  const view = useSituation();
  const { info } = useStoreSelector(selectSession);
  const manageId = useId();
  if (!view) return null;
  const { state, registry } = view;
  const manages = may(info, 'incident:manage');
  const revisesEta = may(info, 'eta:revise');
  const incident = state.incident;
  const open = incident !== null && incident.closedAt === null ? incident : null;
  return (
    <div className="incident-section">
      {incident ? (
        <>
          <IncidentFacts
            key={state.logId}
            incident={incident}
            registry={registry}
            editable={manages && open !== null}
          />
          <EtaSection
            key={state.logId}
            eta={state.eta}
            registry={registry}
            editable={revisesEta && open !== null}
            {...(revisesEta ? {} : { note: m.etaLeadOnly })}
          />
        </>
      ) : (
        <section className="console-panel">
          <p>{m.noIncident}</p>
          <p className="console-muted">{manages ? m.noIncidentLead : m.noIncidentCommander}</p>
        </section>
      )}
      {manages && (
        <section className="console-panel incident-lifecycle" aria-labelledby={manageId}>
          <h3 id={manageId}>{open ? m.manageTitle : m.openTitle}</h3>
          {open ? (
            <>
              <CloseIncident incident={open} registry={registry} />
              <details className="incident-lifecycle__more">
                <summary>{m.openTitle}</summary>
                <OpenIncident key={state.logId} registry={registry} />
              </details>
            </>
          ) : (
            <OpenIncident key={state.logId} registry={registry} />
          )}
        </section>
      )}
    </div>
  );
}
