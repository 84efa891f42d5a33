import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ItemHistory, Reply } from '@vigie/shared';
import { buildActor, buildEvents, buildRegistry, openedData } from '@vigie/shared/testing';
import type { WireRequest } from '../../testing.tsx';
import { HospitalPage } from './HospitalPage.tsx';
import { buildSituationStore, renderWithStore } from '../../testing.tsx';

const bob = buildActor({ id: 'bob', name: 'Bob Durand' });

/** Events one minute apart from 09:00 UTC (11:00 in Paris, Saturday 3 August 2024). */
function events() {
  const [opened, mode, blanc, lifted, diverted] = buildEvents([
    { type: 'incident.opened', data: openedData },
    {
      type: 'value.set',
      data: {
        item: { kind: 'operating-mode', id: 'h1', value: 'procedures-degradees' },
        effectiveAt: '2024-08-03T09:02:00.000Z',
        hold: true,
      },
    },
    {
      type: 'value.set',
      data: { item: { kind: 'response-level', id: 'h1', value: 'niveau-2' }, effectiveAt: null, hold: true },
    },
    {
      type: 'value.set',
      data: { item: { kind: 'response-level', id: 'h1', value: 'niveau-1' }, effectiveAt: null, hold: true },
    },
    {
      type: 'value.set',
      data: {
        item: {
          kind: 'emergency',
          id: 'h1-adulte',
          value: {
            status: 'delestage',
            targetSiteId: 'h2',
            nextReviewAt: '2024-08-03T12:00:00.000Z',
            note: 'urgences vitales maintenues',
          },
        },
        effectiveAt: null,
        hold: true,
      },
    },
  ]);
  return [opened!, mode!, blanc!, { ...lifted!, by: bob }, diverted!];
}

function renderPage(hospitalId: string, options: { lang?: 'fr' | 'en'; request?: WireRequest } = {}) {
  const registry = buildRegistry();
  const closedSite = { ...registry.hospitals[0]!.sites[0]!, id: 'h1-annexe', name: 'Annexe', closed: 'depuis 2022' };
  const withAnnex = buildRegistry({
    hospitals: [
      { ...registry.hospitals[0]!, sites: [...registry.hospitals[0]!.sites, closedSite] },
      registry.hospitals[1]!,
    ],
  });
  const store = buildSituationStore(events(), { registry: withAnnex, lang: options.lang ?? 'fr' });
  return renderWithStore(<HospitalPage hospitalId={hospitalId} />, store, options.request);
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});
beforeEach(() => {
  // 18:42 UTC, 20:42 in Paris: 9 h 40 min after the hospital left normal at 11:02 Paris time.
  vi.useFakeTimers({ now: new Date('2024-08-03T18:42:00.000Z'), toFake: ['Date'] });
});

