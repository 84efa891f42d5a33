/**
 * A list that never spills out of its box: it shows the items that fit the height it is given and
 * ends with "… et N autres" for the rest. It measures before the browser paints, so a wall never
 * shows a cut line, whatever the number or length of the items; the box must get its height from
 * its parent (a flex item with `min-height: 0`, or a fixed share of a column).
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { format } from '../i18n/messages.ts';
import { useT } from '../i18n/useT.ts';

export function FitList<T>({
  items,
  keyOf,
  render,
  className = '',
  itemClass,
  countOf = () => 1,
}: {
  items: readonly T[];
  keyOf: (item: T) => string;
  render: (item: T) => ReactNode;
  className?: string;
  itemClass?: (item: T) => string | undefined;
  /** What an item counts for in "… et N autres" (a group's heading: 0). */
  countOf?: (item: T) => number;
}) {
  const t = useT();
  const ref = useRef<HTMLUListElement>(null);
  // How many of these items fit a box of this size; anything else (new items, a resize) measures again.
  const [size, setSize] = useState(0);
  const [fit, setFit] = useState<{ items: readonly T[]; size: number; shown: number } | null>(null);
  const shown = fit && fit.items === items && fit.size === size ? fit.shown : null;

  // Measure again when the box is given less room than it was measured in (a line would be cut), or
  // another width. Not when it grows: showing fewer items can let a box sized by its content shrink
  // and its neighbours grow, and measuring again then would flip back and forth.
  const measured = useRef({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      const { width, height } = measured.current;
      if (box.clientWidth !== width || box.clientHeight < height) setSize((n) => n + 1);
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  // Measured with every item rendered (the box's overflow hides them), before the browser paints.
  useLayoutEffect(() => {
    const box = ref.current;
    if (shown !== null || !box) return;
    const bottom = box.getBoundingClientRect().top + box.clientHeight;
    const rows = [...box.children] as HTMLElement[];
    const fits = (el: HTMLElement) => el.getBoundingClientRect().bottom <= bottom + 0.5;
    let n = rows.findIndex((r) => !fits(r));
    if (n !== -1) {
      // Leave room below the last item shown for "… et N autres", about as tall as a line.
      const line = parseFloat(getComputedStyle(box).lineHeight) || rows[0]!.getBoundingClientRect().height;
      while (n > 0 && rows[n - 1]!.getBoundingClientRect().bottom + line > bottom + 0.5) n -= 1;
    }
    measured.current = { width: box.clientWidth, height: box.clientHeight };
    setFit({ items, size, shown: n === -1 ? items.length : n });
  }, [shown, items, size]);

  const visible = shown === null ? items : items.slice(0, shown);
  const hidden = items.slice(visible.length).reduce((sum, item) => sum + countOf(item), 0);
  return (
    <ul ref={ref} className={`fit-list ${className}`} data-hidden={hidden}>
      {visible.map((item) => (
        <li key={keyOf(item)} className={itemClass?.(item)}>
          {render(item)}
        </li>
      ))}
      {shown !== null && shown < items.length && (
        <li className="fit-list__more" data-more={hidden}>
          {format(t.andOthers, { count: String(hidden) })}
        </li>
      )}
    </ul>
  );
}
