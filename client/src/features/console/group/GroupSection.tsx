/**
 * The console's group-wide items: the four SAMU – Centre 15 (with the site hosting each) and the
 * recovery stages in order. Writable by a commander without a scope or the lead; read-only otherwise.
 */
import { own, recoveryStages, stagesBefore } from '@vigie/shared';
import { useId } from 'react';
import { useSituation } from '../../../hooks/useSituation.ts';
import { useStoreSelector } from '../../../hooks/useStoreSelector.ts';
import { format } from '../../../i18n/messages.ts';
import { useLang } from '../../../i18n/useT.ts';
import { selectSession } from '../../../store/selectors.ts';
import { siteName } from '../../../items/itemWords.ts';
import { ItemControl } from '../items/ItemControl.tsx';
import { messages } from './messages.ts';
import './GroupSection.css';

export function GroupSection() {
  const lang = useLang();
  const m = messages[lang];
  const view = useSituation();
  const { info } = useStoreSelector(selectSession);
  const ids = useId();
  if (!view) return null;
  const { state, registry } = view;
  const editable = info?.abilities.group ?? false;
  const hospitalName = (id: string) => registry.hospitals.find((h) => h.id === id)?.shortName ?? id;

  return (
    <div className="group-section">
      {!editable && <p className="console-panel group-section__read-only">{m.readOnly}</p>}
      <section className="console-panel" aria-labelledby={`${ids}-samu`}>
        <h3 id={`${ids}-samu`}>{m.samu}</h3>
        {registry.samu.length === 0 ? (
          <p className="console-muted">{m.noSamu}</p>
        ) : (
          <ul className="item-controls">
            {registry.samu.map((samu) => (
              <li key={samu.id}>
                <ItemControl
                  item={{ kind: 'samu', id: samu.id }}
                  name={samu.name}
                  editable={editable}
                  details={
                    <p className="group-section__detail">
                      {format(m.hostedAt, {
                        site: siteName(registry, samu.siteId),
                        hospital: hospitalName(samu.hospitalId),
                      })}
                    </p>
                  }
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="console-panel" aria-labelledby={`${ids}-stages`}>
        <h3 id={`${ids}-stages`}>{m.stages}</h3>
        <ol className="item-controls">
          {recoveryStages.ids.map((stage, i) => {
            // A stage is validated only once every earlier one is: offered only when the server would accept it.
            const pending = stagesBefore(stage, (earlier) => own(state.items.stage, earlier)?.value);
            const systems = registry.systems.filter((s) => s.stage === stage);
            return (
              <li key={stage}>
                <ItemControl
                  item={{ kind: 'stage', id: stage }}
                  name={format(m.stageName, { n: String(i + 1), stage: recoveryStages.label(stage, lang) })}
                  editable={editable}
                  unavailable={pending.length > 0 ? ['validee'] : []}
                  details={
                    <>
                      {systems.length > 0 && (
                        <p className="group-section__detail">
                          {format(m.stageSystems, { systems: systems.map((s) => s.shortName[lang]).join(', ') })}
                        </p>
                      )}
                      {editable && pending.length > 0 && (
                        <p className="group-section__detail">
                          {format(m.validateAfter, {
                            stages: pending.map((p) => recoveryStages.label(p, lang)).join(', '),
                          })}
                        </p>
                      )}
                    </>
                  }
                />
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}
