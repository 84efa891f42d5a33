/**
 * The estimated return to normal: the current estimate ("désormais" only once it was revised), what
 * was first announced, a flag once its time has passed, and every revision — compact on the wall
 * (time and estimate, as many as fit), with its reason on the overview.
 */
import { passedEta } from '@vigie/shared';
import { FitList } from '../../ui/FitList.tsx';
import { Panel } from '../../ui/Panel.tsx';
import { useEffectiveNow } from '../../hooks/useEffectiveNow.ts';
import { useSituation } from '../../hooks/useSituation.ts';
import { format } from '../../i18n/messages.ts';
import { formatDayTime, formatDuration } from '../../time/parisTime.ts';
import { useLang, useT } from '../../i18n/useT.ts';
import { Flag } from '../../items/Flag.tsx';
import { Provenance } from '../../items/Provenance.tsx';

export function EtaPanel({ variant = 'overview' }: { variant?: 'wall' | 'overview' }) {
  const t = useT();
  const lang = useLang();
  const view = useSituation();
  const now = useEffectiveNow(30_000);
  if (!view) return null;
  const { eta, incident } = view.state;
  const first = eta[0];
  const current = eta.at(-1);
  const revised = eta.length > 1;
  const passed = passedEta(eta, incident, now);
  const newestFirst = [...eta].reverse();
  const when = (r: (typeof eta)[number]) => formatDayTime(r.effectiveAt ?? r.recordedAt, lang);
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
          <p className="eta__summary clamp-3" data-fact="eta">
            <strong className="eta__current">
              {revised ? format(t.etaNow, { current: current.label }) : current.label}
            </strong>
            {current.targetAt && (
              <span className="since"> ({format(t.etaTarget, { time: formatDayTime(current.targetAt, lang) })})</span>
            )}
          </p>
          {passed && (
            <Flag id="eta-passed">
              {format(t.etaPassed, { late: formatDuration(passed.lateMs), time: formatDayTime(passed.dueAt, lang) })}
            </Flag>
          )}
          {revised && (
            <p className="eta__first clamp-2" data-fact="eta-first">
              {format(t.etaInitially, { first: first.label, time: when(first) })}
            </p>
          )}
          {revised &&
            (variant === 'wall' ? (
              <FitList
                items={newestFirst}
                keyOf={(r) => String(r.seq)}
                render={(r) => (
                  <span className="eta__revision" data-revision={r.seq}>
                    {when(r)} : {r.label}
                  </span>
                )}
                className="eta__revisions"
              />
            ) : (
              <ol className="eta__revisions" reversed>
                {newestFirst.map((r) => (
                  <li key={r.seq} data-revision={r.seq}>
                    {format(t.etaRevision, { time: when(r), label: r.label, reason: r.reason })}
                  </li>
                ))}
              </ol>
            ))}
        </>
      )}
    </Panel>
  );
}
