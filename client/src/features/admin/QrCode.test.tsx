import { cleanup, render } from '@testing-library/react';
import * as QRCode from 'qrcode';
import { afterEach, describe, expect, it } from 'vitest';
import { QrCode } from './QrCode.tsx';

afterEach(cleanup);

/** Reads the drawn path back into rows of dark (1) and light (0) modules. */
function drawnMatrix(d: string, size: number): number[][] {
  const matrix = Array.from({ length: size }, () => Array.from({ length: size }, () => 0));
  for (const [, x, y, width] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let col = Number(x); col < Number(x) + Number(width); col += 1) matrix[Number(y)]![col] = 1;
  }
  return matrix;
}

function renderQr(text: string) {
  const { container } = render(<QrCode text={text} label="QR" />);
  const svg = container.querySelector('svg')!;
  const paths = svg.querySelectorAll('path');
  return { svg, paths, d: paths[0]?.getAttribute('d') ?? '' };
}

describe('QrCode', () => {
  it('draws exactly the module matrix of the text as one path in a square with a quiet zone', () => {
    const text = 'https://vigie.example/connexion#code=ABCD-EFGH-JKMN';
    const { svg, paths, d } = renderQr(text);
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const expected = Array.from({ length: modules.size }, (_, row) =>
      Array.from({ length: modules.size }, (_, col) => (modules.get(row, col) ? 1 : 0)),
    );

    expect(paths).toHaveLength(1);
    expect(svg.getAttribute('viewBox')).toBe(`-4 -4 ${modules.size + 8} ${modules.size + 8}`);
    expect(d).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
    expect(drawnMatrix(d, modules.size)).toEqual(expected);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.innerHTML).not.toContain('data:');
  });

  it('draws a different code for a different text', () => {
    const first = renderQr('https://vigie.example/appairage#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa').d;
    cleanup();
    const second = renderQr('https://vigie.example/appairage#bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb').d;
    expect(first).not.toBe('');
    expect(second).not.toBe(first);
  });
});
