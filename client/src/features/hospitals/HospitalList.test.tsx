import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEvent, initialSituation, projectSituation } from '@vigie/shared';
import { buildEvents, buildMeta, buildRegistry } from '@vigie/shared/testing';
import { StoreContext } from '../../app/StoreContext.ts';
import { applySnapshot, emptySync } from '../../store/syncReducer.ts';
import { createVigieStore } from '../../store/vigieStore.ts';
import { HospitalList } from './HospitalList.tsx';

afterEach(cleanup);

function renderWith(lang: 'fr' | 'en') {
  const registry = buildRegistry();
  const [event] = buildEvents([
    {
      type: 'value.set',
      data: {
        item: { kind: 'operating-mode', id: 'h1', value: 'procedures-degradees' },
        effectiveAt: '2024-08-03T09:02:00.000Z',
        hold: true,
      },
    },
  ]);
  const state = applyEvent(initialSituation(registry, buildMeta()), event!);
  const store = createVigieStore({ lang });
  act(() =>
    store.getState().setSync(
      applySnapshot(emptySync, {
        audience: 'viewer',
        logId: 'log-1',
        seq: 1,
        state: projectSituation(state, 'viewer'),
        registry,
      }),
    ),
  );
  render(
    <StoreContext value={store}>
      <HospitalList />
    </StoreContext>,
  );
}

describe('HospitalList', () => {
  it('groups hospitals by fonctionnement with words and an icon, and says since when in Europe/Paris time', () => {
    renderWith('fr');
    const degraded = document.querySelector('[data-mode="procedures-degradees"]')!;
    expect(degraded.textContent).toContain('Procédures dégradées (papier) (1)');
    expect(degraded.getAttribute('data-mode')).toBe('procedures-degradees');
    expect(degraded.textContent).toContain('▲');
    // 09:02 UTC is 11:02 in Paris in August, whatever the test process's time zone.
    expect(degraded.textContent).toMatch(/depuis sam\. 11:02/);
    expect(document.querySelector('[data-mode="normal"]')?.textContent).toContain('Normal (1)');
  });

  it('speaks English on request', () => {
    renderWith('en');
    expect(document.querySelector('[data-mode="procedures-degradees"]')?.textContent).toContain(
      'Degraded procedures (paper) (1)',
    );
    expect(document.body.textContent).toMatch(/since Sat 11:02/);
  });
});
