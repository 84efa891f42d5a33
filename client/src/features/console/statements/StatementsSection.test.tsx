import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  applyEvent,
  initialSituation,
  projectSituation,
  type LogEvent,
  type Reply,
  type SessionInfo,
  type StatementFields,
} from '@vigie/shared';
import { buildActor, buildEvents, buildMeta, buildRegistry, openedData, statementFields } from '@vigie/shared/testing';
import type { WireRequest } from '../../../testing.tsx';
import { renderWithStore } from '../../../testing.tsx';
import { applySnapshot, emptySync } from '../../../store/syncReducer.ts';
import { groupCommander as commander, lead } from '../testing.ts';
import { createVigieStore, type VigieStore } from '../../../store/vigieStore.ts';
import { prefillStatement } from './prefill.ts';
import { StatementsSection } from './StatementsSection.tsx';

const bob = buildActor({ id: 'bob', name: 'Bob Durand' });
const louise = buildActor({ id: 'p0', name: 'Louise Lead' });
/** 11:20 in Paris (09:20 UTC), Saturday 3 August 2024. */
const NOW = new Date('2024-08-03T09:20:00.000Z');

/**
 * Opened 11:00; point n° 1 drafted 11:01 and published 11:02 by Louise; bob drafts another at 11:03
 * (seq 4), with `draft`'s fields; then `extra`.
 */
function events(draft: Partial<StatementFields> = {}, extra: Pick<LogEvent, 'type' | 'data'>[] = []): LogEvent[] {
  const [opened, first, published, second, ...rest] = buildEvents([
    { type: 'incident.opened', data: openedData },
    { type: 'statement.drafted', data: { id: 'st-1', fields: { ...statementFields, cause: 'Cause technique.' } } },
    { type: 'statement.published', data: { id: 'st-1', number: 1 } },
    {
      type: 'statement.drafted',
      data: { id: 'st-2', fields: { ...statementFields, body: 'Deuxième point.', ...draft } },
    },
    ...extra,
  ]);
  return [
    opened!,
    first!,
    { ...published!, by: louise },
    { ...second!, by: bob },
    ...rest.map((e) => ({ ...e, by: louise })),
  ];
}

/** Replaces the store's copy with the staff projection (drafts included) of `list`, as the console receives it. */
function receive(store: VigieStore, list: LogEvent[]) {
  const registry = buildRegistry();
  const state = list.reduce(applyEvent, initialSituation(registry, buildMeta()));
  act(() =>
    store.getState().setSync(
      applySnapshot(emptySync, {
        audience: 'staff',
        logId: state.logId,
        seq: state.seq,
        state: projectSituation(state, 'staff'),
        registry,
      }),
    ),
  );
  return { state, registry };
}

function setup(
  session: SessionInfo,
  reply: Reply = { ok: true, data: { commandId: 'c1', seq: 9, statementId: 'st-3' } },
  list: LogEvent[] = events(),
) {
  const store = createVigieStore({ lang: 'fr' });
  const { state, registry } = receive(store, list);
  act(() => store.getState().setSessionInfo(session));
  const request = vi.fn<WireRequest>(() => Promise.resolve(reply));
  renderWithStore(<StatementsSection />, store, request);
  return { request, state, registry, store };
}

