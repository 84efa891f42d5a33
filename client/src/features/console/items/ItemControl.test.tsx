import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { ItemRef, ItemWrite, LogEvent, Reply } from '@vigie/shared';
import { buildActor, buildEvents, openedData } from '@vigie/shared/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WireRequest } from '../../../testing.tsx';
import { buildSituationStore, renderWithStore } from '../../../testing.tsx';
import type { VigieStore } from '../../../store/vigieStore.ts';
import { ItemControl } from './ItemControl.tsx';

const bob = buildActor({ id: 'bob', name: 'Bob Durand' });
const set = (item: ItemWrite) => ({ type: 'value.set' as const, data: { item, effectiveAt: null, hold: true } });

/** Opened at seq 1; Alice sets h1's DPI to "dégradé" at seq 2 (10:01 UTC, 11:01 in Paris). */
const baseEvents = () =>
  buildEvents([{ type: 'incident.opened', data: openedData }, set({ kind: 'system', id: 'h1:dpi', value: 'degrade' })]);

/** The copy moves on: Bob writes `items` from seq 3, one a minute from 09:05 UTC (11:05 in Paris). */
function bobWrites(store: VigieStore, ...items: ItemWrite[]) {
  const later = buildEvents(items.map(set), { firstSeq: 3, by: bob, start: '2024-08-03T09:05:00.000Z' });
  const events: LogEvent[] = [...baseEvents(), ...later];
  act(() => store.getState().setSync(buildSituationStore(events).getState().sync));
}

function renderControl(item: ItemRef, request: WireRequest, editable = true) {
  const store = buildSituationStore(baseEvents());
  renderWithStore(<ItemControl item={item} editable={editable} />, store, request);
  return store;
}

const saved: Reply = { ok: true, data: { commandId: 'c1', seq: 3, written: [] } };
const writtenAt3: Reply = {
  ok: true,
  data: { commandId: 'c1', seq: 3, written: [{ kind: 'system', id: 'h1:dpi', version: 3 }] },
};

/** A request whose reply comes only when the test answers it. */
function pendingRequest() {
  let answer: (reply: Reply) => void = () => undefined;
  let pending: Promise<Reply> = Promise.resolve(saved);
  const request = vi.fn<WireRequest>(() => (pending = new Promise<Reply>((resolve) => (answer = resolve))));
  const reply = (r: Reply) =>
    act(async () => {
      answer(r);
      await pending;
    });
  return { request, answer: reply };
}
const dpi: ItemRef = { kind: 'system', id: 'h1:dpi' };

afterEach(cleanup);

