import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hospital } from '@vigie/shared';
import { buildRegistry } from '@vigie/shared/testing';
import { navigate } from '../../router/router.ts';
import { buildSituationStore, renderWithStore } from '../../testing.tsx';
import { MAX_SHOWN, SearchBox } from './SearchBox.tsx';

afterEach(() => {
  cleanup();
  navigate('/');
});

function hospital(id: string, shortName: string, name: string): Hospital {
  const base = buildRegistry().hospitals[0]!;
  return { ...base, id, shortName, name, sites: [{ ...base.sites[0]!, id, name }] };
}

function renderBox(lang: 'fr' | 'en' = 'fr', extra: Hospital[] = []) {
  const base = buildRegistry();
  const registry = buildRegistry({
    hospitals: [
      hospital('hegp', 'HEGP', 'Hôpital européen Georges-Pompidou'),
      hospital('pitie-salpetriere', 'Pitié-Salpêtrière', 'Hôpital de la Pitié-Salpêtrière'),
      ...extra,
    ],
    emergencyDepartments: [],
    samu: [{ ...base.samu[0]!, name: 'SAMU de Paris (75)', hospitalId: 'hegp', siteId: 'hegp' }],
  });
  renderWithStore(<SearchBox />, buildSituationStore([], { registry, lang }));
  return screen.getByRole('combobox');
}

const options = () => screen.queryAllByRole('option');

describe('SearchBox', () => {
  it('is a labelled combobox whose list shows what matches, and opens the first result on Enter', () => {
    const box = renderBox();
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByLabelText('Rechercher un hôpital, un système ou un SAMU')).toBe(box);

    fireEvent.change(box, { target: { value: 'pompidou' } });
    expect(box.getAttribute('aria-expanded')).toBe('true');
    const list = screen.getByRole('listbox', { name: 'Résultats de la recherche' });
    expect(box.getAttribute('aria-controls')).toBe(list.id);
    expect(options().map((o) => o.textContent)).toEqual(['HEGP hôpitalHôpital européen Georges-Pompidou']);
    expect(screen.getByRole('status').textContent).toBe('1 résultat, Entrée pour l’ouvrir.');

    fireEvent.keyDown(box, { key: 'Enter' });
    expect(window.location.pathname).toBe('/hopital/hegp');
    expect((box as HTMLInputElement).value).toBe('');
    expect(box.getAttribute('aria-expanded')).toBe('false');
  });

  it('moves through the results with the arrows, wrapping, and opens the chosen one', () => {
    const box = renderBox();
    fireEvent.change(box, { target: { value: 'hopital' } });
    expect(options()).toHaveLength(2);
    expect(box.getAttribute('aria-activedescendant')).toBeNull();

    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[0]!.id);
    expect(options()[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[0]!.id);
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    // Both full names begin with "Hôpital": alphabetical by label, HEGP first.
    expect(options()[1]!.getAttribute('aria-selected')).toBe('true');
    expect(options()[1]!.getAttribute('data-result')).toBe('hospital:pitie-salpetriere');

    fireEvent.keyDown(box, { key: 'Enter' });
    expect(window.location.pathname).toBe('/hopital/pitie-salpetriere');
  });

  it('opens a result on click, and a SAMU at its host hospital’s page', () => {
    const box = renderBox();
    fireEvent.change(box, { target: { value: '75' } });
    const samu = screen.getByRole('option');
    expect(samu.textContent).toContain('SAMU de Paris (75)');
    expect(samu.textContent).toContain('hébergé à HEGP');
    fireEvent.click(samu);
    expect(window.location.pathname).toBe('/hopital/hegp');
  });

  it('closes on Escape, then clears; says so when nothing matches', () => {
    const box = renderBox();
    fireEvent.change(box, { target: { value: 'pitie' } });
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect((box as HTMLInputElement).value).toBe('pitie');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect((box as HTMLInputElement).value).toBe('');

    fireEvent.change(box, { target: { value: 'xyz' } });
    expect(options()).toHaveLength(0);
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getAllByText('Aucun hôpital, système ou SAMU ne porte ce nom.')).toHaveLength(2);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(window.location.pathname).toBe('/');
  });

  it('lists a bounded number of results and says how many more, in English on request', () => {
    const many = Array.from({ length: MAX_SHOWN + 2 }, (_, i) => hospital(`h${i + 10}`, `Site ${i}`, `Hôpital ${i}`));
    const box = renderBox('en', many);
    expect(screen.getByLabelText('Search for a hospital, a system or a SAMU')).toBe(box);
    fireEvent.change(box, { target: { value: 'hopital' } });
    expect(options()).toHaveLength(MAX_SHOWN);
    const popup = screen.getByRole('listbox').parentElement!;
    expect(within(popup).getByText('and 4 more: narrow the search.')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('12 results, up and down arrows to choose, Enter to open.');
  });
});
