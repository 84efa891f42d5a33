/**
 * The impact matrix: hospitals (rows) × information systems (columns), each cell a status by colour,
 * icon and words, with who set it, when and from which source on hover or focus. Sortable by
 * hospital, GHU and number of systems out of service; filterable by GHU and recovery stage.
 *
 * Keyboard: the status cells are one tab stop (roving tabindex); arrows move, Home/End go to the
 * ends of the row (with Ctrl: of the table), Enter opens the hospital, Escape hides the detail.
 */
import { recoveryStages, systemStatuses, type RecoveryStage } from '@vigie/shared';
import { memo, useId, useMemo, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { navigate } from '../../router/router.ts';
import { useStoreSelector } from '../../hooks/useStoreSelector.ts';
import { format } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/useT.ts';
import type { Lang } from '../../store/vigieStore.ts';
import { selectSync } from '../../store/selectors.ts';
import { ItemProvenance } from '../../items/ItemProvenance.tsx';
import { hospitalPath, RouteLink, systemPath } from '../../router/RouteLink.tsx';
import { StatusBadge } from '../../items/StatusBadge.tsx';
import { shownLabel } from '../../items/shownStatus.ts';
import { styleOf } from '../../items/statusStyle.ts';
import { buildMatrix, NO_GHU, shortGhu, type MatrixCell, type Sort, type SortKey } from './matrixModel.ts';
import { messages } from './messages.ts';
import './ImpactMatrix.css';

const emptyItems = {};
/** Cells this close to the table's bottom or right edge open their detail upwards or leftwards. */
const EDGE = 3;

export function ImpactMatrix() {
  const lang = useLang();
  const m = messages[lang];
  const sync = useStoreSelector(selectSync);
  const [sort, setSort] = useState<Sort>({ key: 'ghu', dir: 'asc' });
  const [ghu, setGhu] = useState('');
  const [stage, setStage] = useState<RecoveryStage | ''>('');
  const [tabStop, setTabStop] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const hintId = useId();

  const registry = sync.kind === 'situation' ? sync.registry : null;
  const systemItems = sync.kind === 'situation' ? sync.state.items.system : emptyItems;
  const collator = useMemo(() => new Intl.Collator(lang, { sensitivity: 'base', numeric: true }), [lang]);
  const matrix = useMemo(
    () => (registry ? buildMatrix(systemItems, registry, { ghu, stage, sort, collator }) : null),
    [systemItems, registry, ghu, stage, sort, collator],
  );

  if (!registry || !matrix) {
    return (
      <section id="matrice" className="impact-matrix" aria-labelledby="impact-matrix-title">
        <h2 id="impact-matrix-title">{m.title}</h2>
        <p>{m.waiting}</p>
      </section>
    );
  }

  const { systems, rows } = matrix;
  const firstKey = rows[0]?.cells[0]?.key ?? null;
  const stop = tabStop !== null && rows.some((r) => r.cells.some((c) => c.key === tabStop)) ? tabStop : firstKey;

  const columnName: Record<SortKey, string> = { name: m.hospital, ghu: m.ghu, down: m.down };
  const toggleSort = (key: SortKey) =>
    setSort((s) =>
      s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'down' ? 'desc' : 'asc' },
    );
  const sortHeader = (key: SortKey, extra?: string) => (
    <th
      scope="col"
      className={`matrix__sortable matrix__col--${key}`}
      aria-sort={sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" className="matrix__sort" onClick={() => toggleSort(key)}>
        {columnName[key]}
        {extra && <span className="visually-hidden"> ({extra})</span>}{' '}
        <span className="matrix__sort-icon" aria-hidden="true">
          {sort.key !== key ? '↕' : sort.dir === 'asc' ? '↑' : '↓'}
        </span>
      </button>
    </th>
  );

  const cellOf = (target: EventTarget) => (target as HTMLElement).closest<HTMLElement>('td[data-cell]');
  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const cell = cellOf(e.target);
    if (!cell) return;
    const lastRow = rows.length - 1;
    const lastCol = systems.length - 1;
    let row = Number(cell.dataset.row);
    let col = Number(cell.dataset.col);
    switch (e.key) {
      case 'ArrowRight':
        col = Math.min(col + 1, lastCol);
        break;
      case 'ArrowLeft':
        col = Math.max(col - 1, 0);
        break;
      case 'ArrowDown':
        row = Math.min(row + 1, lastRow);
        break;
      case 'ArrowUp':
        row = Math.max(row - 1, 0);
        break;
      case 'Home':
        col = 0;
        if (e.ctrlKey) row = 0;
        break;
      case 'End':
        col = lastCol;
        if (e.ctrlKey) row = lastRow;
        break;
      case 'Enter': {
        const hospital = rows[row]?.hospital;
        if (hospital) navigate(hospitalPath(hospital.id));
        e.preventDefault();
        return;
      }
      case 'Escape':
        setDismissed(cell.dataset.cell ?? null);
        e.preventDefault();
        return;
      default:
        return;
    }
    e.preventDefault();
    e.currentTarget.querySelector<HTMLElement>(`td[data-row="${row}"][data-col="${col}"]`)?.focus();
  };
  const onFocus = (e: FocusEvent<HTMLTableSectionElement>) => {
    const key = cellOf(e.target)?.dataset.cell;
    if (!key) return;
    setTabStop(key);
    setDismissed((d) => (d === key ? d : null));
  };
  const onMouseOver = (e: MouseEvent<HTMLTableSectionElement>) => {
    const key = cellOf(e.target)?.dataset.cell;
    if (key && dismissed !== null && key !== dismissed) setDismissed(null);
  };

  return (
    <section id="matrice" className="impact-matrix" aria-labelledby="impact-matrix-title">
      <h2 id="impact-matrix-title">{m.title}</h2>
      <div className="matrix__filters">
        <label>
          {m.filterGhu}{' '}
          <select value={ghu} onChange={(e) => setGhu(e.target.value)}>
            <option value="">{m.allGhus}</option>
            {registry.ghus.map((g) => (
              <option key={g.id} value={g.id}>
                {g.label}
              </option>
            ))}
            {registry.hospitals.some((h) => h.ghuId === null) && <option value={NO_GHU}>{m.noGhu}</option>}
          </select>
        </label>
        <label>
          {m.filterStage}{' '}
          <select value={stage} onChange={(e) => setStage(stageOf(e.target.value))}>
            <option value="">{m.allStages}</option>
            {recoveryStages.values.map((s) => (
              <option key={s.id} value={s.id}>
                {s[lang]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="matrix__summary" role="status">
        {format(m.summary, {
          hospitals: String(rows.length),
          systems: String(systems.length),
          column: columnName[sort.key],
          direction: sort.dir === 'asc' ? m.ascending : m.descending,
        })}
      </p>
      <p id={hintId} className="matrix__hint">
        {m.keyboardHint}
      </p>
      {systems.length === 0 ? (
        <p>{m.noSystem}</p>
      ) : rows.length === 0 ? (
        <p>{m.noHospital}</p>
      ) : (
        // Its own frame: on a phone the table scrolls across inside it, the page never does.
        <div className="matrix__frame">
          <table className="matrix__table" aria-describedby={hintId}>
            <caption className="visually-hidden">{m.caption}</caption>
            <thead>
              <tr>
                {sortHeader('name')}
                {sortHeader('ghu')}
                {sortHeader('down', m.downHint)}
                {systems.map((system) => (
                  <th key={system.id} scope="col" className="matrix__system">
                    <RouteLink to={systemPath(system.id)} title={system.name[lang]}>
                      {system.shortName[lang]}
                    </RouteLink>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody onKeyDown={onKeyDown} onFocus={onFocus} onMouseOver={onMouseOver}>
              {rows.map((row, r) => (
                <tr key={row.hospital.id} data-hospital={row.hospital.id}>
                  <th scope="row" className="matrix__hospital">
                    <RouteLink to={hospitalPath(row.hospital.id)} title={row.hospital.name}>
                      {row.hospital.shortName}
                    </RouteLink>
                  </th>
                  <td className="matrix__ghu">{row.ghu ? shortGhu(row.ghu.label) : m.noGhu}</td>
                  <td className="matrix__down" data-down={row.down}>
                    {row.down}
                  </td>
                  {row.cells.map((cell, c) => (
                    <MatrixCellView
                      key={cell.key}
                      cell={cell}
                      row={r}
                      col={c}
                      hospitalName={row.hospital.shortName}
                      tabbable={cell.key === stop}
                      dismissed={cell.key === dismissed}
                      up={r >= rows.length - EDGE && rows.length > EDGE * 2}
                      left={c >= systems.length - EDGE}
                      lang={lang}
                    />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MatrixLegend lang={lang} />
    </section>
  );
}

const stageOf = (value: string): RecoveryStage | '' => recoveryStages.ids.find((id) => id === value) ?? '';

/** One status cell: icon (aria-hidden) and the word (visually hidden), the full detail shown on hover/focus. */
const MatrixCellView = memo(function MatrixCellView({
  cell,
  row,
  col,
  hospitalName,
  tabbable,
  dismissed,
  up,
  left,
  lang,
}: {
  cell: MatrixCell;
  row: number;
  col: number;
  hospitalName: string;
  tabbable: boolean;
  dismissed: boolean;
  up: boolean;
  left: boolean;
  lang: Lang;
}) {
  const [tone, icon] = styleOf('system', cell.status as never);
  const classes = [
    'matrix__cell',
    up && 'matrix__cell--up',
    left && 'matrix__cell--left',
    dismissed && 'matrix__cell--dismissed',
  ];
  return (
    <td
      className={classes.filter(Boolean).join(' ')}
      data-cell={cell.key}
      data-row={row}
      data-col={col}
      data-status={cell.status}
      data-tone={tone}
      tabIndex={tabbable ? 0 : -1}
    >
      <span className={`matrix__icon tone-${tone}`} aria-hidden="true">
        {icon}
      </span>
      <span className="visually-hidden">{shownLabel('system', cell.status, lang)}</span>
      <span className="matrix__tip">
        <span className="matrix__tip-head" aria-hidden="true">
          {hospitalName} · {cell.system.shortName[lang]}
        </span>
        <span className="matrix__tip-status" aria-hidden="true">
          <StatusBadge kind="system" status={cell.status} />
        </span>
        {cell.tracked && (
          <span className="matrix__tip-provenance">
            <ItemProvenance tracked={cell.tracked} />
          </span>
        )}
      </span>
    </td>
  );
});

/** Every system status with its icon, colour and words: the key to the compact cells. */
function MatrixLegend({ lang }: { lang: Lang }) {
  const m = messages[lang];
  return (
    <ul className="matrix__legend" aria-label={m.legend}>
      {systemStatuses.ids.map((id) => (
        <li key={id}>
          <StatusBadge kind="system" status={id} />
        </li>
      ))}
    </ul>
  );
}
