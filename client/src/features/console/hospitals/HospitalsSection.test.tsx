import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import type { Reply, SessionInfo } from '@vigie/shared';
import { buildEvents, openedData } from '@vigie/shared/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireRequest } from '../../../testing.tsx';
import { buildSituationStore, renderWithStore } from '../../../testing.tsx';
import { HospitalsSection } from './HospitalsSection.tsx';
import { buildGroupRegistry, groupCommander, scopedCommander, withNoChanges } from '../testing.ts';

/** h1's plan blanc triggered at seq 2 (09:01 UTC, 11:01 in Paris). */
const events = () =>
  buildEvents([
    { type: 'incident.opened', data: openedData },
    {
      type: 'value.set',
      data: { item: { kind: 'response-level', id: 'h1', value: 'niveau-2' }, effectiveAt: null, hold: true },
    },
  ]);

function renderSection(session: SessionInfo, request: WireRequest = vi.fn<WireRequest>()) {
  const store = buildSituationStore(events(), { registry: buildGroupRegistry() });
  act(() => store.getState().setSessionInfo(session));
  renderWithStore(<HospitalsSection />, store, withNoChanges(request));
}

const picker = () => screen.getByLabelText<HTMLSelectElement>('Hôpital');

beforeEach(() => window.history.replaceState(null, '', '/console/hopitaux'));
afterEach(cleanup);

describe('HospitalsSection', () => {
  it('offers a scoped commander only the hospitals they cover, grouped by GHU', () => {
    renderSection(scopedCommander);
    const groups = [...picker().querySelectorAll('optgroup')].map((g) => [
      g.label,
      [...g.querySelectorAll('option')].map((o) => o.value),
    ]);
    expect(groups).toEqual([
      ['Centre', ['h1', 'h3', 'h6']],
      ['Hors GHU', ['h2']],
    ]);
    expect(screen.getByText('Seuls les hôpitaux de votre périmètre sont proposés.')).toBeTruthy();
  });

  it('does not open a hospital outside the scope named in the address', () => {
    window.history.replaceState(null, '', '/console/hopitaux?hopital=h4');
    renderSection(scopedCommander);
    expect(picker().value).toBe('h1');
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('Hôpital Un');
  });

  it('keeps the chosen hospital in the address and shows its level, mode, emergency departments and systems', () => {
    window.history.replaceState(null, '', '/console/hopitaux?lang=fr&hopital=h3');
    renderSection(groupCommander);
    expect(picker().value).toBe('h3');
    fireEvent.change(picker(), { target: { value: 'h2' } });
    expect(window.location.search).toBe('?lang=fr&hopital=h2');

    const section = within(screen.getByRole('region', { name: 'Hôpital Deux' }));
    expect(section.getByLabelText('Nouvelle valeur – Deux – Niveau de réponse')).toBeTruthy();
    expect(section.getByLabelText('Nouvelle valeur – Deux – Fonctionnement')).toBeTruthy();
    expect(section.getByLabelText('Nouvelle valeur – Deux – Urgences adultes')).toBeTruthy();
    expect(section.getByText('Non vérifié')).toBeTruthy();
    expect(section.getByLabelText('Nouvelle valeur – Deux – DPI')).toBeTruthy();
    expect(section.getByLabelText('Nouvelle valeur – Deux – Réseau')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Vos dernières modifications' })).toBeTruthy();
  });

  it('shows the plan blanc in force and says that lowering the level lifts it', () => {
    const request = vi.fn<WireRequest>(() =>
      Promise.resolve({ ok: true, data: { commandId: 'c1', seq: 3, written: [] } } satisfies Reply),
    );
    renderSection(groupCommander, request);
    const plan = screen.getByTestId('plan-blanc');
    expect(plan.textContent).toContain('Plan blanc : en vigueur');
    expect(plan.textContent).toContain('déclenchement sam. 11:01 par Alice Martin (console)');

    fireEvent.change(screen.getByLabelText('Nouvelle valeur – Un – Niveau de réponse'), {
      target: { value: 'niveau-1' },
    });
    expect(screen.getByText('Enregistrer vaut levée du plan blanc.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer – Un – Niveau de réponse' }));
    expect(request).toHaveBeenCalledWith('items:set', {
      changes: [{ item: { kind: 'response-level', id: 'h1', value: 'niveau-1' }, expectedVersion: 2 }],
      idempotencyKey: expect.any(String) as string,
    });
  });

  it('says so when the scope covers no hospital', () => {
    renderSection({
      ...scopedCommander,
      scope: { hospitals: ['ailleurs'], ghus: [] },
      abilities: { ...scopedCommander.abilities, hospitals: [] },
    });
    expect(screen.getByText(/Votre périmètre ne couvre aucun hôpital/)).toBeTruthy();
    expect(screen.queryByRole('combobox')).toBeNull();
  });
});
