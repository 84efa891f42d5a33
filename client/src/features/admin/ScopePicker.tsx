/**
 * Chooses a scope: the whole group, or some GHU (each covers its hospitals) and hospitals, grouped
 * by GHU as in the registry. Controlled: `null` is the whole group.
 */
import type { Scope } from '@vigie/shared';
import { useId } from 'react';
import type { PlaceNames } from '../../access/words.ts';
import { useAdminMessages } from './useAdminMessages.ts';

const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));

export function ScopePicker({
  scope,
  places,
  onChange,
}: {
  scope: Scope;
  places: PlaceNames | null;
  onChange: (scope: Scope) => void;
}) {
  const m = useAdminMessages();
  const id = useId();
  const limited = scope ?? { hospitals: [], ghus: [] };
  const groups = places
    ? [
        ...places.ghus.map((g) => ({ ghu: g, hospitals: places.hospitals.filter((h) => h.ghuId === g.id) })),
        { ghu: null, hospitals: places.hospitals.filter((h) => h.ghuId === null) },
      ].filter((g) => g.ghu || g.hospitals.length)
    : [];
  return (
    <fieldset className="scope-picker">
      <legend>{m.scope}</legend>
      <label className="choice">
        <input type="radio" name={`${id}-kind`} checked={scope === null} onChange={() => onChange(null)} />
        {m.scopeWhole}
      </label>
      <label className="choice">
        <input
          type="radio"
          name={`${id}-kind`}
          checked={scope !== null}
          disabled={!places}
          onChange={() => onChange({ hospitals: [], ghus: [] })}
        />
        {m.scopeLimited}
      </label>
      {!places && <p className="field__hint">{m.scopeNeedsRegistry}</p>}
      {scope !== null && (
        <div className="scope-picker__groups">
          {groups.map(({ ghu, hospitals }) => {
            const wholeGhu = ghu !== null && limited.ghus.includes(ghu.id);
            return (
              <fieldset key={ghu?.id ?? '-'} className="scope-picker__group">
                <legend>{ghu?.label ?? m.noGhu}</legend>
                {ghu && (
                  <label className="choice">
                    <input
                      type="checkbox"
                      checked={wholeGhu}
                      onChange={(e) =>
                        onChange({
                          ghus: toggle(limited.ghus, ghu.id, e.target.checked),
                          // The GHU covers its hospitals: listing them too would only repeat it.
                          hospitals: e.target.checked
                            ? limited.hospitals.filter((h) => !hospitals.some((x) => x.id === h))
                            : limited.hospitals,
                        })
                      }
                    />
                    {m.scopeGhu}
                  </label>
                )}
                {hospitals.map((h) => (
                  <label key={h.id} className="choice">
                    <input
                      type="checkbox"
                      // A hospital of a chosen GHU is covered already.
                      checked={wholeGhu || limited.hospitals.includes(h.id)}
                      disabled={wholeGhu}
                      onChange={(e) =>
                        onChange({ ...limited, hospitals: toggle(limited.hospitals, h.id, e.target.checked) })
                      }
                    />
                    {h.name}
                  </label>
                ))}
              </fieldset>
            );
          })}
        </div>
      )}
    </fieldset>
  );
}
