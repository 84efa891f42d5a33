/**
 * The console's Hospitals section: pick one of the hospitals the person covers (kept in the URL as
 * `?hopital=<id>`), then change its response level (déclenchement and levée of the plan blanc),
 * fonctionnement, each emergency department and each system; the undo list below.
 */
import {
  confirmations,
  own,
  pairKey,
  planBlancChange,
  type Actor,
  type Hospital,
  type HospitalFacts,
  type Registry,
  type ResponseLevel,
} from '@vigie/shared';
import { useId, useState } from 'react';
import { useSituation } from '../../../hooks/useSituation.ts';
import { useStoreSelector } from '../../../hooks/useStoreSelector.ts';
import { format } from '../../../i18n/messages.ts';
import { formatDayTime } from '../../../time/parisTime.ts';
import { useLang } from '../../../i18n/useT.ts';
import { selectSession } from '../../../store/selectors.ts';
import type { Lang } from '../../../store/vigieStore.ts';
import { emergencyName } from '../../../items/itemWords.ts';
import { messages as itemMessages } from '../../../items/messages.ts';
import { ItemControl } from '../items/ItemControl.tsx';
import { RecentChanges } from '../RecentChanges.tsx';
import { coveredHospitals } from './coveredHospitals.ts';
import { HospitalOptions } from './HospitalOptions.tsx';
import { messages } from './messages.ts';
import './HospitalsSection.css';
import { actorLabel } from '../../../items/actorLabel.ts';

const QUERY = 'hopital';

const hospitalInUrl = () => new URLSearchParams(window.location.search).get(QUERY);

/** Keeps the choice in the address (a reload or a shared link opens the same hospital), without a history entry. */
function rememberHospital(id: string) {
  const params = new URLSearchParams(window.location.search);
  params.set(QUERY, id);
  window.history.replaceState(window.history.state, '', `${window.location.pathname}?${params.toString()}`);
}

export function HospitalsSection() {
  const lang = useLang();
  const m = messages[lang];
  const view = useSituation();
  const { info } = useStoreSelector(selectSession);
  const [chosen, setChosen] = useState(hospitalInUrl);
  const pickerId = useId();
  if (!view) return null;
  const { registry } = view;
  const covered = coveredHospitals(registry, info);
  const hospital = covered.find((h) => h.id === chosen) ?? covered[0];

  return (
    <div className="hospitals-section">
      {!hospital ? (
        <p className="console-panel">{m.noneCovered}</p>
      ) : (
        <>
          <div className="console-panel hospitals-section__picker">
            <label htmlFor={pickerId}>{m.hospital}</label>
            <select
              id={pickerId}
              value={hospital.id}
              onChange={(event) => {
                setChosen(event.target.value);
                rememberHospital(event.target.value);
              }}
            >
              <HospitalOptions registry={registry} hospitals={covered} />
            </select>
            {covered.length < registry.hospitals.length && <p className="console-muted">{m.scopeNote}</p>}
          </div>
          <HospitalControls
            key={hospital.id}
            hospital={hospital}
            facts={own(view.state.hospitals, hospital.id) ?? null}
            registry={registry}
            lang={lang}
          />
        </>
      )}
      <RecentChanges registry={registry} />
    </div>
  );
}

function HospitalControls({
  hospital,
  facts,
  registry,
  lang,
}: {
  hospital: Hospital;
  facts: HospitalFacts | null;
  registry: Registry;
  lang: Lang;
}) {
  const m = messages[lang];
  const h = itemMessages[lang];
  const ghu = registry.ghus.find((g) => g.id === hospital.ghuId);
  const departments = registry.emergencyDepartments.filter((e) => e.hospitalId === hospital.id);
  const titleId = useId();
  const planBlancEffect = (from: string, to: string) => {
    const change = planBlancChange(from as ResponseLevel, to as ResponseLevel);
    return change === 'triggers' ? m.triggers : change === 'lifts' ? m.lifts : null;
  };

  return (
    <section className="console-panel hospital-controls" aria-labelledby={titleId} data-hospital={hospital.id}>
      <h3 id={titleId}>{hospital.name}</h3>
      <p className="console-muted hospital-controls__ghu">
        {h.ghu} : {ghu ? ghu.label : h.noGhu}
      </p>

      <h4>{m.levelAndMode}</h4>
      <ul className="item-controls">
        <li>
          <ItemControl
            item={{ kind: 'response-level', id: hospital.id }}
            name={h.responseLevel}
            editable
            details={<PlanBlanc facts={facts} lang={lang} />}
            consequence={planBlancEffect}
          />
        </li>
        <li>
          <ItemControl item={{ kind: 'operating-mode', id: hospital.id }} name={h.operatingMode} editable />
        </li>
      </ul>

      <h4>{h.emergencies}</h4>
      {departments.length === 0 ? (
        <p className="console-muted">{h.noEmergency}</p>
      ) : (
        <ul className="item-controls">
          {departments.map((department) => (
            <li key={department.id}>
              <ItemControl
                item={{ kind: 'emergency', id: department.id }}
                name={emergencyName(department.kind, lang)}
                editable
                details={
                  department.confirmation === 'non-verifie' && (
                    <p className="hospital-controls__unverified">{confirmations.label('non-verifie', lang)}</p>
                  )
                }
              />
            </li>
          ))}
        </ul>
      )}

      <h4>{h.systems}</h4>
      <ul className="item-controls">
        {registry.systems.map((system) => (
          <li key={system.id}>
            <ItemControl
              item={{ kind: 'system', id: pairKey(hospital.id, system.id) }}
              name={system.name[lang]}
              editable
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The plan blanc's state, with who triggered and lifted it and when. */
function PlanBlanc({ facts, lang }: { facts: HospitalFacts | null; lang: Lang }) {
  const m = messages[lang];
  const h = itemMessages[lang];
  const plan = facts?.planBlanc ?? null;
  const who = (by: Actor) => ({ who: actorLabel(by, lang) });
  const state = !plan ? h.planBlancNone : plan.liftedAt ? h.planBlancLiftedState : h.planBlancActive;
  return (
    <div className="plan-blanc-state" data-testid="plan-blanc" data-active={plan !== null && plan.liftedAt === null}>
      <p>
        <strong>{format(m.planBlancState, { state })}</strong>
      </p>
      {plan && (
        <ul>
          <li>
            {format(h.planBlancTriggered, { time: formatDayTime(plan.triggeredAt, lang), ...who(plan.triggeredBy) })}
          </li>
          {plan.liftedAt && plan.liftedBy && (
            <li>{format(h.planBlancLifted, { time: formatDayTime(plan.liftedAt, lang), ...who(plan.liftedBy) })}</li>
          )}
        </ul>
      )}
    </div>
  );
}
