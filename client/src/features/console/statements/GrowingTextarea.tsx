/**
 * A text box as tall as its text (at least `minRows` lines), growing as it is typed: a pre-filled
 * point de situation is read whole, never cut. CSS `field-sizing: content` does it where the
 * browser has it; elsewhere (Firefox) the height is measured after each change.
 */
import { useLayoutEffect, useRef, type TextareaHTMLAttributes } from 'react';

const sizesItself =
  typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('field-sizing', 'content');

export function GrowingTextarea({
  minRows,
  value,
  className,
  ...props
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'rows'> & { minRows: number; value: string }) {
  const box = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || sizesItself) return;
    el.style.height = 'auto';
    // scrollHeight leaves out the borders; the box is sized border-box.
    el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight}px`;
  }, [value]);
  return (
    <textarea
      ref={box}
      rows={minRows}
      value={value}
      className={`growing-textarea${className ? ` ${className}` : ''}`}
      style={{ minHeight: `calc(${minRows}lh + 0.8rem + 2px)` }}
      {...props}
    />
  );
}
