import { cleanup, screen, waitFor } from '@testing-library/react';
import { buildSessionInfo } from '@vigie/shared/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithStore } from '../../testing.tsx';
import { createVigieStore } from '../../store/vigieStore.ts';
import { PairingPage } from './PairingPage.tsx';

const secret = 'k'.repeat(43);
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

let replace: ReturnType<typeof vi.fn<(url: string | URL) => void>>;
let fetchMock: ReturnType<typeof vi.fn<(path: string, init?: RequestInit) => Promise<Response>>>;
let hrefAtRequest: string | null;

function open(url: string, reply: Response) {
  window.history.replaceState(null, '', url);
  hrefAtRequest = null;
  fetchMock = vi.fn(() => {
    hrefAtRequest = window.location.href;
    return Promise.resolve(reply);
  });
  // The readiness probe (whether the demo plays) apart from the pairing request.
  vi.stubGlobal('fetch', (path: string, init?: RequestInit) =>
    path === '/readyz' ? Promise.resolve(json(200, { ok: true, demo: false })) : fetchMock(path, init),
  );
  renderWithStore(<PairingPage />, createVigieStore());
}

beforeEach(() => {
  replace = vi.fn();
  vi.spyOn(window.location, 'replace').mockImplementation(replace);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

describe('PairingPage', () => {
  it('takes the secret out of the address bar, pairs, and opens the wall in place of this page', async () => {
    const paired = buildSessionInfo({ kind: 'screen', id: 's1', name: 'Mur', roles: ['viewer'] });
    open(`/appairage#${secret}`, json(200, { ok: true, data: paired }));

    await waitFor(() => expect(replace).toHaveBeenCalledWith('/mur'));
    const [path, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect([path, init.method]).toEqual(['/api/screens/pair', 'POST']);
    expect(JSON.parse(init.body as string)).toEqual({ secret });
    expect(hrefAtRequest).not.toContain(secret);
    expect(window.location.href).not.toContain(secret);
  });

  it('says in words that a used or expired link needs a new one', async () => {
    open(`/appairage#${secret}`, json(401, { ok: false, error: { code: 'unauthorized', message: 'expired' } }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Ce lien d’appairage a expiré ou a déjà servi.Demandez un nouveau lien d’appairage à l’administrateur de Vigie.',
    );
    expect(replace).not.toHaveBeenCalled();
  });

  it('sends nothing for a link without its secret', async () => {
    open('/appairage', json(200, {}));
    expect((await screen.findByRole('alert')).textContent).toContain('Ce lien d’appairage est incomplet.');
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
