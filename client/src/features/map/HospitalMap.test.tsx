import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEvent, initialSituation, type OperatingMode, type Registry, type Situation } from '@vigie/shared';
import { buildEvents, buildMeta } from '@vigie/shared/testing';
import { navigate } from '../../router/router.ts';
import { StoreContext } from '../../store/StoreContext.ts';
import { createVigieStore } from '../../store/vigieStore.ts';
import { HospitalMap } from './HospitalMap.tsx';
import { buildMapRegistry } from './testing.ts';

afterEach(() => {
  cleanup();
  navigate('/');
});

function situationWith(registry: Registry, modes: Record<string, OperatingMode>): Situation {
  const events = buildEvents(
    Object.entries(modes).map(([id, value]) => ({
      type: 'value.set' as const,
      data: {
        item: { kind: 'operating-mode' as const, id, value },
        effectiveAt: '2024-08-03T09:02:00.000Z',
        hold: false,
      },
    })),
  );
  return events.reduce(applyEvent, initialSituation(registry, buildMeta()));
}

function renderMap(lang: 'fr' | 'en', modes: Record<string, OperatingMode>, variant: 'wall' | 'overview' = 'wall') {
  const registry = buildMapRegistry();
  const store = createVigieStore({ lang });
  const state = situationWith(registry, modes);
  const view = render(
    <StoreContext value={store}>
      <HospitalMap registry={registry} state={state} lang={lang} variant={variant} />
    </StoreContext>,
  );
  const rerender = (next: Record<string, OperatingMode>) =>
    act(() =>
      view.rerender(
        <StoreContext value={store}>
          <HospitalMap registry={registry} state={situationWith(registry, next)} lang={lang} variant={variant} />
        </StoreContext>,
      ),
    );
  return { ...view, rerender };
}

const marker = (container: HTMLElement, siteId: string) => container.querySelector(`[data-site="${siteId}"]`)!;

