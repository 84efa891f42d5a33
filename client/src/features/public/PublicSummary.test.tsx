import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyEvent, initialSituation, projectPublic, type LogEvent, type ScenarioClock } from '@vigie/shared';
import { buildEvents, buildMeta, buildRegistry, openedData, statementFields } from '@vigie/shared/testing';
import { renderWithStore } from '../../testing.tsx';
import { applySnapshot, emptySync } from '../../store/syncReducer.ts';
import { createVigieStore, type Lang } from '../../store/vigieStore.ts';
import { PublicSummary } from './PublicSummary.tsx';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Published at 09:02 UTC (11:02 in Paris), next point due at 13:00 UTC (15:00 in Paris). */
const point = {
  ...statementFields,
  emergencies: '',
  body: 'Procédures dégradées (papier).\nPas de transfert.',
  nextPointAt: '2024-08-03T13:00:00.000Z',
};

function renderPublic({ lang = 'fr', clock = null }: { lang?: Lang; clock?: ScenarioClock | null } = {}) {
  const events: LogEvent[] = buildEvents([
    { type: 'incident.opened', data: { ...openedData, clock } },
    { type: 'statement.drafted', data: { id: 's1', fields: point } },
    { type: 'statement.published', data: { id: 's1', number: 1 } },
  ]);
  const registry = buildRegistry();
  const state = events.reduce(applyEvent, initialSituation(registry, buildMeta()));
  const store = createVigieStore({ lang });
  act(() =>
    store.getState().setSync(
      applySnapshot(emptySync, {
        audience: 'public',
        logId: state.logId,
        seq: state.seq,
        state: projectPublic(state),
      }),
    ),
  );
  renderWithStore(<PublicSummary />, store);
}

const at = (iso: string) => vi.useFakeTimers({ now: new Date(iso), toFake: ['Date', 'setInterval', 'clearInterval'] });
const line = (id: string) => document.querySelector(`[data-line="${id}"]`)?.textContent;

describe('PublicSummary', () => {
  it('shows every field of the published point in reading order, précisions last, and skips the empty ones', () => {
    at('2024-08-03T10:00:00.000Z');
    renderPublic();
    const labels = [...document.querySelectorAll('.public-summary__line dt')].map((dt) => dt.textContent);
    expect(labels).toEqual([
      'Cause',
      'Coupure électrique',
      'Retour à la normale prévu',
      'Impact pour les patients',
      'SAMU – Centre 15',
      'Systèmes d’information',
      'Précisions',
    ]);
    expect(line('body')).toContain('Procédures dégradées (papier).\nPas de transfert.');
    expect(line('emergencies')).toBeUndefined();
  });

  it('says how old the point is and when the next one is due, with no flag before that time', () => {
    at('2024-08-03T12:59:00.000Z');
    renderPublic();
    expect(line('published')).toBe('Point de situation n° 1, publié sam. 11:02, il y a 3 h 57 min');
    expect(line('next-point')).toBe('Prochain point prévu à sam. 15:00');
    expect(screen.queryByText(/en retard/)).toBeNull();
  });

  it('flags the next point as overdue once its time passes, without a reload', () => {
    at('2024-08-03T12:59:45.000Z');
    renderPublic();
    expect(document.querySelector('[data-flag="overdue-next-point"]')).toBeNull();
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(line('next-point')).toBe('Prochain point prévu à sam. 15:00 — ⚠ en retard de 15 s');
    act(() => {
      vi.advanceTimersByTime(4 * 3_600_000);
    });
    expect(line('next-point')).toBe('Prochain point prévu à sam. 15:00 — ⚠ en retard de 4 h 00 min');
  });

  it('speaks English on request', () => {
    at('2024-08-03T17:00:00.000Z');
    renderPublic({ lang: 'en' });
    expect(line('published')).toBe('Situation report no. 1, published Sat 11:02, 7 h 58 min ago');
    expect(line('next-point')).toBe('Next report due at Sat 15:00 — ⚠ overdue by 4 h 00 min');
    expect(line('power-cut')).toContain('Power cut');
  });

  it('measures age and lateness on the demo’s simulated clock, not the reader’s', () => {
    // Five real minutes after the demo started at 09:00 simulated, at 60×: 14:00 simulated, years later in real time.
    const clock = { simStart: '2024-08-03T09:00:00.000Z', realStart: '2030-01-01T00:00:00.000Z', speed: 60 };
    at('2030-01-01T00:05:00.000Z');
    renderPublic({ clock });
    expect(line('published')).toContain('il y a 4 h 58 min');
    expect(line('next-point')).toBe('Prochain point prévu à sam. 15:00 — ⚠ en retard de 1 h 00 min');
  });
});
