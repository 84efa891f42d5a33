import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  applyEvent,
  initialSituation,
  projectSituation,
  type LogEvent,
  type Reply,
  type SessionInfo,
} from '@vigie/shared';
import { buildActor, buildEvents, buildMeta, buildRegistry, openedData } from '@vigie/shared/testing';
import type { WireRequest } from '../../../testing.tsx';
import { buildSituationStore, renderWithStore } from '../../../testing.tsx';
import { applySnapshot, emptySync } from '../../../store/syncReducer.ts';
import { groupCommander as commander, lead } from '../testing.ts';
import type { VigieStore } from '../../../store/vigieStore.ts';
import { IncidentSection } from './IncidentSection.tsx';

const bob = buildActor({ id: 'bob', name: 'Bob Durand' });

/** Opened at 09:00 UTC (11:00 Paris); bob sets the cause at 11:01 (seq 2); a first estimate at 11:02 (seq 3). */
function events(extra: Pick<LogEvent, 'type' | 'data'>[] = []): LogEvent[] {
  const [opened, cause, eta, ...rest] = buildEvents([
    { type: 'incident.opened', data: openedData },
    {
      type: 'incident.updated',
      data: { cause: 'technique', causeNote: 'sans lien avec une attaque cyber ou un sabotage' },
    },
    {
      type: 'eta.revised',
      data: { label: 'dimanche matin', targetAt: null, reason: 'premier bilan', effectiveAt: null },
    },
    ...extra,
  ]);
  return [opened!, { ...cause!, by: bob }, eta!, ...rest.map((e) => ({ ...e, by: bob }))];
}

const saved: Reply = { ok: true, data: { commandId: 'c1', seq: 10 } };

function setup(session: SessionInfo | null, list: LogEvent[] = events(), reply: Reply = saved) {
  const store = buildSituationStore(list);
  if (session) act(() => store.getState().setSessionInfo(session));
  const request = vi.fn<WireRequest>(() => Promise.resolve(reply));
  renderWithStore(<IncidentSection />, store, request);
  return { store, request };
}

/** Replaces the store's copy, as a snapshot from the server would. */
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
}

/** Disabled while sending: by the form's fieldset (happy-dom's `:disabled` does not follow it). */
const disabled = (control: HTMLElement) => control.closest('fieldset')?.disabled === true;

afterEach(() => cleanup());