describe('HospitalMap', () => {
  it('draws each site in its area with the colour, icon and short name of its hospital’s fonctionnement', () => {
    const { container } = renderMap('fr', {
      h1: 'critique',
      h3: 'procedures-degradees',
      h4: 'ralenti-maitrise',
      h2: 'normal',
    });
    const areas = [...container.querySelectorAll('[data-map-area]')].map((e) => e.getAttribute('data-map-area'));
    expect(areas).toEqual(['paris', 'idf', 'france', 'offmap']);

    const h1 = marker(container, 'h1');
    expect(h1.getAttribute('data-area')).toBe('paris');
    expect(h1.getAttribute('data-mode')).toBe('critique');
    expect(h1.getAttribute('class')).toContain('hmap__marker--down');
    expect(h1.querySelector('.hmap__glyph')?.textContent).toBe('✖');
    expect(h1.querySelector('.hmap__label')?.textContent).toBe('Un');
    expect(h1.querySelector('title')?.textContent).toBe('Un – Critique');

    // A second site shows its own name and its hospital's fonctionnement.
    const annexe = marker(container, 'h3-annexe');
    expect(annexe.getAttribute('data-area')).toBe('idf');
    expect(annexe.getAttribute('data-mode')).toBe('procedures-degradees');
    expect(annexe.querySelector('.hmap__label')?.textContent).toBe('La Roche-Test');
    expect(annexe.querySelector('title')?.textContent).toBe('La Roche-Test (Trois) – Procédures dégradées (papier)');

    expect(marker(container, 'h4').getAttribute('data-area')).toBe('france');
    expect(marker(container, 'h2').getAttribute('data-mode')).toBe('normal');
    // Nobody reported on h5: drawn "non renseigné" in the unknown tone, never as normal.
    expect(marker(container, 'h5').getAttribute('data-mode')).toBe('non-renseigne');
    expect(marker(container, 'h5').getAttribute('class')).toContain('hmap__marker--unknown');
    expect(marker(container, 'h5').querySelector('title')?.textContent).toContain('Non renseigné');
    expect(container.querySelectorAll('[data-site]')).toHaveLength(6);
  });

  it('lists the hospitals without a site and the sites not drawn, a closed site saying so without a status colour', () => {
    const { container } = renderMap('fr', { h6: 'ralenti-maitrise' });
    const offmap = container.querySelector('[data-map-area="offmap"]')!;
    expect([...offmap.querySelectorAll('[data-offmap]')].map((e) => e.getAttribute('data-offmap'))).toEqual([
      'h5-fermee',
      'h6',
      'h7',
      'h8',
    ]);
    const closed = offmap.querySelector('[data-offmap="h5-fermee"]')!;
    expect(closed.textContent).toBe('La Fermée (Cinq) – site fermé');
    expect(closed.querySelector('[class*="tone-"]')).toBeNull();
    const had = offmap.querySelector('[data-offmap="h6"]')!;
    expect(had.textContent).toContain('Six à domicile');
    expect(had.querySelector('[data-status]')?.getAttribute('data-status')).toBe('ralenti-maitrise');
    expect(had.textContent).toContain('Ralenti – maîtrisé');
    expect(offmap.querySelector('[data-offmap="h7"]')?.textContent).toContain('position inconnue');
  });

  it('is one labelled group of links for screen readers, and speaks English on request', () => {
    const { container } = renderMap('en', { h1: 'critique' }, 'overview');
    const svg = screen.getByRole('group', { name: 'Hospital map: how each site is operating' });
    expect(svg.getAttribute('viewBox')).toBe('0 0 1280 760');
    expect(svg.getAttribute('aria-describedby')).toBe(container.querySelector('desc')?.id);
    expect(container.querySelector('desc')?.textContent).toBe(
      '3 sites in Paris and the inner suburbs, 2 elsewhere in Île-de-France, 1 outside Île-de-France, 4 not on the map.',
    );
    expect(container.querySelector('[data-offmap="h5-fermee"]')?.textContent).toBe('La Fermée (Cinq) – closed site');
    expect(screen.getByText('Basemap: Natural Earth')).toBeTruthy();
    expect(marker(container, 'h1').querySelector('title')?.textContent).toBe('Un – Critical');
    expect(screen.getByText('Outside Île-de-France')).toBeTruthy();
  });

  it('links each marker and each listed name to its hospital’s page, routing in place on a plain click', () => {
    const { container } = renderMap('fr', { h1: 'critique' }, 'overview');
    expect(screen.getByText('Fond de carte : Natural Earth')).toBeTruthy();
    // The second site of hospital h3 leads to its hospital, as does the closed site of h5.
    expect(marker(container, 'h3-annexe').getAttribute('href')).toBe('/hopital/h3');
    const offmap = container.querySelector<HTMLElement>('[data-map-area="offmap"]')!;
    expect(within(offmap).getByRole('link', { name: 'La Fermée' }).getAttribute('href')).toBe('/hopital/h5');
    expect(within(offmap).getByRole('link', { name: 'Six à domicile' }).getAttribute('href')).toBe('/hopital/h6');

    const link = marker(container, 'h1');
    expect(link.tagName.toLowerCase()).toBe('a');
    expect(link.getAttribute('href')).toBe('/hopital/h1');
    // A modified click (new tab) is the browser's: the page stays.
    fireEvent.click(link, { ctrlKey: true });
    expect(window.location.pathname).toBe('/');
    fireEvent.click(link);
    expect(window.location.pathname).toBe('/hopital/h1');
  });

  it('links nothing on the wall: an unattended screen never leaves /mur on a stray touch', () => {
    const { container } = renderMap('fr', { h1: 'critique' }, 'wall');
    expect(container.querySelectorAll('[data-site]')).toHaveLength(6);
    expect(container.querySelectorAll('a')).toHaveLength(0);
  });

  it('changes colours, not positions, when a status changes', () => {
    const { container, rerender } = renderMap('fr', { h1: 'normal' });
    const position = () => {
      const label = marker(container, 'h1').querySelector('.hmap__label')!;
      return [label.getAttribute('x'), label.getAttribute('y')];
    };
    const before = position();
    rerender({ h1: 'critique' });
    expect(marker(container, 'h1').getAttribute('data-mode')).toBe('critique');
    expect(position()).toEqual(before);
  });
});