describe('HospitalPage', () => {
  it('says since when the hospital is in degraded mode, in Europe/Paris time whatever the process’s zone', () => {
    renderPage('h1');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Hôpital Un');
    // 09:02 UTC is 11:02 in Paris in August.
    expect(screen.getByTestId('degraded-since').textContent).toBe('en mode dégradé depuis sam. 11:02 (9 h 40 min)');
    expect(screen.getByText('Procédures dégradées (papier)')).toBeTruthy();
  });

  it('shows the plan blanc’s déclenchement and levée with who and when', () => {
    renderPage('h1');
    const plan = screen.getByTestId('plan-blanc');
    expect(plan.textContent).toContain('levé');
    expect(plan.textContent).toContain('déclenchement sam. 11:02 par Alice Martin (console)');
    expect(plan.textContent).toContain('levée sam. 11:03 par Bob Durand (console)');
  });

  it('shows the response level with who set it, and each system with its provenance', () => {
    renderPage('h1');
    const level = document.querySelector<HTMLElement>('[data-item="response-level/h1"]')!;
    expect(level.textContent).toContain('Niveau 1 – Plan de mobilisation interne');
    expect(level.textContent).toContain('mis à jour sam. 11:03 par Bob Durand (console)');
    expect(level.textContent).toContain('valeur tenue par Bob Durand');
    const dpi = document.querySelector<HTMLElement>('[data-item="system/h1:dpi"]')!;
    // Nobody reported on it: the registry's default reads "non renseigné", never "opérationnel".
    expect(dpi.textContent).toContain('? Non renseigné');
    expect(dpi.textContent).not.toContain('Opérationnel');
    expect(dpi.textContent).toContain('valeur initiale du registre');
    expect(within(dpi).getByRole('link', { name: 'DPI' }).getAttribute('href')).toBe('/systeme/dpi');
  });

  it('shows sites, closed ones said in words, and emergency departments with délestage target and next review', () => {
    renderPage('h1');
    const annex = screen.getByText('Annexe').closest('li')!;
    expect(annex.textContent).toContain('fermé');
    const emergency = document.querySelector<HTMLElement>('[data-item="emergency/h1-adulte"]')!;
    expect(emergency.textContent).toContain('Urgences adultes');
    expect(emergency.textContent).toContain('Délestage vers Site h2');
    expect(emergency.textContent).toContain('prochaine réévaluation à 14:00');
    expect(emergency.textContent).toContain('urgences vitales maintenues');
  });

  it('says "non vérifié" for an emergency department nobody confirmed', () => {
    renderPage('h2');
    const emergency = document.querySelector<HTMLElement>('[data-item="emergency/h2-adulte"]')!;
    expect(emergency.textContent).toContain('Non vérifié');
    expect(emergency.textContent).toContain('Non renseigné');
  });

  it('says clearly when the hospital is unknown, with the way back', () => {
    renderPage('nowhere');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('Hôpital inconnu');
    expect(screen.getByRole('link', { name: /Retour/ }).getAttribute('href')).toBe('/');
  });

  it('loads an item’s history on demand and pages back with "Plus"', async () => {
    const entry = (seq: number, value: string) => ({
      seq,
      type: 'value.set' as const,
      value,
      by: buildActor(),
      recordedAt: new Date(Date.parse('2024-08-03T09:00:00.000Z') + (seq - 1) * 60_000).toISOString(),
      effectiveAt: null,
    });
    const pages: Record<string, ItemHistory> = {
      first: { entries: [entry(4, 'niveau-1'), entry(3, 'niveau-2')], before: 3 },
      second: { entries: [entry(2, 'gestion-courante')], before: null },
    };
    const request = vi.fn<WireRequest>((_event, input) =>
      Promise.resolve<Reply>({
        ok: true,
        data: (input as { before?: number }).before === undefined ? pages.first : pages.second,
      }),
    );
    renderPage('h1', { request });
    // The timeline asks for every written item's writes on arrival; the disclosure asks only once opened.
    const onArrival = request.mock.calls.length;
    const level = document.querySelector<HTMLElement>('[data-item="response-level/h1"]')!;
    const toggle = within(level).getByRole('button', { name: /Historique/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(request).toHaveBeenCalledTimes(onArrival + 1);
    expect(request).toHaveBeenLastCalledWith('history:item', { item: { kind: 'response-level', id: 'h1' }, limit: 50 });
    const list = await within(level).findByRole('list', { name: /historique : Niveau de réponse/ });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringContaining('sam. 11:03') as string,
      expect.stringContaining('Niveau 2 – Plan blanc') as string,
    ]);

    fireEvent.click(within(level).getByRole('button', { name: /Plus/ }));
    expect(request).toHaveBeenLastCalledWith('history:item', {
      item: { kind: 'response-level', id: 'h1' },
      limit: 50,
      before: 3,
    });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    expect(within(list).getAllByRole('listitem')[2]!.textContent).toContain('Gestion courante');
    await waitFor(() => expect(within(level).queryByRole('button', { name: /Plus/ })).toBeNull());
    expect(within(level).getByText('Début de l’historique.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(list));
  });

  it('says so when the history cannot be read, and offers to try again', async () => {
    const request = vi.fn<WireRequest>(() =>
      Promise.resolve<Reply>({ ok: false, error: { code: 'forbidden', message: 'no' } }),
    );
    renderPage('h1', { request });
    const onArrival = request.mock.calls.length; // the timeline's
    const mode = document.querySelector<HTMLElement>('[data-item="operating-mode/h1"]')!;
    fireEvent.click(within(mode).getByRole('button', { name: /Historique/ }));
    expect(await within(mode).findByText('Historique indisponible : accès non autorisé.')).toBeTruthy();
    fireEvent.click(within(mode).getByRole('button', { name: 'Réessayer' }));
    expect(request).toHaveBeenCalledTimes(onArrival + 2);
    await act(() => Promise.resolve());
  });

  it('speaks English on request', () => {
    renderPage('h1', { lang: 'en' });
    expect(screen.getByTestId('degraded-since').textContent).toBe('in degraded mode since Sat 11:02 (9 h 40 min)');
    expect(screen.getByTestId('plan-blanc').textContent).toContain('triggered Sat 11:02 by Alice Martin (console)');
  });
});
