import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEvents, openedData } from '@vigie/shared/testing';
import { buildSituationStore, renderWithStore } from '../../testing.tsx';
import { SystemPage } from './SystemPage.tsx';

afterEach(cleanup);

function renderSystem(systemId: string) {
  const events = buildEvents([
    { type: 'incident.opened', data: openedData },
    {
      type: 'value.set',
      data: { item: { kind: 'system', id: 'h1:dpi', value: 'indisponible' }, effectiveAt: null, hold: true },
    },
    {
      type: 'value.set',
      data: { item: { kind: 'system', id: 'h2:dpi', value: 'isole' }, effectiveAt: null, hold: true },
    },
    {
      type: 'value.set',
      data: {
        item: { kind: 'system', id: 'h1:dpi', value: 'retabli-sous-surveillance' },
        effectiveAt: null,
        hold: true,
      },
    },
  ]);
  renderWithStore(<SystemPage systemId={systemId} />, buildSituationStore(events));
}

describe('SystemPage', () => {
  it('shows the system across hospitals, its hosting, stage and order, and how many affected are back', () => {
    renderSystem('dpi');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('DPI');
    expect(screen.getByText('Centre de données de l’hébergeur')).toBeTruthy();
    expect(screen.getByText(/Applications médicales/)).toBeTruthy();
    expect(screen.getByText('3 sur 3 (1 = rétabli en premier)')).toBeTruthy();
    expect(screen.getByTestId('system-progress').textContent).toBe('1 rétablis sur 2 touchés pendant l’incident');
    const h1 = document.querySelector<HTMLElement>('tr[data-hospital="h1"]')!;
    expect(h1.textContent).toContain('Rétabli – sous surveillance');
    expect(h1.textContent).toContain('mis à jour sam. 11:03 par Alice Martin (console)');
    expect(document.querySelector('tr[data-hospital="h2"]')!.textContent).toContain('Isolé (coupure volontaire)');
  });

  it('says clearly when the system is unknown', () => {
    renderSystem('nothing');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('Système inconnu');
  });
});
