import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ItemWrite, LogEvent, Reply } from '@vigie/shared';
import { buildActor, buildEvents, openedData } from '@vigie/shared/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WireRequest } from '../../../testing.tsx';
import { buildSituationStore, renderWithStore } from '../../../testing.tsx';
import type { VigieStore } from '../../../store/vigieStore.ts';
import { buildGroupRegistry, scopedCommander, withNoChanges } from '../testing.ts';
import { BulkSection } from './BulkSection.tsx';

const registry = buildGroupRegistry();
const bob = buildActor({ id: 'bob', name: 'Bob Durand' });
const set = (item: ItemWrite) => ({ type: 'value.set' as const, data: { item, effectiveAt: null, hold: true } });

/** h1's DPI is "dégradé" (seq 2), h3's already "indisponible" (seq 3). */
const baseEvents = () =>
  buildEvents([
    { type: 'incident.opened', data: openedData },
    set({ kind: 'system', id: 'h1:dpi', value: 'degrade' }),
    set({ kind: 'system', id: 'h3:dpi', value: 'indisponible' }),
  ]);

function renderBulk(request: WireRequest) {
  const store = buildSituationStore(baseEvents(), { registry });
  act(() => store.getState().setSessionInfo(scopedCommander));
  renderWithStore(<BulkSection />, store, withNoChanges(request));
  return store;
}

/** Bob writes `item` at seq 4. */
function bobWrites(store: VigieStore, item: ItemWrite) {
  const later = buildEvents([set(item)], { firstSeq: 4, by: bob, start: '2024-08-03T09:10:00.000Z' });
  const events: LogEvent[] = [...baseEvents(), ...later];
  act(() => store.getState().setSync(buildSituationStore(events, { registry }).getState().sync));
}

const previewRows = () =>
  [...document.querySelectorAll<HTMLElement>('[data-preview="bulk"] tbody tr')].map((tr) =>
    tr.getAttribute('data-item'),
  );

/** DPI across the Centre GHU, to "indisponible". */
function chooseDpiAcrossCentre() {
  fireEvent.click(screen.getByLabelText('Les hôpitaux d’un GHU'));
  expect(screen.getByLabelText<HTMLSelectElement>('GHU').value).toBe('centre');
  expect(screen.getByLabelText<HTMLSelectElement>('Système').value).toBe('dpi');
  fireEvent.change(screen.getByLabelText('Nouvel état'), { target: { value: 'indisponible' } });
}

afterEach(cleanup);

