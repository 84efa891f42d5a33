import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { buildSessionInfo } from '@vigie/shared/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithStore } from '../../testing.tsx';
import { createVigieStore } from '../../store/vigieStore.ts';
import { SignInPage } from './SignInPage.tsx';

const claire = buildSessionInfo({ id: 'a1', name: 'Claire Commandant', roles: ['commander'] });

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

let assign: ReturnType<typeof vi.fn<(url: string | URL) => void>>;
let fetchMock: ReturnType<typeof vi.fn<(path: string, init?: RequestInit) => Promise<Response>>>;
/** What the address bar held when each request left. */
let hrefAtRequest: string[];

/** The API requests (fetchMock) apart from the readiness probe, which says whether the demo plays. */
function open(url: string, reply: () => Response, { demo = false } = {}) {
  window.history.replaceState(null, '', url);
  hrefAtRequest = [];
  fetchMock = vi.fn(() => {
    hrefAtRequest.push(window.location.href);
    return Promise.resolve(reply());
  });
  vi.stubGlobal('fetch', (path: string, init?: RequestInit) =>
    path === '/readyz' ? Promise.resolve(json(200, { ok: true, demo })) : fetchMock(path, init),
  );
  renderWithStore(<SignInPage />, createVigieStore());
}

const request = (i = 0) => {
  const [path, init] = fetchMock.mock.calls[i] as [string, RequestInit];
  return { path, init, body: JSON.parse(init.body as string) as unknown };
};

beforeEach(() => {
  assign = vi.fn();
  vi.spyOn(window.location, 'assign').mockImplementation(assign);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

describe('SignInPage', () => {
  it('exchanges the code of a sheet link at once, after taking it out of the address bar, then asks for a password before ?suivant=', async () => {
    open('/connexion?suivant=%2Fhopital%2Fh1#code=ABCD-EFGH-JKMN', () => json(200, { ok: true, data: claire }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith('/compte?choisir-mot-de-passe&suivant=%2Fhopital%2Fh1'));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const { path, init, body } = request();
    expect(path).toBe('/api/session/code');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(new Headers(init.headers).get('Content-Type')).toBe('application/json');
    expect(body).toEqual({ code: 'ABCDEFGHJKMN' });
    expect(hrefAtRequest[0]).not.toContain('ABCD');
    expect(window.location.hash).toBe('');
  });

  it('never leaves for another site named in ?suivant=', async () => {
    open('/connexion?suivant=%2F%2Fevil.example%2Fx&lang=en#code=ABCD-EFGH-JKMN', () =>
      json(200, { ok: true, data: claire }),
    );
    await waitFor(() =>
      expect(assign).toHaveBeenCalledWith('/compte?choisir-mot-de-passe&suivant=%2F%3Flang%3Den&lang=en'),
    );
  });

  it('says plainly that a code is unknown, used or expired, and keeps it in the field', async () => {
    open('/connexion#code=ABCD-EFGH-JKMN', () =>
      json(401, { ok: false, error: { code: 'unauthorized', message: 'bad code' } }),
    );
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'Code inconnu, expiré ou déjà utilisé. Demandez un nouveau code à l’administrateur.',
    );
    expect(screen.getByLabelText('Code à usage unique')).toHaveProperty('value', 'ABCD-EFGH-JKMN');
    expect(assign).not.toHaveBeenCalled();
  });

  it('does not send a code that cannot be one', async () => {
    open('/connexion#code=nope', () => json(200, { ok: true, data: claire }));
    expect((await screen.findByRole('alert')).textContent).toContain('12 lettres et chiffres');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('sends a typed code read with O for 0 and I for 1, in lower case and with spaces, as the code it is', async () => {
    open('/connexion', () => json(200, { ok: true, data: claire }));
    fireEvent.change(screen.getByLabelText('Code à usage unique'), { target: { value: ' k7pq mOxz r9tI ' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Utiliser le code' }));
      await Promise.resolve();
    });

    expect(screen.queryByRole('alert')?.textContent ?? '').toBe('');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(request().body).toEqual({ code: 'K7PQM0XZR9T1' });
  });

  it('signs in with login and password and says how long to wait when there were too many attempts', async () => {
    open('/connexion', () =>
      json(429, { ok: false, error: { code: 'rate_limited', message: 'slow down' } }, { 'Retry-After': '30' }),
    );
    expect(fetchMock).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Identifiant'), { target: { value: ' claire ' } });
    fireEvent.change(screen.getByLabelText('Mot de passe'), { target: { value: 'une longue phrase' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
      await Promise.resolve();
    });

    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Trop de tentatives, réessayez dans 30 s.');
    const { path, init, body } = request();
    expect([path, init.method]).toEqual(['/api/session', 'POST']);
    expect(body).toEqual({ login: 'claire', password: 'une longue phrase' });
    expect(screen.getByLabelText('Identifiant').getAttribute('autocomplete')).toBe('username');
    expect(screen.getByLabelText('Mot de passe').getAttribute('autocomplete')).toBe('current-password');
  });

  it('opens ?suivant= straight after a sign-in with a password: there is one already', async () => {
    open('/connexion?suivant=%2Fconsole', () => json(200, { ok: true, data: claire }));
    fireEvent.change(screen.getByLabelText('Identifiant'), { target: { value: 'claire' } });
    fireEvent.change(screen.getByLabelText('Mot de passe'), { target: { value: 'une longue phrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('/console'));
  });

  it('shows the DÉMONSTRATION band when the server plays the demo, though it opens no socket', async () => {
    open('/connexion', () => json(200, { ok: true, data: claire }), { demo: true });
    expect((await screen.findByRole('note')).textContent).toBe('DÉMONSTRATION');
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
