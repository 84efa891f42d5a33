/**
 * One hospital (route /hopital/<id>): its sites, emergency departments, response level and
 * fonctionnement with provenance, plan blanc déclenchement and levée, time in degraded mode, each
 * system's status, the SAMU it hosts; the history of every tracked value on demand, and the
 * hospital's timeline.
 */
import {
  confirmations,
  isInformed,
  ms,
  own,
  pairKey,
  type Actor,
  type Hospital,
  type ItemKind,
  type Registry,
  type Situation,
  type Tracked,
} from '@vigie/shared';
import type { ReactNode } from 'react';
import { useStoreSelector } from '../../hooks/useStoreSelector.ts';
import { format } from '../../i18n/messages.ts';
import { formatDayTime, formatElapsed, formatTimeOfDay } from '../../time/parisTime.ts';
import { useLang, useT } from '../../i18n/useT.ts';
import type { Lang } from '../../store/vigieStore.ts';
import { selectSync } from '../../store/selectors.ts';
import { NOT_INFORMED } from '../../items/shownStatus.ts';
import { StatusBadge } from '../../items/StatusBadge.tsx';
import { BackLink, useArrivalFocus } from '../../ui/DrillDown.tsx';
import { HospitalTimeline } from './HospitalTimeline.tsx';
import { ItemHistory } from './ItemHistory.tsx';
import { ItemProvenance } from '../../items/ItemProvenance.tsx';
import { ItemValueBadge } from '../../items/ItemValueBadge.tsx';
import { emergencyName, parseItemValue } from '../../items/itemWords.ts';
import { messages } from './messages.ts';
import { RouteLink, systemPath } from '../../router/RouteLink.tsx';
import { useEffectiveNow } from '../../hooks/useEffectiveNow.ts';
import './HospitalPage.css';
import { actorLabel } from '../../items/actorLabel.ts';

export function HospitalPage({ hospitalId }: { hospitalId: string }) {
  const lang = useLang();
  const m = messages[lang];
  const sync = useStoreSelector(selectSync);
  const headingRef = useArrivalFocus(hospitalId, sync.kind === 'situation');

  const hospital = sync.kind === 'situation' ? sync.registry.hospitals.find((h) => h.id === hospitalId) : undefined;
  return (
    <article className="hospital-page drill-down" aria-labelledby="hospital-page-title" data-hospital={hospitalId}>
      <BackLink label={m.back} />
      {sync.kind !== 'situation' ? (
        <p className="hospital-page__waiting">{m.waiting}</p>
      ) : !hospital ? (
        <h2 id="hospital-page-title" ref={headingRef} tabIndex={-1} className="hospital-page__unknown">
          {format(m.unknownHospital, { id: hospitalId })}
        </h2>
      ) : (
        <HospitalDetail
          hospital={hospital}
          state={sync.state}
          registry={sync.registry}
          lang={lang}
          heading={
            <h2 id="hospital-page-title" ref={headingRef} tabIndex={-1}>
              {hospital.name}
            </h2>
          }
        />
      )}
    </article>
  );
}

