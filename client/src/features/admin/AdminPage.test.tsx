import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { SessionInfo } from '@vigie/shared';
import type { SheetEntry } from '@vigie/shared/api';
import { buildEvents, openedData, buildSessionInfo } from '@vigie/shared/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSituationStore, renderWithStore } from '../../testing.tsx';
import { AdminPage } from './AdminPage.tsx';

const admin = buildSessionInfo({ id: 'a0', name: 'Alice Admin', roles: ['admin'] });
const sheetEntry: SheetEntry = {
  accountId: 'a1',
  name: 'Claire Commandant',
  login: 'claire.commandant',
  roles: ['commander'],
  scope: { hospitals: ['h1'], ghus: [] },
  code: 'ABCDEFGHJKMN',
  expiresAt: '2024-08-10T09:00:00.000Z',
};
const ok = (data: unknown) =>
  new Response(JSON.stringify({ ok: true, data }), { headers: { 'Content-Type': 'application/json' } });

function renderAdmin(session: SessionInfo) {
  const fetchMock = vi.fn((path: string, init: RequestInit) =>
    Promise.resolve(path === '/api/admin/accounts' && init.method === 'POST' ? ok([sheetEntry]) : ok([])),
  );
  vi.stubGlobal('fetch', fetchMock);
  const store = buildSituationStore(buildEvents([{ type: 'incident.opened', data: openedData }]));
  act(() => store.getState().setSessionInfo(session));
  renderWithStore(<AdminPage />, store);
  return fetchMock;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('AdminPage', () => {
  it('is reserved to administrators and asks them for nothing else', () => {
    const fetchMock = renderAdmin(buildSessionInfo({ id: 'a0', name: 'Alice Admin', roles: ['lead'] }));
    expect(screen.getByRole('alert').textContent).toBe('Cette page est réservée aux administrateurs.');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('previews a pasted list line by line, refuses to send it while a line is wrong, then prints the codes it gets', async () => {
    const fetchMock = renderAdmin(admin);
    await screen.findByText('Aucun compte pour l’instant.');
    const list = screen.getByLabelText('Liste à coller');

    fireEvent.change(list, { target: { value: 'Claire Commandant ; commandement ; Un\nBob ; pilote ; ' } });
    expect(screen.getByText('Ligne 2 : rôle inconnu « pilote » — « Bob ; pilote ; »')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Créer les comptes (1)' })).toHaveProperty('disabled', true);

    fireEvent.change(list, { target: { value: 'Claire Commandant ; commandement ; Un' } });
    const preview = within(document.querySelector<HTMLElement>('[data-preview="accounts"]')!);
    expect(preview.getByText('Commandement')).toBeTruthy();
    expect(preview.getByText('Hôpital Un')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Créer les comptes (1)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer' }));

    const card = await screen.findByRole('article');
    const created = fetchMock.mock.calls.find(([, init]) => init.method === 'POST')!;
    expect(JSON.parse(created[1].body as string)).toEqual({
      accounts: [{ name: 'Claire Commandant', roles: ['commander'], scope: { hospitals: ['h1'], ghus: [] } }],
    });
    expect(card.querySelector('[data-code]')?.textContent).toBe('ABCD-EFGH-JKMN');
    expect(card.textContent).toContain('claire.commandant');
    expect(card.textContent).toContain('samedi 10 août 2024 à 11:00');
    expect(within(card).getByRole('img').getAttribute('aria-label')).toBe(
      'QR code du lien de connexion de Claire Commandant',
    );
    await waitFor(() => expect(screen.getByRole('button', { name: 'Imprimer la feuille' })).toBeTruthy());
  });
});
