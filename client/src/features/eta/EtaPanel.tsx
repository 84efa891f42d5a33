/** The estimated return to normal with its history: first announced, now, and each revision with when and why. */
import { Panel } from '../../app/Panel.tsx';
import { useSituation } from '../../app/useSituation.ts';
import { format } from '../../i18n/messages.ts';
import { formatDayTime } from '../../i18n/time.ts';
import { useLang, useT } from '../../i18n/useT.ts';
import { Provenance } from '../status/Provenance.tsx';

export function EtaPanel({ revisionsShown = 3 }: { revisionsShown?: number }) {
  const t = useT();
  const lang = useLang();
  const view = useSituation();
  if (!view) return null;
  const { eta } = view.state;
  const first = eta[0];
  const current = eta.at(-1);
  return (
    <Panel
      id="eta"
      title={t.eta}
      footer={current && <Provenance by={current.by} at={current.effectiveAt ?? current.recordedAt} />}
    >
      {!first || !current ? (
        <p>{t.etaNone}</p>
      ) : (
        <>
          <p className="eta__summary" data-fact="eta">
            {eta.length > 1 && <span className="eta__first">{format(t.etaInitially, { first: first.label })} → </span>}
            <strong className="eta__current">{format(t.etaNow, { current: current.label })}</strong>
          </p>
          <ol className="eta__revisions" reversed>
            {eta
              .slice(-revisionsShown)
              .reverse()
              .map((r) => (
                <li key={r.seq} data-revision={r.seq}>
                  {format(t.etaRevision, {
                    time: formatDayTime(r.effectiveAt ?? r.recordedAt, lang),
                    label: r.label,
                    reason: r.reason,
                  })}
                </li>
              ))}
          </ol>
        </>
      )}
    </Panel>
  );
}
