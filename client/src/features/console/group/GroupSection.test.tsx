import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import type { LogEvent, Reply, SessionInfo } from '@vigie/shared';
import { buildEvents, openedData } from '@vigie/shared/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WireRequest } from '../../../testing.tsx';
import { buildSituationStore, renderWithStore } from '../../../testing.tsx';
import { groupCommander, scopedCommander } from '../testing.ts';
import { GroupSection } from './GroupSection.tsx';

const opened = () => buildEvents([{ type: 'incident.opened', data: openedData }]);

function renderGroup(session: SessionInfo, request: WireRequest = vi.fn<WireRequest>(), events: LogEvent[] = opened()) {
  const store = buildSituationStore(events);
  act(() => store.getState().setSessionInfo(session));
  renderWithStore(<GroupSection />, store, request);
}

const validatedOption = (label: string) =>
  [...screen.getByLabelText<HTMLSelectElement>(`Nouvelle valeur – ${label}`).options].find(
    (o) => o.value === 'validee',
  )!;

afterEach(cleanup);

describe('GroupSection', () => {
  it('is read-only for a commander with a scope: values and provenance, no control', () => {
    renderGroup(scopedCommander);
    expect(screen.getByText(/Lecture seule : les SAMU et les étapes de rétablissement/)).toBeTruthy();
    const samu = document.querySelector<HTMLElement>('[data-item="samu/samu-75"]')!;
    expect(samu.textContent).toContain('SAMU de Paris');
    expect(samu.textContent).toContain('Opérationnel');
    expect(samu.textContent).toContain('Hébergé sur le site Site h1 (Un)');
    expect(samu.textContent).toContain('valeur initiale du registre');
    expect(document.querySelector('[data-item="stage/reseau"]')?.textContent).toContain('À venir');
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('lets a group commander set a SAMU’s status', () => {
    const request = vi.fn<WireRequest>(() =>
      Promise.resolve({ ok: true, data: { commandId: 'c1', seq: 2, written: [] } } satisfies Reply),
    );
    renderGroup(groupCommander, request);
    expect(screen.queryByText(/Lecture seule/)).toBeNull();
    fireEvent.change(screen.getByLabelText('Nouvelle valeur – SAMU de Paris'), { target: { value: 'degrade' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer – SAMU de Paris' }));
    expect(request).toHaveBeenCalledWith('items:set', {
      changes: [{ item: { kind: 'samu', id: 'samu-75', value: 'degrade' }, expectedVersion: 0 }],
      idempotencyKey: expect.any(String) as string,
    });
  });

  it('lists the recovery stages in order and offers "validée" only once every earlier stage is', () => {
    renderGroup(groupCommander);
    const names = [...document.querySelectorAll('[data-item^="stage/"] .item-control__name')].map((n) => n.textContent);
    expect(names).toEqual([
      '1. Réseau',
      '2. Messagerie et téléphonie',
      '3. Applications médicales',
      '4. Applications administratives',
    ]);
    expect(validatedOption('Étape – Réseau').disabled).toBe(false);
    expect(validatedOption('Étape – Messagerie et téléphonie').disabled).toBe(true);
    expect(screen.getByText('Ne peut être validée qu’après : Réseau.')).toBeTruthy();
    cleanup();

    renderGroup(
      groupCommander,
      vi.fn<WireRequest>(),
      buildEvents([
        { type: 'incident.opened', data: openedData },
        {
          type: 'value.set',
          data: { item: { kind: 'stage', id: 'reseau', value: 'validee' }, effectiveAt: null, hold: true },
        },
      ]),
    );
    expect(validatedOption('Étape – Messagerie et téléphonie').disabled).toBe(false);
    expect(validatedOption('Étape – Applications médicales').disabled).toBe(true);
  });
});
