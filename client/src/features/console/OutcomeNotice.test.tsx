import { cleanup, screen } from '@testing-library/react';
import { buildRegistry } from '@vigie/shared/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSituationStore, renderWithStore } from '../../testing.tsx';
import { OutcomeNotice } from './OutcomeNotice.tsx';

afterEach(cleanup);

const refused = (message: string) =>
  renderWithStore(
    <OutcomeNotice
      outcome={{ state: 'failed', error: { code: 'invalid_payload', message } }}
      registry={buildRegistry()}
    />,
    buildSituationStore([]),
  );

describe('OutcomeNotice', () => {
  it('says a refusal a person can meet in French', () => {
    refused('earlier stages are not validated yet: reseau');
    expect(screen.getByRole('alert').textContent).toBe(
      'Saisie refusée : Les étapes précédentes de la reprise ne sont pas encore validées.',
    );
  });

  it('keeps any other server detail, marked as English', () => {
    refused('changes.0.item: Invalid input');
    const detail = screen.getByText('changes.0.item: Invalid input');
    expect(detail.getAttribute('lang')).toBe('en');
    expect(screen.getByRole('alert').textContent).toContain('détail technique');
  });
});
