import { act, renderHook } from '@testing-library/react';
import type { Reply } from '@vigie/shared';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { RealtimeContext } from '../../realtime/RealtimeContext.ts';
import { asRequestFn, type WireRequest } from '../../testing.tsx';
import { useCommand } from './useCommand.ts';

const noReply: Reply = { ok: false, error: { code: 'internal', message: 'no reply' } };
const saved: Reply = { ok: true, data: { commandId: 'c1', seq: 4 } };

function hook(request: WireRequest) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <RealtimeContext value={asRequestFn(request)}>{children}</RealtimeContext>
  );
  return renderHook(() => useCommand(), { wrapper });
}
const keyOf = (call: unknown[]) => (call[1] as { idempotencyKey: string }).idempotencyKey;
const entry = { type: 'decision' as const, text: 'Passage au papier' };

describe('useCommand', () => {
  it('resends an unconfirmed request under the same key, and a new request under a new one', async () => {
    const request = vi.fn<WireRequest>().mockResolvedValueOnce(noReply).mockResolvedValue(saved);
    const { result } = hook(request);
    await act(() => result.current.send('log:add-entry', entry));
    await act(() => result.current.send('log:add-entry', entry));
    await act(() => result.current.send('log:add-entry', entry));
    const [first, retry, next] = request.mock.calls.map(keyOf);
    expect(retry).toBe(first);
    expect(next).not.toBe(first);
    expect(result.current.outcome).toEqual({ state: 'saved', result: saved.ok && saved.data });
  });

  it('lets only the latest request set the outcome', async () => {
    let answerFirst: (r: Reply) => void = () => undefined;
    const request = vi
      .fn<WireRequest>()
      .mockReturnValueOnce(new Promise((resolve) => (answerFirst = resolve)))
      .mockResolvedValueOnce(saved);
    const { result } = hook(request);
    let first: Promise<unknown> = Promise.resolve();
    act(() => void (first = result.current.send('log:add-entry', entry)));
    expect(result.current.sending).toBe(true);
    await act(() => result.current.send('log:add-entry', { ...entry, text: 'Autre' }));
    await act(async () => {
      answerFirst({ ok: false, error: { code: 'conflict', message: 'late' } });
      await first;
    });
    expect(result.current.outcome.state).toBe('saved');
  });
});