describe('IncidentSection', () => {
  it('sends incident:update with the changed fields and the version seen when editing began', async () => {
    const { store, request } = setup(lead);
    fireEvent.change(screen.getByLabelText('Phase'), { target: { value: 'qualification' } });
    // Someone else changes the incident meanwhile: the form still carries the version it started from.
    receive(store, events([{ type: 'incident.updated', data: { patientImpact: 'Aucun.' } }]));
    expect(screen.getByText(/L’incident a été modifié depuis que vous avez commencé/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les faits de l’incident' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    expect(request).toHaveBeenCalledWith('incident:update', {
      fields: { phase: 'qualification' },
      expectedVersion: 2,
      idempotencyKey: expect.any(String),
    });
  });

  it('sends the power restoration time read as Paris time, and an emptied sentence as null', async () => {
    const { request } = setup(lead);
    const facts = within(screen.getByRole('region', { name: 'Faits de l’incident' }));
    fireEvent.change(facts.getByLabelText('Électricité rétablie à (heure de Paris)'), {
      target: { value: '2024-08-03T14:15' },
    });
    fireEvent.change(facts.getByLabelText('Phrase de la cause (affichée sur le mur, facultative)'), {
      target: { value: '  ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les faits de l’incident' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    expect(request.mock.calls[0]![1]).toMatchObject({
      fields: { powerRestoredAt: '2024-08-03T12:15:00.000Z', causeNote: null },
      expectedVersion: 2,
    });
  });

  it('says who changed the incident when the save meets a conflict, and starts again from the values now', async () => {
    const list = events();
    const current = list.reduce(applyEvent, initialSituation(buildRegistry(), buildMeta())).incident;
    const { request } = setup(lead, list, {
      ok: false,
      error: { code: 'conflict', message: 'changed', details: { current } },
    });
    const phase = screen.getByLabelText('Phase');
    fireEvent.change(phase, { target: { value: 'endiguement' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les faits de l’incident' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Modifié entre-temps : rien n’a été enregistré.');
    expect(alert.textContent).toContain('par Bob Durand (console)');
    fireEvent.click(screen.getByRole('button', { name: 'Repartir des valeurs actuelles' }));
    expect((phase as HTMLSelectElement).value).toBe('alerte');
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('refuses to save when nothing changed', () => {
    const { request } = setup(lead);
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les faits de l’incident' }));
    expect(screen.getByRole('alert').textContent).toBe('Aucune modification à enregistrer.');
    expect(request).not.toHaveBeenCalled();
  });

  it('shows a plain commander the facts read-only, with who changed the incident last', () => {
    setup(commander);
    const facts = screen.getByTestId('incident-facts');
    expect(within(facts).getByText('Technique')).toBeTruthy();
    expect(within(facts).getByText('sans lien avec une attaque cyber ou un sabotage')).toBeTruthy();
    expect(within(facts).getByText('pas encore rétablie')).toBeTruthy();
    expect(screen.getByTestId('incident-provenance').textContent).toBe(
      'Dernière modification de l’incident : mis à jour sam. 11:01 par Bob Durand (console)',
    );
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText('Seule la direction de crise modifie ces valeurs.')).toBeTruthy();
    expect(screen.getByText('Seule la direction de crise révise l’estimation.')).toBeTruthy();
  });

  it('lists every revision of the estimate with when, what and why', () => {
    setup(
      commander,
      events([
        {
          type: 'eta.revised',
          data: {
            label: 'dimanche fin d’après-midi',
            targetAt: '2024-08-04T16:00:00.000Z',
            reason: 'réseau plus long que prévu',
            effectiveAt: null,
          },
        },
      ]),
    );
    expect(screen.getByText('annoncé initialement : dimanche matin →', { exact: false })).toBeTruthy();
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'sam. 11:03 — dimanche fin d’après-midi (heure visée : dim. 18:00) — raison : réseau plus long que prévu — par Bob Durand (console)',
      'sam. 11:02 — dimanche matin — raison : premier bilan — par Alice Martin (console)',
    ]);
  });

  it('refuses a revision of the estimate without a reason before sending it', async () => {
    const { request } = setup(lead);
    fireEvent.change(screen.getByLabelText('Nouvelle estimation, en mots'), {
      target: { value: 'dimanche fin d’après-midi' },
    });
    fireEvent.change(screen.getByLabelText('Heure visée (heure de Paris, facultative)'), {
      target: { value: '2024-08-04T18:00' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la révision' }));
    const reason = screen.getByLabelText('Raison de la révision');
    expect(screen.getByText('Indiquez la raison de la révision.')).toBeTruthy();
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(reason);
    expect(request).not.toHaveBeenCalled();

    fireEvent.change(reason, { target: { value: 'réseau plus long que prévu' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la révision' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    expect(request).toHaveBeenCalledWith('eta:revise', {
      label: 'dimanche fin d’après-midi',
      targetAt: '2024-08-04T16:00:00.000Z',
      reason: 'réseau plus long que prévu',
      expectedVersion: 3,
      idempotencyKey: expect.any(String),
    });
    await waitFor(() => expect((reason as HTMLInputElement).value).toBe(''));
  });

  it('disables the revision of the estimate while it is sent, then empties it for the next one', async () => {
    const { request } = setup(lead);
    let answer: (reply: Reply) => void = () => undefined;
    request.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    const label = screen.getByLabelText<HTMLInputElement>('Nouvelle estimation, en mots');
    fireEvent.change(label, { target: { value: 'dimanche soir' } });
    fireEvent.change(screen.getByLabelText('Raison de la révision'), { target: { value: 'réseau plus long' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la révision' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    expect(disabled(label)).toBe(true);
    act(() => answer(saved));
    await waitFor(() => expect(disabled(label)).toBe(false));
    expect(label.value).toBe('');
  });

  it('keeps the facts being saved on screen, disabled until the reply', async () => {
    const { request } = setup(lead);
    let answer: (reply: Reply) => void = () => undefined;
    request.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    const phase = screen.getByLabelText<HTMLSelectElement>('Phase');
    fireEvent.change(phase, { target: { value: 'qualification' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les faits de l’incident' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    expect(disabled(phase)).toBe(true);
    act(() => answer(saved));
    await waitFor(() => expect(disabled(phase)).toBe(false));
    expect(phase.value).toBe('qualification');
    expect(screen.getByRole('status').textContent).toBe('Enregistré.');
  });

  it('closes the incident only after confirmation, with the version seen', async () => {
    const { request } = setup(lead);
    fireEvent.click(screen.getByRole('button', { name: 'Clôturer l’incident' }));
    expect(screen.getByText(/Clôturer l’incident « Panne » \?/)).toBeTruthy();
    expect(request).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    expect(request).toHaveBeenCalledWith('incident:close', { expectedVersion: 2, idempotencyKey: expect.any(String) });
  });

  it('offers only opening when there is no incident, asks for a title, then opens after confirmation', async () => {
    const { request } = setup(lead, []);
    expect(screen.getByText('Aucun incident en cours.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Clôturer l’incident' })).toBeNull();
    expect(screen.queryByLabelText('Phase')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Ouvrir l’incident' }));
    expect(screen.getByText('Indiquez le titre de l’incident.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Titre de l’incident'));

    fireEvent.change(screen.getByLabelText('Titre de l’incident'), { target: { value: 'Panne du centre de données' } });
    const openForm = within(screen.getByRole('form', { name: 'Ouvrir un nouvel incident' }));
    fireEvent.change(openForm.getByLabelText('Cause'), { target: { value: 'technique' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ouvrir l’incident' }));
    expect(
      screen.getByText('Ouvrir l’incident « Panne du centre de données » ? Une nouvelle main courante commence.'),
    ).toBeTruthy();
    expect(request).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    expect(request).toHaveBeenCalledWith('incident:open', {
      type: 'sse-numerique',
      title: 'Panne du centre de données',
      cause: 'technique',
      causeNote: null,
      idempotencyKey: expect.any(String),
    });
  });

  it('offers a commander nothing to open when there is no incident', () => {
    setup(commander, []);
    expect(screen.getByText('La direction de crise ouvre l’incident.')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
