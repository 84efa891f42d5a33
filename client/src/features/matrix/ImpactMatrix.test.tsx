import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemStatuses, type SystemStatus } from '@vigie/shared';
import { buildEvents, buildRegistry, openedData } from '@vigie/shared/testing';
import { buildSituationStore, renderWithStore } from '../../testing.tsx';
import { ImpactMatrix } from './ImpactMatrix.tsx';

afterEach(cleanup);
beforeEach(() => window.history.replaceState(null, '', '/'));

/** Three hospitals: Un (GHU centre, 2 systems out of service), Trois (GHU nord, 1), Deux (no GHU, 0). */
function renderMatrix(lang: 'fr' | 'en' = 'fr') {
  const base = buildRegistry();
  const [h1, h2] = base.hospitals;
  const registry = buildRegistry({
    ghus: [...base.ghus, { id: 'nord', label: 'AP-HP. Nord' }],
    hospitals: [
      h1!,
      h2!,
      {
        ...h1!,
        id: 'h3',
        name: 'Hôpital Trois',
        shortName: 'Trois',
        ghuId: 'nord',
        sites: [{ ...h1!.sites[0]!, id: 'h3' }],
      },
    ],
  });
  const system = (id: string, value: SystemStatus) => ({
    type: 'value.set' as const,
    data: { item: { kind: 'system' as const, id, value }, effectiveAt: null, hold: true },
  });
  const events = buildEvents([
    { type: 'incident.opened', data: openedData },
    system('h1:dpi', 'indisponible'),
    system('h1:reseau', 'isole'),
    system('h3:dpi', 'indisponible'),
    system('h2:reseau', 'degrade'),
  ]);
  renderWithStore(<ImpactMatrix />, buildSituationStore(events, { registry, lang }));
}

const rowOrder = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.getAttribute('data-hospital'));
const header = (name: RegExp) => screen.getByRole('button', { name }).closest('th')!;

