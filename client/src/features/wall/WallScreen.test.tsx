import { act, cleanup } from '@testing-library/react';
import { buildEvents, openedData, buildSessionInfo } from '@vigie/shared/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSituationStore, renderWithStore } from '../../testing.tsx';
import { WallScreen } from './WallScreen.tsx';

afterEach(cleanup);

const screenSession = buildSessionInfo({ kind: 'screen', id: 's1', name: 'Mur cellule gauche', roles: ['viewer'] });

function renderWall(lang: 'fr' | 'en' = 'fr') {
  const store = buildSituationStore(
    buildEvents([{ type: 'incident.opened', data: { ...openedData, title: 'Panne électrique hébergeur' } }]),
    { lang },
  );
  const view = renderWithStore(<WallScreen />, store);
  return { store, ...view };
}

describe('WallScreen and the session', () => {
  it('names the screen it runs on in its corner', () => {
    const { store, container } = renderWall();
    act(() => store.getState().setSessionInfo(screenSession));
    expect(container.querySelector('[data-session="screen"]')?.textContent).toContain('Mur cellule gauche');
    expect(container.querySelector('.wall__title')?.textContent).toContain('Panne électrique hébergeur');
  });

  it('says when anyone may read without an account', () => {
    const { store, container } = renderWall();
    act(() =>
      store.getState().setSessionInfo({ ...screenSession, kind: 'anonymous', id: null, name: null, openRead: true }),
    );
    expect(container.querySelector('[data-session="anonymous"]')?.textContent).toBe('accès libre en lecture');
  });

  it('shows only the reason once the screen is revoked, nothing of the situation', () => {
    const { store, container } = renderWall();
    act(() => store.getState().setSessionInfo(screenSession));
    expect(container.querySelector('[data-panel="headline"]')).not.toBeNull();

    act(() => store.getState().endSession('screen-revoked'));

    expect(container.textContent).toBe('Cet écran n’est plus autorisé à afficher la situation.');
    expect(container.querySelector('[data-session-state="ended"]')).not.toBeNull();
  });

  it('asks for a pairing link, in English too, when the server refuses the screen', () => {
    const { store, container } = renderWall('en');
    act(() => store.getState().refuseSession('unauthorized'));
    expect(container.textContent).toBe('Screen not paired — ask the administrator for a pairing link.');
  });
});
