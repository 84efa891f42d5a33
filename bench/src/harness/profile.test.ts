import { describe, expect, it } from 'vitest';
import { summarise } from './profile.ts';

const frame = (id: number, functionName: string, url = '') => ({ id, callFrame: { functionName, url } });
const nodes = [
  frame(1, '(idle)'),
  frame(2, 'writev'),
  frame(3, 'setItem', 'file:///work/main/shared/src/reducer.ts'),
  frame(
    4,
    'hasBinary',
    'file:///x/node_modules/.pnpm/socket.io-parser@4.2.4/node_modules/socket.io-parser/build/cjs/is-binary.js',
  ),
];

describe('summarise', () => {
  it('ranks self time within the window, by function and by package or project file', () => {
    // 10 ms samples: one idle second, then a busy second (writev twice as often as setItem), then idle again.
    const samples = [
      ...Array<number>(100).fill(1),
      ...Array.from({ length: 100 }, (_, i) => (i % 4 === 3 ? 4 : i % 4 === 2 ? 3 : 2)),
      ...Array<number>(100).fill(1),
    ];
    const profile = { nodes, startTime: 0, samples, timeDeltas: samples.map(() => 10_000) };
    const lines = summarise(profile, { from: 1_000_001, to: 2_000_000 }, 3);
    expect(lines[0]).toContain('busy 100 %');
    expect(lines[1]).toBe(
      '  functions: writev 50 %; setItem (shared/src/reducer.ts) 25 %; hasBinary (socket.io-parser) 25 %',
    );
    expect(lines[2]).toBe('  code: writev 50 %; shared/src/reducer.ts 25 %; socket.io-parser 25 %');
  });
});