function HospitalDetail({
  hospital,
  state,
  registry,
  lang,
  heading,
}: {
  hospital: Hospital;
  state: Situation;
  registry: Registry;
  lang: Lang;
  heading: ReactNode;
}) {
  const m = messages[lang];
  const t = useT();
  const now = useEffectiveNow(30_000);
  const ghu = registry.ghus.find((g) => g.id === hospital.ghuId);
  const facts = own(state.hospitals, hospital.id);
  const level = own(state.items['response-level'], hospital.id);
  const mode = own(state.items['operating-mode'], hospital.id);
  const departments = registry.emergencyDepartments.filter((e) => e.hospitalId === hospital.id);
  // A SAMU has no page of its own: the search leads to its host hospital's, which shows it here.
  const hostedSamu = registry.samu.filter((s) => s.hospitalId === hospital.id);
  const who = (by: Actor) => ({ who: actorLabel(by, lang) });

  return (
    <>
      <header className="hospital-page__header">
        {heading}
        <p className="hospital-page__ghu">
          {m.ghu} : {ghu ? ghu.label : m.noGhu}
          {hospital.outsideIleDeFrance && ` · ${m.outsideIdf}`}
        </p>
        {hospital.note && <p className="hospital-page__note">{hospital.note}</p>}
      </header>

      <section className="hospital-page__section" aria-labelledby="hospital-situation">
        <h3 id="hospital-situation">{m.situation}</h3>
        <ul className="tracked-items">
          {level && (
            <TrackedItem
              name={m.responseLevel}
              kind="response-level"
              id={hospital.id}
              tracked={level}
              registry={registry}
              badge={<StatusBadge kind="response-level" status={level.value} />}
            />
          )}
          {mode && (
            <TrackedItem
              name={m.operatingMode}
              kind="operating-mode"
              id={hospital.id}
              tracked={mode}
              registry={registry}
              badge={<StatusBadge kind="operating-mode" status={mode.value} />}
              details={
                facts?.leftNormalAt && (
                  <p className="hospital-page__degraded" data-testid="degraded-since">
                    {format(m.degradedSince, {
                      time: formatDayTime(facts.leftNormalAt, lang),
                      duration: formatElapsed(now - ms(facts.leftNormalAt), lang),
                    })}
                  </p>
                )
              }
            />
          )}
          <li className="tracked-item plan-blanc" data-testid="plan-blanc">
            <div className="tracked-item__head">
              <span className="tracked-item__name">{m.planBlanc}</span>{' '}
              <span className="plan-blanc__state">
                {!facts?.planBlanc
                  ? m.planBlancNone
                  : facts.planBlanc.liftedAt
                    ? m.planBlancLiftedState
                    : m.planBlancActive}
              </span>
            </div>
            {facts?.planBlanc && (
              <ul className="plan-blanc__events">
                <li>
                  {format(m.planBlancTriggered, {
                    time: formatDayTime(facts.planBlanc.triggeredAt, lang),
                    ...who(facts.planBlanc.triggeredBy),
                  })}
                </li>
                {facts.planBlanc.liftedAt && facts.planBlanc.liftedBy && (
                  <li>
                    {format(m.planBlancLifted, {
                      time: formatDayTime(facts.planBlanc.liftedAt, lang),
                      ...who(facts.planBlanc.liftedBy),
                    })}
                  </li>
                )}
              </ul>
            )}
          </li>
        </ul>
      </section>

      {hostedSamu.length > 0 && (
        <section className="hospital-page__section" aria-labelledby="hospital-samu">
          <h3 id="hospital-samu">{t.samu}</h3>
          <ul className="tracked-items">
            {hostedSamu.map((samu) => {
              const tracked = own(state.items.samu, samu.id);
              return (
                tracked && (
                  <TrackedItem
                    key={samu.id}
                    name={samu.name}
                    kind="samu"
                    id={samu.id}
                    tracked={tracked}
                    registry={registry}
                    badge={<StatusBadge kind="samu" status={tracked.value} />}
                  />
                )
              );
            })}
          </ul>
        </section>
      )}

      <section className="hospital-page__section" aria-labelledby="hospital-sites">
        <h3 id="hospital-sites">{m.sites}</h3>
        <ul className="hospital-page__sites">
          {hospital.sites.map((site, i) => (
            <li key={site.id} className={site.closed ? 'site site--closed' : 'site'}>
              <span className="site__name">{site.name}</span>
              {i === 0 && <span className="site__main"> ({m.mainSite})</span>}
              {(site.address ?? site.commune) && (
                <span className="site__address">
                  {' '}
                  – {[site.address, site.postcode, site.commune].filter(Boolean).join(' ')}
                </span>
              )}
              {site.closed && (
                <span className="site__closed">
                  {' '}
                  <strong className="tag tag--closed">{m.siteClosed}</strong> ({site.closed})
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section className="hospital-page__section" aria-labelledby="hospital-emergencies">
        <h3 id="hospital-emergencies">{m.emergencies}</h3>
        {departments.length === 0 ? (
          <p>{m.noEmergency}</p>
        ) : (
          <ul className="tracked-items">
            {departments.map((department) => {
              const tracked = own(state.items.emergency, department.id);
              const value = tracked && parseItemValue('emergency', tracked.value);
              if (!tracked || !value || value.kind !== 'emergency') return null;
              return (
                <TrackedItem
                  key={department.id}
                  name={
                    <>
                      {emergencyName(department.kind, lang)}
                      {department.confirmation === 'non-verifie' && (
                        <>
                          {' '}
                          <span className="tag tag--unverified">{confirmations.label('non-verifie', lang)}</span>
                        </>
                      )}
                    </>
                  }
                  label={emergencyName(department.kind, lang)}
                  kind="emergency"
                  id={department.id}
                  tracked={tracked}
                  registry={registry}
                  badge={<ItemValueBadge value={value} registry={registry} />}
                  details={
                    (value.value.nextReviewAt ?? value.value.note) && (
                      <p className="emergency__details">
                        {value.value.nextReviewAt &&
                          format(m.nextReview, { time: formatTimeOfDay(value.value.nextReviewAt, lang, now) })}
                        {value.value.nextReviewAt && value.value.note && ' · '}
                        {value.value.note}
                      </p>
                    )
                  }
                />
              );
            })}
          </ul>
        )}
      </section>

      <section className="hospital-page__section" aria-labelledby="hospital-systems">
        <h3 id="hospital-systems">{m.systems}</h3>
        <ul className="tracked-items">
          {registry.systems.map((system) => {
            const key = pairKey(hospital.id, system.id);
            const tracked = own(state.items.system, key);
            if (!tracked) return null;
            return (
              <TrackedItem
                key={system.id}
                name={
                  <RouteLink to={systemPath(system.id)} className="tracked-item__link">
                    {system.name[lang]}
                  </RouteLink>
                }
                label={system.name[lang]}
                kind="system"
                id={key}
                tracked={tracked}
                registry={registry}
                badge={<StatusBadge kind="system" status={tracked.value} />}
              />
            );
          })}
        </ul>
      </section>

      <HospitalTimeline hospital={hospital} registry={registry} state={state} lang={lang} />
    </>
  );
}

/** One tracked value: its name, status, provenance and, on demand, its history. */
function TrackedItem({
  name,
  label,
  kind,
  id,
  tracked,
  registry,
  badge,
  details,
}: {
  name: ReactNode;
  /** The name as text, when `name` is not a string (for the history button's accessible name). */
  label?: string;
  kind: ItemKind;
  id: string;
  tracked: Tracked<unknown>;
  registry: Registry;
  badge: ReactNode;
  details?: ReactNode;
}) {
  return (
    <li className="tracked-item" data-item={`${kind}/${id}`}>
      <div className="tracked-item__head">
        <span className="tracked-item__name">{name}</span>{' '}
        {/* A registry default is nobody's word: it reads "non renseigné", never as its value. */}
        {kind === 'stage' || isInformed(tracked) ? badge : <StatusBadge kind={kind} status={NOT_INFORMED} />}
      </div>
      {details}
      <div className="tracked-item__provenance">
        <ItemProvenance tracked={tracked} kind={kind} />
      </div>
      <ItemHistory
        kind={kind}
        id={id}
        label={label ?? (typeof name === 'string' ? name : id)}
        version={tracked.version}
        registry={registry}
      />
    </li>
  );
}
