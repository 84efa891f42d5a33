import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { buildEvents, openedData } from '@vigie/shared/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WireRequest } from '../../testing.tsx';
import { buildSituationStore, renderWithStore } from '../../testing.tsx';
import type { RecentChange } from '../../store/vigieStore.ts';
import { RecentChanges, undoChanges } from './RecentChanges.tsx';

afterEach(cleanup);

/** A change of two systems: h1's was free (automation's), h2's was held by a person. */
const change: RecentChange = {
  commandId: 'bulk-1',
  logId: 'set when recorded',
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

function renderList(request: WireRequest) {
  const store = buildSituationStore(buildEvents([{ type: 'incident.opened', data: openedData }]));
  const { sync } = store.getState();
  act(() => store.getState().recordChange({ ...change, logId: sync.kind === 'situation' ? sync.logId : '' }));
  renderWithStore(<RecentChanges registry={registryOf(store)} />, store, request);
  return store;
}
const registryOf = (store: ReturnType<typeof buildSituationStore>) => {
  const { sync } = store.getState();
  if (sync.kind !== 'situation') throw new Error('no situation');
  return sync.registry;
};

describe('RecentChanges', () => {
  it('lists only the changes of the log on screen (versions mean nothing in another incident)', () => {
    const store = renderList(vi.fn<WireRequest>());
    act(() => store.getState().recordChange({ ...change, commandId: 'old-log', logId: 'another-log' }));
    expect(screen.getAllByRole('button', { name: 'Annuler cette modification' })).toHaveLength(1);
  });

  it('undoes a change only once confirmed, as one compensating change against the versions it wrote', async () => {
    const request = vi.fn<WireRequest>(() =>
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
    const request = vi.fn<WireRequest>(() =>
      Promise.resolve({ ok: false, error: { code: 'conflict', message: 'changed', details: { conflicts: [] } } }),
    );
    const store = renderList(request);
    fireEvent.click(screen.getByRole('button', { name: 'Annuler cette modification' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer' }));
    await screen.findByText('Modifié entre-temps : rien n’a été enregistré.');
    expect(store.getState().changes[0]?.undoneBy).toBeNull();
  });
});

describe('undoChanges', () => {
  it('gives automation back its latest reading sent while the value was held, and nothing older or elsewhere', () => {
    const line = (seq: number, id: string, value: string, outcome: 'ignored' | 'applied') => ({
      seq,
      item: { kind: 'system' as const, id },
      value,
      outcome,
      by: { kind: 'integration' as const, id: 'supervision', name: 'Supervision' },
      recordedAt: '2024-08-03T09:20:00.000Z',
      effectiveAt: null,
    });
    const journal = [
      line(4, 'h1:dpi', 'inconnu', 'ignored'), // before the change: not a reading to restore
      line(7, 'h1:dpi', 'en-cours-de-retablissement', 'ignored'),
      line(8, 'h1:dpi', 'operationnel', 'ignored'),
      line(9, 'h2:dpi', 'operationnel', 'ignored'), // h2 was held by a person: its previous value stands
    ];
    expect(undoChanges(change, journal).map((c) => [c.item.value, c.hold])).toEqual([
      ['operationnel', false],
      ['isole', true],
    ]);
    expect(undoChanges(change, journal.slice(0, 1)).map((c) => c.item.value)).toEqual(['degrade', 'isole']);
  });
});