describe('BulkSection', () => {
  it('changes one system across a GHU: only the hospitals covered, items already at the value left out, one command once confirmed', async () => {
    const request = vi.fn<WireRequest>(() =>
      Promise.resolve({
        ok: true,
        data: {
          commandId: 'c1',
          seq: 4,
          written: [
            { kind: 'system', id: 'h1:dpi', version: 4 },
            { kind: 'system', id: 'h6:dpi', version: 5 },
          ],
        },
      } satisfies Reply),
    );
    renderBulk(request);
    chooseDpiAcrossCentre();

    // h3 is already unavailable, h5 is outside the scope, h4 is in another GHU.
    expect(previewRows()).toEqual(['system/h1:dpi', 'system/h6:dpi']);
    const preview = document.querySelector<HTMLElement>('[data-preview="bulk"]')!;
    expect(preview.textContent).toContain('2 élément(s) changeront ; 1 déjà à cet état, laissé(s) de côté.');
    const h1 = preview.querySelector<HTMLElement>('[data-item="system/h1:dpi"]')!;
    expect(h1.textContent).toContain('Dégradé');
    expect(h1.textContent).toContain('par Alice Martin (console)');
    expect(h1.textContent).toContain('Indisponible');

    fireEvent.click(screen.getByRole('button', { name: 'Appliquer à 2 éléments' }));
    expect(request).not.toHaveBeenCalled();
    expect(screen.getByText('Appliquer à 2 éléments ?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer' }));

    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith('items:set', {
      changes: [
        { item: { kind: 'system', id: 'h1:dpi', value: 'indisponible' }, expectedVersion: 2 },
        { item: { kind: 'system', id: 'h6:dpi', value: 'indisponible' }, expectedVersion: 0 },
      ],
      idempotencyKey: expect.any(String) as string,
    });
    expect(await screen.findByText('Enregistré.')).toBeTruthy();
    // Done: a fresh choice of status, where the focus goes.
    const status = screen.getByLabelText<HTMLSelectElement>('Nouvel état');
    await waitFor(() => expect(document.activeElement).toBe(status));
    expect(status.value).toBe('');
  });

  it('flags an item changed after the preview and still sends the versions seen, so the server refuses the whole change', async () => {
    const request = vi.fn<WireRequest>(() =>
      Promise.resolve({
        ok: false,
        error: {
          code: 'conflict',
          message: '1 item(s) changed',
          details: {
            conflicts: [
              {
                item: { kind: 'system', id: 'h6:dpi' },
                current: {
                  value: 'degrade',
                  version: 4,
                  by: bob,
                  recordedAt: '2024-08-03T09:10:00.000Z',
                  effectiveAt: null,
                  heldBy: bob,
                },
              },
            ],
          },
        },
      } satisfies Reply),
    );
    const store = renderBulk(request);
    chooseDpiAcrossCentre();
    bobWrites(store, { kind: 'system', id: 'h6:dpi', value: 'degrade' });

    expect(screen.getByRole('alert').textContent).toContain('1 élément(s) ont changé depuis l’aperçu');
    expect(document.querySelector('[data-item="system/h6:dpi"]')?.textContent).toContain('modifié depuis l’aperçu');
    fireEvent.click(screen.getByRole('button', { name: 'Appliquer à 2 éléments' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer' }));
    expect(request.mock.calls[0]?.[1]).toMatchObject({
      changes: [{ expectedVersion: 2 }, { item: { id: 'h6:dpi' }, expectedVersion: 0 }],
    });

    const refused = await screen.findByText('Modifié entre-temps : rien n’a été enregistré.');
    expect(refused.closest('[data-error="conflict"]')?.textContent).toContain('Six – DPI : Dégradé');
    expect(refused.closest('[data-error="conflict"]')?.textContent).toContain('par Bob Durand (console)');

    fireEvent.click(screen.getByRole('button', { name: 'Actualiser l’aperçu' }));
    expect(document.querySelector('[data-item="system/h6:dpi"]')?.textContent).not.toContain('modifié depuis');
    expect(screen.getByRole('button', { name: 'Appliquer à 2 éléments' })).toBeTruthy();
  });

  it('disables the choices while the change is in flight, and a late reply keeps a status chosen since', async () => {
    let answer: (reply: Reply) => void = () => undefined;
    const request = vi.fn<WireRequest>(() => new Promise<Reply>((resolve) => (answer = resolve)));
    renderBulk(request);
    chooseDpiAcrossCentre();
    fireEvent.click(screen.getByRole('button', { name: 'Appliquer à 2 éléments' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer' }));
    expect(request).toHaveBeenCalledTimes(1);
    const status = screen.getByLabelText<HTMLSelectElement>('Nouvel état');
    expect(status.closest('fieldset.bulk-form')).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Appliquer à 2 éléments' })).toHaveProperty('disabled', true);

    // A status chosen anyway (the select is disabled in a browser) is not cleared by the late reply.
    fireEvent.change(status, { target: { value: 'isole' } });
    await act(async () => {
      answer({ ok: true, data: { commandId: 'c1', seq: 4, written: [] } });
      await request.mock.results[0]?.value;
    });
    expect(screen.getByText('Enregistré.')).toBeTruthy();
    expect(status.value).toBe('isole');
    expect(status.closest('fieldset.bulk-form')).toHaveProperty('disabled', false);
    expect(document.activeElement).not.toBe(status);
  });

  it('offers a scoped commander only the hospitals and GHU they cover', () => {
    renderBulk(vi.fn<WireRequest>());
    expect(screen.getByLabelText('Tous les hôpitaux de mon périmètre (4)')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Les hôpitaux d’un GHU'));
    const ghus = [...screen.getByLabelText<HTMLSelectElement>('GHU').options].map((o) => o.value);
    expect(ghus).toEqual(['centre']);

    fireEvent.click(screen.getByLabelText('Une sélection d’hôpitaux'));
    const boxes = within(screen.getByRole('group', { name: 'Hôpitaux choisis' })).getAllByRole('checkbox');
    expect(boxes.map((b) => b.closest('label')?.textContent)).toEqual([
      'Hôpital Un',
      'Hôpital Trois',
      'Hôpital Six',
      'Hôpital Deux',
    ]);

    fireEvent.click(screen.getByLabelText('Tous les systèmes d’un hôpital ou d’un GHU'));
    const hospitals = [...screen.getByLabelText<HTMLSelectElement>('Hôpital').options].map((o) => o.value);
    expect(hospitals).toEqual(['h1', 'h3', 'h6', 'h2']);
  });

  it('changes every system of one hospital, from the chosen hospitals only', () => {
    renderBulk(vi.fn<WireRequest>());
    fireEvent.click(screen.getByLabelText('Une sélection d’hôpitaux'));
    fireEvent.change(screen.getByLabelText('Nouvel état'), { target: { value: 'isole' } });
    expect(screen.getByText('Aucun hôpital choisi.')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Hôpital Deux'));
    expect(previewRows()).toEqual(['system/h2:dpi']);

    fireEvent.click(screen.getByLabelText('Tous les systèmes d’un hôpital ou d’un GHU'));
    fireEvent.change(screen.getByLabelText('Hôpital'), { target: { value: 'h3' } });
    expect(previewRows()).toEqual(['system/h3:dpi', 'system/h3:reseau']);
  });
});
