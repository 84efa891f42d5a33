import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { Actor, OwnChange, Reply } from '@vigie/shared';
import { buildActor, buildEvents, buildSessionInfo, openedData } from '@vigie/shared/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WireRequest } from '../../testing.tsx';
import { buildSituationStore, renderWithStore } from '../../testing.tsx';
import type { VigieStore } from '../../store/vigieStore.ts';
import { RecentChanges } from './RecentChanges.tsx';

afterEach(cleanup);

const claire = buildSessionInfo();
const bob = buildActor({ id: 'bob', name: 'Bob Durand' });
const system = (id: string) => ({ kind: 'system' as const, id });

/** A change of two systems still standing: h1's was automation's (it goes back to automation), h2's held. */
const standing: OwnChange = {
  commandId: 'bulk-1',
  seq: 5,
  recordedAt: '2024-08-03T09:10:00.000Z',
  undoes: null,
  items: [
    {
      item: system('h1:dpi'),
      from: 'degrade',
      to: 'indisponible',
      version: 5,
      undo: { item: { ...system('h1:dpi'), value: 'degrade' }, expectedVersion: 5, hold: false },
    },
    {
      item: system('h2:dpi'),
      from: 'isole',
      to: 'indisponible',
      version: 6,
      undo: { item: { ...system('h2:dpi'), value: 'isole' }, expectedVersion: 6 },
    },
  ],
  status: 'undoable',
  by: null,
};
const overwritten: OwnChange = {
  commandId: 'one-1',
  seq: 3,
  recordedAt: '2024-08-03T09:05:00.000Z',
  undoes: null,
  items: [{ item: system('h1:reseau'), from: 'operationnel', to: 'degrade', version: 3, undo: null }],
  status: 'superseded',
  by: bob,
};

const listed = (changes: OwnChange[]): Reply => ({ ok: true, data: { changes } });

/** Claire's console on a log where she wrote nothing yet (the first request sees her journal empty). */
function renderList(request: WireRequest): VigieStore {
  const store = buildSituationStore(buildEvents([{ type: 'incident.opened', data: openedData }]));
  act(() => store.getState().setSessionInfo(claire));
  renderWithStore(<RecentChanges registry={registryOf(store)} />, store, request);
  return store;
}
const registryOf = (store: VigieStore) => {
  const { sync } = store.getState();
  if (sync.kind !== 'situation') throw new Error('no situation');
  return sync.registry;
};

/** Lets writes arrive one after another, as patches would: Claire's (from here or another device) or someone else's. */
function writesArriving(store: VigieStore) {
  const events = buildEvents([{ type: 'incident.opened', data: openedData }]);
  return (by: Actor, id: string) => {
    const [write] = buildEvents(
      [{ type: 'value.set', data: { item: { ...system(id), value: 'isole' }, effectiveAt: null, hold: true } }],
      { firstSeq: events.length + 1, by },
    );
    events.push(write!);
    act(() => store.getState().setSync(buildSituationStore(events).getState().sync));
  };
}

const calls = (request: ReturnType<typeof vi.fn<WireRequest>>, event: string) =>
  request.mock.calls.filter(([name]) => name === event);

describe('RecentChanges', () => {
  it('shows what the server lists: each change from → to, and Annuler only where it can still be undone', async () => {
    renderList(vi.fn<WireRequest>(() => Promise.resolve(listed([standing, overwritten]))));
    expect(await screen.findByText('Un – DPI : Dégradé → Indisponible')).toBeTruthy();
    expect(screen.getByText('Deux – DPI : Isolé (coupure volontaire) → Indisponible')).toBeTruthy();
    expect(screen.getByText(/modifiée depuis par Bob Durand : ne peut plus être annulée/)).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Annuler cette modification' })).toHaveLength(1);
  });

  it('asks again when one of the person’s writes arrives, or an item it lists moves, and not for others’ writes elsewhere', async () => {
    const request = vi.fn<WireRequest>(() => Promise.resolve(listed([overwritten])));
    const arrives = writesArriving(renderList(request));
    await screen.findByText(/modifiée depuis/);
    expect(calls(request, 'changes:list')).toHaveLength(1);

    arrives(bob, 'h2:reseau');
    expect(calls(request, 'changes:list')).toHaveLength(1);
    arrives(bob, 'h1:reseau');
    await waitFor(() => expect(calls(request, 'changes:list')).toHaveLength(2));
    arrives({ kind: 'person', id: claire.id!, name: claire.name! }, 'h2:dpi');
    await waitFor(() => expect(calls(request, 'changes:list')).toHaveLength(3));
  });

  it('undoes a change only once confirmed, as one compensating change writing back what the server named', async () => {
    const request = vi.fn<WireRequest>((event) =>
      Promise.resolve(
        event === 'changes:list'
          ? listed([standing])
          : { ok: true, data: { commandId: 'undo-1', seq: 8, written: [] } },
      ),
    );
    renderList(request);
    fireEvent.click(await screen.findByRole('button', { name: 'Annuler cette modification' }));
    expect(calls(request, 'items:set')).toHaveLength(0);
    expect(screen.getByText('Rétablir les valeurs précédentes de 2 élément(s) ?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer' }));
    await waitFor(() => expect(calls(request, 'items:set')).toHaveLength(1));
    const [, input] = calls(request, 'items:set')[0]!;
    expect(input).toMatchObject({
      undoes: 'bulk-1',
      changes: [
        // The value automation had set goes back to automation; the one a person held is held again.
        { item: { kind: 'system', id: 'h1:dpi', value: 'degrade' }, expectedVersion: 5, hold: false },
        { item: { kind: 'system', id: 'h2:dpi', value: 'isole' }, expectedVersion: 6 },
      ],
    });
    expect((input as { changes: object[] }).changes[1]).not.toHaveProperty('hold');
    expect(await screen.findByText('Enregistré.')).toBeTruthy();
  });

  it('says so when the undo is refused as a conflict', async () => {
    const request = vi.fn<WireRequest>((event) =>
      Promise.resolve(
        event === 'changes:list'
          ? listed([standing])
          : { ok: false, error: { code: 'conflict', message: 'changed', details: { conflicts: [] } } },
      ),
    );
    renderList(request);
    fireEvent.click(await screen.findByRole('button', { name: 'Annuler cette modification' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer' }));
    expect(await screen.findByText('Modifié entre-temps : rien n’a été enregistré.')).toBeTruthy();
  });

  it('says it has nothing, or could not load, rather than an empty list', async () => {
    renderList(vi.fn<WireRequest>(() => Promise.resolve(listed([]))));
    expect(await screen.findByText('Aucune modification de votre part dans cet incident.')).toBeTruthy();
    cleanup();
    renderList(vi.fn<WireRequest>(() => Promise.resolve({ ok: false, error: { code: 'internal', message: 'x' } })));
    expect(await screen.findByText('Vos modifications n’ont pas pu être chargées.')).toBeTruthy();
  });
});
