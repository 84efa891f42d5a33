import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { buildSessionInfo } from '@vigie/shared/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithStore } from '../../testing.tsx';
import { createVigieStore } from '../../store/vigieStore.ts';
import { AccountPage } from './AccountPage.tsx';

const claire = buildSessionInfo({ id: 'a1', name: 'Claire Martin', roles: ['commander'] });

function openAccount(url: string) {
  window.history.replaceState(null, '', url);
  const fetchMock = vi.fn(() =>
    Promise.resolve(
      new Response(JSON.stringify({ ok: true, data: {} }), { headers: { 'Content-Type': 'application/json' } }),
    ),
  );
  vi.stubGlobal('fetch', fetchMock);
  const store = createVigieStore();
  act(() => store.getState().setSessionInfo(claire));
  renderWithStore(<AccountPage />, store);
  return fetchMock;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('AccountPage', () => {
  it('right after a code, asks for a password first, then leads on to where the person was going', async () => {
    const fetchMock = openAccount('/compte?choisir-mot-de-passe&suivant=%2Fconsole');

    const prompt = screen.getByRole('heading', { name: 'Choisissez votre mot de passe' });
    expect(document.activeElement).toBe(prompt);
    expect(screen.getAllByLabelText('Nouveau mot de passe')).toHaveLength(1);
    const onward = screen.getByRole('link', { name: /Continuer sans mot de passe/ });
    expect(onward.getAttribute('href')).toBe('/console');

    fireEvent.change(screen.getByLabelText('Nouveau mot de passe'), { target: { value: 'une phrase choisie' } });
    fireEvent.change(screen.getByLabelText('Confirmez le nouveau mot de passe'), {
      target: { value: 'une phrase choisie' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le mot de passe' }));

    expect((await screen.findByRole('status')).textContent).toBe('Mot de passe enregistré.');
    expect(screen.getByRole('link', { name: 'Continuer' }).getAttribute('href')).toBe('/console');
    const [path, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect([path, JSON.parse(init.body as string)]).toEqual([
      '/api/session/password',
      { password: 'une phrase choisie' },
    ]);
  });

  it('opened on its own, asks for nothing and leads back to the situation', async () => {
    openAccount('/compte');
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Mot de passe' })).toBeTruthy());
    expect(screen.queryByRole('heading', { name: 'Choisissez votre mot de passe' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Retour à la situation' }).getAttribute('href')).toBe('/');
  });
});
