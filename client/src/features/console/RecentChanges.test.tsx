import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { buildEvents, openedData } from '@vigie/shared/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RequestFn } from '../../app/RealtimeContext.ts';
import { buildSituationStore, renderWithStore } from '../../app/testing.tsx';
import type { RecentChange } from '../../store/vigieStore.ts';
import { RecentChanges } from './RecentChanges.tsx';

afterEach(cleanup);

/** A change of two systems: h1's was free (automation's), h2's was held by a person. */
const change: RecentChange = {
  commandId: 'bulk-1',
  label: 'DPI → Indisponible',
  at: '2024-08-03T09:10:00.000Z',
  items: [
    {
      item: { kind: 'system', id: 'h1:dpi' },
      previous: 'degrade',
      previousHeld: false,
      value: 'indisponible',
      version: 5,
    },
    {
      item: { kind: 'system', id: 'h2:dpi' },
      previous: 'isole',
      previousHeld: true,
      value: 'indisponible',
      version: 6,
    },
  ],
  undoneBy: null,
};

function renderList(request: RequestFn) {
  const store = buildSituationStore(buildEvents([{ type: 'incident.opened', data: openedData }]));
  act(() => store.getState().recordChange(change));
  renderWithStore(<RecentChanges registry={registryOf(store)} />, store, request);
  return store;
}
const registryOf = (store: ReturnType<typeof buildSituationStore>) => {
  const { sync } = store.getState();
  if (sync.kind !== 'situation') throw new Error('no situation');
  return sync.registry;
};

describe('RecentChanges', () => {
  it('undoes a change only once confirmed, as one compensating change against the versions it wrote', async () => {
    const request = vi.fn<RequestFn>(() =>
      Promise.resolve({ ok: true, data: { commandId: 'undo-1', seq: 8, written: [] } }),
    );
    const store = renderList(request);
    fireEvent.click(screen.getByRole('button', { name: 'Annuler cette modification' }));
    expect(request).not.toHaveBeenCalled();
    expect(screen.getByText('Rétablir les valeurs précédentes de 2 élément(s) ?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    const [event, input] = request.mock.calls[0]!;
    expect(event).toBe('items:set');
    expect(input).toMatchObject({
      undoes: 'bulk-1',
      changes: [
        // The value automation had set goes back to automation; the one a person held is held again.
        { item: { kind: 'system', id: 'h1:dpi', value: 'degrade' }, expectedVersion: 5, hold: false },
        { item: { kind: 'system', id: 'h2:dpi', value: 'isole' }, expectedVersion: 6 },
      ],
    });
    expect((input as { changes: object[] }).changes[1]).not.toHaveProperty('hold');
    await waitFor(() =>
      expect(store.getState().changes.find((c) => c.commandId === 'bulk-1')?.undoneBy).toBe('undo-1'),
    );
    expect(screen.getByText(/annulée/)).toBeTruthy();
  });

  it('keeps the change when the undo is refused as a conflict, and says so', async () => {
    const request = vi.fn<RequestFn>(() =>
      Promise.resolve({ ok: false, error: { code: 'conflict', message: 'changed', details: { conflicts: [] } } }),
    );
    const store = renderList(request);
    fireEvent.click(screen.getByRole('button', { name: 'Annuler cette modification' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer' }));
    await screen.findByText('Modifié entre-temps : rien n’a été enregistré.');
    expect(store.getState().changes[0]?.undoneBy).toBeNull();
  });
});
