import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildEvents, openedData, statementFields } from '@vigie/shared/testing';
import { buildSituationStore, renderWithStore } from '../../testing.tsx';
import { StatementList } from './StatementList.tsx';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2024-08-03T10:00:00.000Z'), toFake: ['Date'] });
});

function renderStatements(variant: 'overview' | 'wall', lang: 'fr' | 'en' = 'fr') {
  const events = buildEvents([
    { type: 'incident.opened', data: openedData },
    { type: 'statement.drafted', data: { id: 's1', fields: statementFields } },
    { type: 'statement.published', data: { id: 's1', number: 1 } },
    {
      type: 'statement.drafted',
      data: {
        id: 's2',
        fields: {
          ...statementFields,
          cause: 'Panne d’alimentation du centre de données.',
          nextPointAt: '2024-08-03T12:00:00.000Z',
        },
      },
    },
    { type: 'statement.published', data: { id: 's2', number: 2 } },
    { type: 'statement.drafted', data: { id: 's3', fields: { ...statementFields, cause: 'Brouillon.' } } },
  ]);
  renderWithStore(<StatementList variant={variant} />, buildSituationStore(events, { lang }));
}

describe('StatementList', () => {
  it('lists the published points de situation newest first, numbered, with their fields and the next point', () => {
    renderStatements('overview');
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Point de situation n° 2',
      'Point de situation n° 1',
    ]);
    const [latest, first] = document.querySelectorAll<HTMLElement>('.statement');
    expect(latest!.textContent).toContain('Panne d’alimentation du centre de données.');
    expect(latest!.textContent).toContain('Coupure électrique');
    expect(latest!.textContent).toContain('Environ 3 heures.');
    // 12:00 UTC is 14:00 in Paris in August; 09:04 UTC publication is 11:04.
    expect(latest!.textContent).toContain('Prochain point à 14:00');
    expect(latest!.textContent).toContain('publié sam. 11:04 par Alice Martin');
    expect(first!.textContent).not.toContain('Prochain point');
    expect(screen.queryByText('Brouillon.')).toBeNull();
    expect(screen.getByRole('button', { name: /Imprimer/ })).toBeTruthy();
  });

  it('shows only the latest one on the wall, without controls', () => {
    renderStatements('wall');
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Point de situation n° 2']);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('speaks English on request', () => {
    renderStatements('overview', 'en');
    expect(screen.getAllByRole('heading', { level: 3 })[0]!.textContent).toBe('Situation report no. 2');
    expect(screen.getByText('Next report at 14:00')).toBeTruthy();
  });
});