const drafts = () => within(screen.getByRole('region', { name: 'Brouillons' }));

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('StatementsSection', () => {
  it('opens a new point pre-filled from the situation, numbered after the last published one, and drafts it', async () => {
    const { request, state, registry } = setup(commander);
    fireEvent.click(screen.getByRole('button', { name: 'Nouveau point de situation' }));
    const heading = screen.getByRole('heading', {
      name: 'Point de situation n° 2 (numéro attribué à la publication) — préparé sam. 11:20',
    });
    expect(document.activeElement).toBe(heading);
    // Nobody reported on the SAMU yet: the draft says so rather than "non affectés".
    expect(screen.getByLabelText<HTMLTextAreaElement>('SAMU – Centre 15').value).toBe(
      'SAMU – Centre 15 : SAMU de Paris (non renseigné)',
    );
    expect(screen.getByLabelText<HTMLInputElement>('Prochain point (heure de Paris)').value).toBe('2024-08-03T13:00');
    fireEvent.change(screen.getByLabelText('Impact pour les patients'), {
      target: { value: 'Aucun transfert de patient.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le brouillon' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    expect(request).toHaveBeenCalledWith('statement:draft', {
      fields: {
        ...prefillStatement(state, registry, NOW.getTime()),
        patientImpact: 'Aucun transfert de patient.',
      },
      idempotencyKey: expect.any(String),
    });
    expect(await screen.findByText('Brouillon enregistré.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Enregistrer le brouillon' })).toBeNull();
  });

  it('lists drafts with who wrote them, and lets a commander edit one but not publish it', async () => {
    const { request } = setup(commander);
    expect(drafts().getByRole('heading', { name: 'rédigé sam. 11:03 par Bob Durand' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Publier/ })).toBeNull();
    expect(screen.getByText('Seule la direction de crise publie un point de situation.')).toBeTruthy();

    fireEvent.click(drafts().getByRole('button', { name: 'Modifier' }));
    fireEvent.change(screen.getByLabelText('Précisions'), { target: { value: 'Deuxième point, relu.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les modifications' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    expect(request).toHaveBeenCalledWith('statement:edit', {
      statementId: 'st-2',
      fields: { ...statementFields, body: 'Deuxième point, relu.' },
      expectedVersion: 4,
      idempotencyKey: expect.any(String),
    });
  });

  it('sends back an untouched time of the next point as it was, to the second, even on the night clocks go back', async () => {
    // 02:30:45 summer time on 27 October 2024: read back from the field's 02:30, it would be the second 02:30, an hour later.
    const nextPointAt = '2024-10-27T00:30:45.000Z';
    const { request } = setup(commander, undefined, events({ nextPointAt }));
    fireEvent.click(drafts().getByRole('button', { name: 'Modifier' }));
    const time = screen.getByLabelText<HTMLInputElement>('Prochain point (heure de Paris)');
    expect(time.value).toBe('2024-10-27T02:30');
    fireEvent.change(screen.getByLabelText('Précisions'), { target: { value: 'Deuxième point, relu.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les modifications' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    expect(request.mock.calls[0]![1]).toMatchObject({ fields: { nextPointAt } });
  });

  it('reads a time of the next point the person changed as Paris time', async () => {
    const { request } = setup(commander, undefined, events({ nextPointAt: '2024-08-03T11:00:30.000Z' }));
    fireEvent.click(drafts().getByRole('button', { name: 'Modifier' }));
    fireEvent.change(screen.getByLabelText('Prochain point (heure de Paris)'), {
      target: { value: '2024-08-03T14:00' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les modifications' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    expect(request.mock.calls[0]![1]).toMatchObject({ fields: { nextPointAt: '2024-08-03T12:00:00.000Z' } });
  });

  it('moves the focus to the published points once the draft is published', async () => {
    const { request, store } = setup(lead);
    // The publication's event arrives before the reply: the draft's line, where the focus was, leaves the list.
    request.mockImplementation(() => {
      receive(store, events({}, [{ type: 'statement.published', data: { id: 'st-2', number: 2 } }]));
      return Promise.resolve({ ok: true, data: { commandId: 'c2', seq: 5 } });
    });
    fireEvent.click(drafts().getByRole('button', { name: 'Publier le point n° 2' }));
    fireEvent.click(drafts().getByRole('button', { name: 'Confirmer' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    const published = screen.getByRole('region', { name: 'Points publiés' });
    await waitFor(() => expect(document.activeElement).toBe(within(published).getByRole('heading', { level: 3 })));
    expect(within(published).getByRole('heading', { name: 'Point de situation n° 2' })).toBeTruthy();
    expect(screen.getByText('Aucun brouillon.', { exact: false })).toBeTruthy();
  });

  it('says a point was published, by its number, and no longer that a draft was saved', async () => {
    const { request, store } = setup(lead);
    fireEvent.click(drafts().getByRole('button', { name: 'Modifier' }));
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les modifications' }));
    expect((await screen.findByText('Brouillon enregistré.')).getAttribute('role')).toBe('status');

    request.mockImplementation(() => {
      receive(store, events({}, [{ type: 'statement.published', data: { id: 'st-2', number: 2 } }]));
      return Promise.resolve({ ok: true, data: { commandId: 'c2', seq: 5 } });
    });
    fireEvent.click(drafts().getByRole('button', { name: 'Publier le point n° 2' }));
    fireEvent.click(drafts().getByRole('button', { name: 'Confirmer' }));

    const published = within(screen.getByRole('region', { name: 'Points publiés' }));
    expect((await published.findByRole('status')).textContent).toBe('Point de situation n° 2 publié.');
    expect(screen.queryByText('Brouillon enregistré.')).toBeNull();
  });

  it('makes each box of the form as tall as its text, a few lines at least', () => {
    setup(commander);
    fireEvent.click(screen.getByRole('button', { name: 'Nouveau point de situation' }));
    const line = screen.getByLabelText<HTMLTextAreaElement>('SAMU – Centre 15');
    expect(line.classList.contains('growing-textarea')).toBe(true);
    expect(line.getAttribute('rows')).toBe('3');
    expect(line.style.minHeight).toBe('calc(3lh + 0.8rem + 2px)');
  });

  it('lets only the lead publish, and only after confirmation, with the version seen', async () => {
    const { request } = setup(lead);
    fireEvent.click(drafts().getByRole('button', { name: 'Publier le point n° 2' }));
    expect(
      drafts().getByText(
        'Publier ce brouillon comme point de situation n° 2 ? Il sera visible de tous, synthèse publique comprise.',
      ),
    ).toBeTruthy();
    expect(request).not.toHaveBeenCalled();
    fireEvent.click(drafts().getByRole('button', { name: 'Confirmer' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    expect(request).toHaveBeenCalledWith('statement:publish', {
      statementId: 'st-2',
      expectedVersion: 4,
      idempotencyKey: expect.any(String),
    });
  });

  it('lists published points with their number, who published them and when, and prints one alone', () => {
    const print = vi.fn();
    vi.stubGlobal('print', print);
    setup(commander);
    const published = within(screen.getByRole('region', { name: 'Points publiés' }));
    expect(published.getByRole('heading', { name: 'Point de situation n° 1' })).toBeTruthy();
    expect(published.getByText('publié sam. 11:02 par Louise Lead')).toBeTruthy();

    fireEvent.click(published.getByRole('button', { name: 'Imprimer (A4) — le point de situation n° 1' }));
    expect(print).toHaveBeenCalledTimes(1);
    expect(document.documentElement.dataset.printStatement).toBe('');
    const sheet = screen.getByTestId('statement-print');
    expect(sheet.parentElement).toBe(document.body);
    expect(sheet.querySelector('h1')?.textContent).toBe('Point de situation n° 1');
    expect(sheet.textContent).toContain('Cause technique.');
    expect(sheet.textContent).toContain('Publié le samedi 3 août 2024');

    act(() => {
      window.dispatchEvent(new Event('afterprint'));
    });
    expect(document.documentElement.dataset.printStatement).toBeUndefined();
    expect(screen.queryByTestId('statement-print')).toBeNull();
  });
});
