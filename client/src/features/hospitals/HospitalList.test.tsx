import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEvent, initialSituation, projectSituation } from '@vigie/shared';
import { buildEvents, buildMeta, buildRegistry } from '@vigie/shared/testing';
import { StoreContext } from '../../store/StoreContext.ts';
import { applySnapshot, emptySync } from '../../store/syncReducer.ts';
import { createVigieStore } from '../../store/vigieStore.ts';
import { HospitalList } from './HospitalList.tsx';

afterEach(cleanup);

const mode = (id: string, value: string, effectiveAt: string) =>
  ({ type: 'value.set', data: { item: { kind: 'operating-mode', id, value }, effectiveAt, hold: true } }) as const;

function renderWith(lang: 'fr' | 'en', variant: 'wall' | 'overview' = 'overview', informH2 = true) {
  const registry = buildRegistry();
  const events = buildEvents([
    ...(informH2 ? [mode('h2', 'normal', '2024-08-03T09:01:00.000Z')] : []),
    mode('h1', 'procedures-degradees', '2024-08-03T09:02:00.000Z'),
  ]);
  const state = events.reduce(applyEvent, initialSituation(registry, buildMeta()));
  const store = createVigieStore({ lang });
  act(() =>
    store.getState().setSync(
      applySnapshot(emptySync, {
        audience: 'viewer',
        logId: 'log-1',
        seq: state.seq,
        state: projectSituation(state, 'viewer'),
        registry,
      }),
    ),
  );
  render(
    <StoreContext value={store}>
      <HospitalList variant={variant} />
    </StoreContext>,
  );
}

describe('HospitalList', () => {
  it('groups hospitals by fonctionnement with words and an icon, and says since when in Europe/Paris time', () => {
    renderWith('fr');
    const degraded = document.querySelector('.mode-group[data-mode="procedures-degradees"]')!;
    expect(degraded.textContent).toContain('Procédures dégradées (papier) (1)');
    expect(degraded.getAttribute('data-mode')).toBe('procedures-degradees');
    expect(degraded.textContent).toContain('▲');
    // 09:02 UTC is 11:02 in Paris in August, whatever the test process's time zone.
    expect(degraded.textContent).toMatch(/depuis sam\. 11:02/);
    expect(document.querySelector('.mode-group[data-mode="normal"]')?.textContent).toContain('Normal (1)');
    // Exceptions first, each name a link to its page.
    expect([...document.querySelectorAll('.mode-group[data-mode]')].map((g) => g.getAttribute('data-mode'))).toEqual([
      'procedures-degradees',
      'normal',
    ]);
    expect(degraded.querySelector('a')?.getAttribute('href')).toBe('/hopital/h1');
  });

  it('counts a hospital nobody reported on as "non renseigné", never as normal', () => {
    renderWith('fr', 'overview', false);
    expect(document.querySelector('.mode-group[data-mode="normal"]')).toBeNull();
    expect(document.querySelector('.mode-group[data-mode="non-renseigne"]')?.textContent).toContain(
      '? Non renseigné (1)',
    );
  });

  it('on the wall, names the hospitals in a degraded mode and only counts the normal ones', () => {
    renderWith('fr', 'wall');
    const names = document.querySelector('.hospital-list__names')!;
    expect(names.querySelector('[data-group="procedures-degradees"]')?.textContent).toContain(
      'Procédures dégradées (papier) (1)',
    );
    expect(names.querySelector('[data-hospital="h1"]')).not.toBeNull();
    expect(document.querySelector('[data-mode="normal"]')?.textContent).toContain('Normal (1)');
    expect(document.querySelector('[data-hospital="h2"]')).toBeNull();
  });

  it('speaks English on request', () => {
    renderWith('en');
    expect(document.querySelector('[data-mode="procedures-degradees"]')?.textContent).toContain(
      'Degraded procedures (paper) (1)',
    );
    expect(document.body.textContent).toMatch(/since Sat 11:02/);
  });
});