describe('ItemControl', () => {
  it('sends items:set with the version it saw and shows who changed the item when the reply is a conflict', async () => {
    const request = vi.fn<WireRequest>(() =>
      Promise.resolve({
        ok: false,
        error: {
          code: 'conflict',
          message: '1 item(s) changed',
          details: {
            conflicts: [
              {
                item: dpi,
                current: {
                  value: 'indisponible',
                  version: 3,
                  by: bob,
                  recordedAt: '2024-08-03T09:05:00.000Z',
                  effectiveAt: null,
                  heldBy: bob,
                },
              },
            ],
          },
        },
      }),
    );
    renderControl(dpi, request);
    const control = document.querySelector<HTMLElement>('[data-item="system/h1:dpi"]')!;
    expect(control.textContent).toContain('Dégradé');
    expect(control.textContent).toContain('par Alice Martin (console)');

    fireEvent.change(screen.getByLabelText('Nouvelle valeur – Un – DPI'), { target: { value: 'isole' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer – Un – DPI' }));

    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith('items:set', {
      changes: [{ item: { kind: 'system', id: 'h1:dpi', value: 'isole' }, expectedVersion: 2 }],
      idempotencyKey: expect.any(String) as string,
    });
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-error')).toBe('conflict');
    expect(alert.textContent).toContain('Modifié entre-temps : rien n’a été enregistré.');
    expect(alert.textContent).toContain('Un – DPI');
    expect(alert.textContent).toContain('Indisponible');
    expect(alert.textContent).toContain('par Bob Durand (console)');
  });

  it('says when the item changes while the person edits, still writes against the version seen, and can start again', async () => {
    const request = vi.fn<WireRequest>(() => Promise.resolve(saved));
    const store = renderControl(dpi, request);
    const select = screen.getByLabelText<HTMLSelectElement>('Nouvelle valeur – Un – DPI');
    fireEvent.change(select, { target: { value: 'isole' } });

    bobWrites(store, { kind: 'system', id: 'h1:dpi', value: 'indisponible' });

    const notice = screen.getByRole('alert');
    expect(notice.textContent).toContain('Modifié entre-temps par Bob Durand (console), sam. 11:05');
    expect(notice.textContent).toContain('désormais « Indisponible »');
    expect(select.value).toBe('isole');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer – Un – DPI' }));
    expect(request.mock.calls[0]?.[1]).toMatchObject({ changes: [{ expectedVersion: 2 }] });
    await waitFor(() => expect(screen.queryByRole('status')?.textContent).toBe('Enregistré.'));

    fireEvent.change(select, { target: { value: 'operationnel' } });
    expect(screen.queryByRole('alert')).toBeNull();
    bobWrites(
      store,
      { kind: 'system', id: 'h1:dpi', value: 'indisponible' },
      { kind: 'system', id: 'h1:dpi', value: 'degrade' },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Repartir de la valeur actuelle – Un – DPI' }));
    expect(select.value).toBe('degrade');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps the saved value on screen until the copy shows the write, without calling it a change made meanwhile', async () => {
    const request = vi.fn<WireRequest>(() =>
      Promise.resolve({
        ok: true,
        data: { commandId: 'c1', seq: 3, written: [{ kind: 'system', id: 'h1:dpi', version: 3 }] },
      } satisfies Reply),
    );
    const store = renderControl(dpi, request);
    const select = screen.getByLabelText<HTMLSelectElement>('Nouvelle valeur – Un – DPI');
    fireEvent.change(select, { target: { value: 'isole' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer – Un – DPI' }));
    await screen.findByText('Enregistré.');
    expect(select.value).toBe('isole');
    expect(screen.getByRole('button', { name: 'Enregistrer – Un – DPI' }).getAttribute('aria-disabled')).toBe('true');

    bobWrites(store, { kind: 'system', id: 'h1:dpi', value: 'isole' });
    expect(select.value).toBe('isole');
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.change(select, { target: { value: 'degrade' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer – Un – DPI' }));
    expect(request.mock.calls[1]?.[1]).toMatchObject({ changes: [{ expectedVersion: 3 }] });
  });

  it('disables the fields while a save is in flight, and its reply never overwrites a choice made since', async () => {
    const { request, answer } = pendingRequest();
    renderControl(dpi, request);
    const select = screen.getByLabelText<HTMLSelectElement>('Nouvelle valeur – Un – DPI');
    fireEvent.change(select, { target: { value: 'isole' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer – Un – DPI' }));
    expect(request).toHaveBeenCalledTimes(1);
    expect(select.closest('fieldset')?.disabled).toBe(true);
    expect(screen.getByLabelText('Nouvelle valeur – Un – DPI')).toBe(select);

    // A change that gets through anyway (the field is disabled in a browser) outlives the late reply.
    fireEvent.change(select, { target: { value: 'indisponible' } });
    await answer(writtenAt3);
    expect(select.closest('fieldset')?.disabled).toBe(false);
    expect(select.value).toBe('indisponible');
    expect(screen.getByRole('button', { name: 'Enregistrer – Un – DPI' }).getAttribute('aria-disabled')).toBe('false');
    expect(screen.getByRole('button', { name: 'Abandonner la saisie' })).toBeTruthy();
  });

  it('sends one save and one release on a double press', async () => {
    const { request, answer } = pendingRequest();
    renderControl(dpi, request);
    const release = screen.getByRole('button', { name: 'Rendre à l’automatique – Un – DPI' });
    fireEvent.click(release);
    fireEvent.click(release);
    expect(request).toHaveBeenCalledTimes(1);
    expect(release.getAttribute('aria-disabled')).toBe('true');
    await answer(saved);
    expect(release.getAttribute('aria-disabled')).toBe('false');

    fireEvent.change(screen.getByLabelText('Nouvelle valeur – Un – DPI'), { target: { value: 'isole' } });
    const save = screen.getByRole('button', { name: 'Enregistrer – Un – DPI' });
    fireEvent.click(save);
    fireEvent.click(save);
    expect(request.mock.calls.map(([name]) => name)).toEqual(['item:release', 'items:set']);
    await answer(writtenAt3);
  });

  it('asks for the target site of a délestage and sends the re-evaluation time in Paris time as an instant', () => {
    const request = vi.fn<WireRequest>(() => Promise.resolve(saved));
    renderControl({ kind: 'emergency', id: 'h1-adulte' }, request);
    const name = 'Un – Urgences adultes';

    fireEvent.change(screen.getByLabelText(`Nouvelle valeur – ${name}`), { target: { value: 'delestage' } });
    expect(screen.getByText('Choisissez le site vers lequel délester.')).toBeTruthy();
    const save = screen.getByRole('button', { name: `Enregistrer – ${name}` });
    expect(save.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(save);
    expect(request).not.toHaveBeenCalled();

    const target = screen.getByLabelText<HTMLSelectElement>(`Délester vers (site ouvert) – ${name}`);
    // Its own site is not offered.
    expect([...target.options].map((o) => o.value)).toEqual(['', 'h2']);
    fireEvent.change(target, { target: { value: 'h2' } });
    fireEvent.change(screen.getByLabelText(`Prochaine réévaluation (heure de Paris) – ${name}`), {
      target: { value: '2024-08-03T14:00' },
    });
    fireEvent.change(screen.getByLabelText(`Note – ${name}`), { target: { value: ' vitales maintenues ' } });
    fireEvent.click(save);

    expect(request).toHaveBeenCalledWith('items:set', {
      changes: [
        {
          item: {
            kind: 'emergency',
            id: 'h1-adulte',
            value: {
              status: 'delestage',
              targetSiteId: 'h2',
              nextReviewAt: '2024-08-03T12:00:00.000Z',
              note: 'vitales maintenues',
            },
          },
          expectedVersion: 0,
        },
      ],
      idempotencyKey: expect.any(String) as string,
    });
  });

  it('hands a value a person holds back to automation, against the version on screen', () => {
    const request = vi.fn<WireRequest>(() => Promise.resolve(saved));
    renderControl(dpi, request);
    expect(screen.getByText(/valeur tenue par Alice Martin/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Rendre à l’automatique – Un – DPI' }));
    expect(request).toHaveBeenCalledWith('item:release', {
      item: dpi,
      expectedVersion: 2,
      idempotencyKey: expect.any(String) as string,
    });
  });

  it('shows value and provenance only when the person may not write the item', () => {
    renderControl(dpi, vi.fn<WireRequest>(), false);
    expect(document.querySelector('[data-item="system/h1:dpi"]')?.textContent).toContain('Dégradé');
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