describe('ImpactMatrix', () => {
  it('is a table of hospitals × systems, sorted by GHU at first, with sortable headers saying their order', () => {
    renderMatrix();
    expect(rowOrder()).toEqual(['h1', 'h3', 'h2']);
    expect(header(/^GHU/).getAttribute('aria-sort')).toBe('ascending');
    expect(header(/^Hôpital/).getAttribute('aria-sort')).toBe('none');
    const columns = screen.getAllByRole('columnheader').map((th) => th.textContent);
    expect(columns.slice(3)).toEqual(['DPI', 'Réseau']);
    expect(screen.getAllByRole('rowheader').map((th) => th.textContent)).toEqual(['Un', 'Trois', 'Deux']);
  });

  it('sorts by hospital name, both ways, and by number of systems out of service, worst first', () => {
    renderMatrix();
    fireEvent.click(screen.getByRole('button', { name: /^Hôpital/ }));
    expect(rowOrder()).toEqual(['h2', 'h3', 'h1']);
    expect(header(/^Hôpital/).getAttribute('aria-sort')).toBe('ascending');
    expect(header(/^GHU/).getAttribute('aria-sort')).toBe('none');
    fireEvent.click(screen.getByRole('button', { name: /^Hôpital/ }));
    expect(rowOrder()).toEqual(['h1', 'h3', 'h2']);
    expect(header(/^Hôpital/).getAttribute('aria-sort')).toBe('descending');

    fireEvent.click(screen.getByRole('button', { name: /^Hors service/ }));
    expect(rowOrder()).toEqual(['h1', 'h3', 'h2']);
    expect(header(/^Hors service/).getAttribute('aria-sort')).toBe('descending');
    expect(screen.getAllByRole('row').map((r) => r.querySelector('.matrix__down')?.textContent ?? null)).toEqual([
      null,
      '2',
      '1',
      '0',
    ]);
    fireEvent.click(screen.getByRole('button', { name: /^Hors service/ }));
    expect(rowOrder()).toEqual(['h2', 'h3', 'h1']);
  });

  it('filters by GHU, including the hospitals outside any', () => {
    renderMatrix();
    fireEvent.change(screen.getByLabelText('GHU'), { target: { value: 'nord' } });
    expect(rowOrder()).toEqual(['h3']);
    fireEvent.change(screen.getByLabelText('GHU'), { target: { value: '-' } });
    expect(rowOrder()).toEqual(['h2']);
    fireEvent.change(screen.getByLabelText('GHU'), { target: { value: '' } });
    expect(rowOrder()).toEqual(['h1', 'h3', 'h2']);
  });

  it('filters by recovery stage, keeping only that stage’s systems and counting only them', () => {
    renderMatrix();
    fireEvent.change(screen.getByLabelText('Étape de rétablissement'), { target: { value: 'reseau' } });
    const columns = screen.getAllByRole('columnheader').map((th) => th.textContent);
    expect(columns.slice(3)).toEqual(['Réseau']);
    expect(document.querySelectorAll('td[data-cell]')).toHaveLength(3);
    expect(document.querySelector('tr[data-hospital="h3"] .matrix__down')?.textContent).toBe('0');
    expect(screen.getByRole('status').textContent).toContain('3 hôpitaux × 1 systèmes');
  });

  it('gives every cell its status in words, its icon, and who set it, when and from which source', () => {
    renderMatrix();
    const cells = [...document.querySelectorAll<HTMLElement>('td[data-cell]')];
    expect(cells).toHaveLength(6);
    for (const cell of cells) {
      const status = cell.dataset.status as SystemStatus | 'non-renseigne';
      // A registry default reads "non renseigné", in the unknown tone: nobody confirmed it.
      expect(cell.textContent).toContain(
        status === 'non-renseigne' ? 'Non renseigné' : systemStatuses.label(status, 'fr'),
      );
      expect(cell.querySelector('[aria-hidden="true"]')?.textContent).toBeTruthy();
    }
    const down = document.querySelector<HTMLElement>('td[data-cell="h1:dpi"]')!;
    expect(down.dataset.tone).toBe('down');
    expect(down.textContent).toContain('Indisponible');
    // 09:01 UTC is 11:01 in Paris in August.
    expect(down.textContent).toContain('mis à jour sam. 11:01 par Alice Martin (console)');
    const initial = document.querySelector<HTMLElement>('td[data-cell="h2:dpi"]')!;
    expect(initial.textContent).toContain('valeur initiale du registre');
    expect(initial.dataset.tone).toBe('unknown');
  });

  it('moves between cells with the arrow keys as one tab stop, and opens the hospital with Enter', () => {
    renderMatrix();
    const cell = (key: string) => document.querySelector<HTMLElement>(`td[data-cell="${key}"]`)!;
    expect(cell('h1:dpi').tabIndex).toBe(0);
    expect(cell('h1:reseau').tabIndex).toBe(-1);
    act(() => cell('h1:dpi').focus());
    fireEvent.keyDown(cell('h1:dpi'), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(cell('h1:reseau'));
    expect(cell('h1:reseau').tabIndex).toBe(0);
    expect(cell('h1:dpi').tabIndex).toBe(-1);
    fireEvent.keyDown(cell('h1:reseau'), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(cell('h3:reseau'));
    fireEvent.keyDown(cell('h3:reseau'), { key: 'Home' });
    expect(document.activeElement).toBe(cell('h3:dpi'));
    fireEvent.keyDown(cell('h3:dpi'), { key: 'Escape' });
    expect(cell('h3:dpi').classList.contains('matrix__cell--dismissed')).toBe(true);
    fireEvent.keyDown(cell('h3:dpi'), { key: 'Enter' });
    expect(window.location.pathname).toBe('/hopital/h3');
  });

  it('links hospitals and systems to their pages with real links', () => {
    renderMatrix();
    const link = screen.getByRole('link', { name: 'Un' });
    expect(link.getAttribute('href')).toBe('/hopital/h1');
    fireEvent.click(link);
    expect(window.location.pathname).toBe('/hopital/h1');
    expect(screen.getByRole('link', { name: 'DPI' }).getAttribute('href')).toBe('/systeme/dpi');
  });

  it('speaks English on request', () => {
    renderMatrix('en');
    expect(screen.getByRole('button', { name: /^Out of service/ })).toBeTruthy();
    expect(document.querySelector('td[data-cell="h1:dpi"]')?.textContent).toContain('Unavailable');
    expect(
      screen
        .getAllByRole('columnheader')
        .map((th) => th.textContent)
        .slice(3),
    ).toEqual(['EHR', 'Network']);
  });
});
