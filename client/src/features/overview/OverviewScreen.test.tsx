import { act, cleanup, screen } from '@testing-library/react';
import { buildEvents, openedData, buildSessionInfo } from '@vigie/shared/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSituationStore, renderWithStore } from '../../testing.tsx';
import { OverviewScreen } from './OverviewScreen.tsx';

const anonymous = buildSessionInfo({ kind: 'anonymous', openRead: true });

function renderOverview(path: '/' | '/hopital/h1') {
  window.history.replaceState(null, '', path);
  const store = buildSituationStore(buildEvents([{ type: 'incident.opened', data: openedData }]));
  const route = path === '/' ? ({ screen: 'overview' } as const) : ({ screen: 'hospital', hospitalId: 'h1' } as const);
  const view = renderWithStore(<OverviewScreen route={route} />, store);
  return { store, ...view };
}

beforeEach(() => window.history.replaceState(null, '', '/'));
afterEach(cleanup);

describe('OverviewScreen and the session', () => {
  it('says reading is open to anyone and offers to sign in, coming back to this page', () => {
    const { store } = renderOverview('/');
    expect(screen.queryByText('Accès libre en lecture')).toBeNull(); // nothing said before the server says who we are
    act(() => store.getState().setSessionInfo(anonymous));
    expect(screen.getByText('Accès libre en lecture')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Se connecter' }).getAttribute('href')).toBe('/connexion?suivant=%2F');
  });

  it('names the person signed in, with a link to their account and none to sign in', () => {
    const { store } = renderOverview('/hopital/h1');
    act(() =>
      store
        .getState()
        .setSessionInfo(buildSessionInfo({ id: 'a1', name: 'Claire Commandant', roles: ['lead'], openRead: true })),
    );
    expect(screen.getByText('Claire Commandant')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Mon compte' }).getAttribute('href')).toBe('/compte');
    expect(screen.queryByText('Accès libre en lecture')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Administration' })).toBeNull();
  });

  it('shows "Connexion requise" instead of the situation when the server refuses to connect', () => {
    const { store, container } = renderOverview('/hopital/h1');
    expect(container.querySelector('[data-route="hospital"]')).not.toBeNull();

    act(() => store.getState().refuseSession('unauthorized'));

    expect(screen.getByRole('heading', { name: 'Connexion requise' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Se connecter' }).getAttribute('href')).toBe(
      '/connexion?suivant=%2Fhopital%2Fh1',
    );
    expect(container.querySelector('[data-route]')).toBeNull();
  });
});
