import { describe, expect, it } from 'vitest';
import { Admission } from './admission.ts';

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('Admission', () => {
  it('lets handshakes through a few per event-loop turn, in the order they came', async () => {
    const admission = new Admission(2);
    const admitted: number[] = [];
    for (let n = 0; n < 5; n++) admission.admit(() => admitted.push(n));
    expect(admitted).toEqual([]);
    await turn();
    expect(admitted).toEqual([0, 1]);
    await turn();
    expect(admitted).toEqual([0, 1, 2, 3]);
    await turn();
    expect(admitted).toEqual([0, 1, 2, 3, 4]);
  });

  it('starts again for a handshake arriving once the queue is empty', async () => {
    const admission = new Admission(2);
    const admitted: string[] = [];
    admission.admit(() => admitted.push('first'));
    await turn();
    await turn();
    admission.admit(() => admitted.push('later'));
    await turn();
    expect(admitted).toEqual(['first', 'later']);
  });
});
