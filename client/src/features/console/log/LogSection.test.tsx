import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Reply } from '@vigie/shared';
import { buildEvents, openedData } from '@vigie/shared/testing';
import type { WireRequest } from '../../../testing.tsx';
import { buildSituationStore, renderWithStore } from '../../../testing.tsx';
import { LogSection } from './LogSection.tsx';
import { groupCommander as commander } from '../testing.ts';

function setup(reply: Reply = { ok: true, data: { commandId: 'c1', seq: 5 } }) {
  const store = buildSituationStore(
    buildEvents([
      { type: 'incident.opened', data: openedData },
      {
        type: 'log.entry-added',
        data: {
          type: 'decision',
          text: 'Passage en procédures dégradées',
          verification: null,
          owner: null,
          dueAt: null,
          effectiveAt: null,
        },
      },
    ]),
  );
  act(() => store.getState().setSessionInfo(commander));
  const request = vi.fn<WireRequest>(() => Promise.resolve(reply));
  renderWithStore(<LogSection />, store, request);
  const form = within(screen.getByRole('region', { name: 'Nouvelle entrée' }));
  return { request, form };
}

/** Disabled while sending: by the form's fieldset (happy-dom's `:disabled` does not follow it). */
const disabled = (control: HTMLElement) => control.closest('fieldset')?.disabled === true;

afterEach(() => cleanup());

describe('LogSection', () => {
  it('offers every entry type in words', () => {
    const { form } = setup();
    const options = within(form.getByLabelText('Type d’entrée')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Information', 'Décision', 'Action', 'Communication']);
  });

  it('sends log:add-entry with the chosen type, owner and deadline read as Paris time, then clears the text and keeps the focus on it', async () => {
    const { request, form } = setup();
    fireEvent.change(form.getByLabelText('Type d’entrée'), { target: { value: 'action' } });
    const text = form.getByLabelText('Texte');
    fireEvent.change(text, { target: { value: '  Distribuer les kits papier  ' } });
    fireEvent.change(form.getByLabelText('Responsable de l’action (facultatif)'), {
      target: { value: 'Cadre de garde' },
    });
    fireEvent.change(form.getByLabelText('Échéance (heure de Paris, facultative)'), {
      target: { value: '2024-08-03T14:00' },
    });
    fireEvent.click(form.getByRole('button', { name: 'Ajouter à la main courante' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    expect(request).toHaveBeenCalledWith('log:add-entry', {
      type: 'action',
      text: 'Distribuer les kits papier',
      owner: 'Cadre de garde',
      dueAt: '2024-08-03T12:00:00.000Z',
      idempotencyKey: expect.any(String),
    });
    await waitFor(() => expect((text as HTMLTextAreaElement).value).toBe(''));
    await waitFor(() => expect(document.activeElement).toBe(text));
    expect(form.getByLabelText<HTMLSelectElement>('Type d’entrée').value).toBe('action');
  });

  it('sends an information with its verification and an earlier effective time', async () => {
    const { request, form } = setup();
    fireEvent.change(form.getByLabelText('Texte'), { target: { value: 'Téléphonie rétablie à Un' } });
    fireEvent.change(form.getByLabelText('Vérification'), { target: { value: 'verifiee' } });
    fireEvent.change(form.getByLabelText('Heure effective, si antérieure (heure de Paris, facultative)'), {
      target: { value: '2024-08-03T05:00' },
    });
    fireEvent.click(form.getByRole('button', { name: 'Ajouter à la main courante' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    expect(request).toHaveBeenCalledWith('log:add-entry', {
      type: 'information',
      text: 'Téléphonie rétablie à Un',
      verification: 'verifiee',
      effectiveAt: '2024-08-03T03:00:00.000Z',
      idempotencyKey: expect.any(String),
    });
  });

  it('disables the fields while an entry is sent, and keeps what was written meanwhile when the reply comes', async () => {
    const { request, form } = setup();
    let answer: (reply: Reply) => void = () => undefined;
    request.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    const text = form.getByLabelText<HTMLTextAreaElement>('Texte');
    fireEvent.change(text, { target: { value: 'Point ARS à 15:00' } });
    fireEvent.click(form.getByRole('button', { name: 'Ajouter à la main courante' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    expect(disabled(text)).toBe(true);
    expect(disabled(form.getByLabelText('Type d’entrée'))).toBe(true);
    expect(disabled(form.getByRole('button', { name: 'Ajouter à la main courante' }))).toBe(true);
    expect(form.getByRole('status').textContent).toBe('Envoi…');

    // Written all the same (the control was disabled): the reply to the earlier entry does not wipe it.
    fireEvent.change(text, { target: { value: 'Point ARS à 16:00' } });
    act(() => answer({ ok: true, data: { commandId: 'c1', seq: 5 } }));
    await waitFor(() => expect(disabled(text)).toBe(false));
    expect(text.value).toBe('Point ARS à 16:00');
    // The focus comes back in an effect after the fields are enabled: wait for it rather than race it.
    await waitFor(() => expect(document.activeElement).toBe(text));
  });

  it('refuses an empty text before sending and puts the focus on it', () => {
    const { request, form } = setup();
    fireEvent.change(form.getByLabelText('Texte'), { target: { value: '   ' } });
    fireEvent.click(form.getByRole('button', { name: 'Ajouter à la main courante' }));
    expect(form.getByText('Écrivez le texte de l’entrée.')).toBeTruthy();
    expect(document.activeElement).toBe(form.getByLabelText('Texte'));
    expect(request).not.toHaveBeenCalled();
  });

  it('keeps the text when the server refuses the entry', async () => {
    const { form } = setup({ ok: false, error: { code: 'forbidden', message: 'no' } });
    fireEvent.change(form.getByLabelText('Texte'), { target: { value: 'Point ARS à 15:00' } });
    fireEvent.click(form.getByRole('button', { name: 'Ajouter à la main courante' }));
    expect((await form.findByRole('alert')).textContent).toBe(
      'Votre rôle ou votre périmètre ne permet pas cette action.',
    );
    expect(form.getByLabelText<HTMLTextAreaElement>('Texte').value).toBe('Point ARS à 15:00');
  });

  it('shows the latest entries below the form, with who wrote them', () => {
    setup();
    const entry = document.querySelector('[data-seq="2"]');
    expect(entry?.textContent).toContain('Passage en procédures dégradées');
    expect(entry?.textContent).toContain('Alice Martin (console)');
  });
});
