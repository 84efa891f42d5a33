/**
 * A QR code drawn as one SVG path from the module matrix (no canvas, no data: URL, no innerHTML):
 * it prints sharp at any size and needs nothing the page's CSP forbids.
 */
import * as QRCode from 'qrcode';
import { useMemo } from 'react';

/** Modules of light margin around the code, as the standard asks. */
const QUIET = 4;

/** The dark modules as one path: each horizontal run of a row is one rectangle. */
function modulePath(text: string): { size: number; d: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col += 1;
      parts.push(`M${start} ${row}h${col - start}v1h-${col - start}z`);
    }
  }
  return { size: modules.size, d: parts.join('') };
}

export function QrCode({ text, label, className }: { text: string; label: string; className?: string }) {
  const { size, d } = useMemo(() => modulePath(text), [text]);
  const side = size + 2 * QUIET;
  return (
    <svg
      className={className}
      viewBox={`${-QUIET} ${-QUIET} ${side} ${side}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-modules={size}
    >
      <rect x={-QUIET} y={-QUIET} width={side} height={side} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
