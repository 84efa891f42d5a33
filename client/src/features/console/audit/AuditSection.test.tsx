import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, AuditPage, Reply } from '@vigie/shared';
import { buildActor } from '@vigie/shared/testing';
import type { WireRequest } from '../../../testing.tsx';
import { buildSituationStore, renderWithStore } from '../../../testing.tsx';
import { AuditSection } from './AuditSection.tsx';

const alice = buildActor();
const bob = buildActor({ id: 'bob', name: 'Bob Durand' });
const registryActor = buildActor({ kind: 'system', id: 'registry', name: 'registre' });
const SESSION = 'a1b2c3d4-secret-rest-of-the-session';

/** An audit line `seq` minutes and 5 seconds after 09:00 UTC (11:00 in Paris, Saturday 3 August 2024). */
function buildEntry(overrides: Partial<AuditEntry> & Pick<AuditEntry, 'seq'>): AuditEntry {
  return {
    type: 'value.set',
    data: { item: { kind: 'system', id: 'h1:dpi', value: 'indisponible' }, effectiveAt: null, hold: false },
    by: alice,
    recordedAt: new Date(Date.parse('2024-08-03T09:00:05.000Z') + overrides.seq * 60_000).toISOString(),
    commandId: `cmd-${overrides.seq}-0123456789`,
    origin: { sessionId: SESSION, address: '10.0.0.7' },
    ...overrides,
  };
}

const published = buildEntry({
  seq: 9,
  type: 'statement.published',
  data: { id: 'st-1', number: 3 },
});
const undo = buildEntry({
  seq: 8,
  data: {
    item: { kind: 'system', id: 'h1:dpi', value: 'operationnel' },
    effectiveAt: null,
    hold: true,
    undoes: 'cmd-5-0123456789',
  },
});
const bulk = [6, 5].map((seq) =>
  buildEntry({
    seq,
    by: bob,
    commandId: 'bulk-command-42',
    data: {
      item: { kind: 'operating-mode', id: seq === 6 ? 'h1' : 'h2', value: 'critique' },
      effectiveAt: null,
      hold: true,
    },
  }),
);
const logEntry = buildEntry({
  seq: 4,
  by: bob,
  type: 'log.entry-added',
  data: {
    type: 'decision',
    text: 'Bascule en procédures dégradées',
    verification: null,
    owner: null,
    dueAt: null,
    effectiveAt: null,
  },
});
const initial = buildEntry({ seq: 1, by: registryActor, origin: { sessionId: null, address: null } });

const reply = (data: AuditPage): Promise<Reply> => Promise.resolve({ ok: true, data });

function renderAudit(request: WireRequest, lang: 'fr' | 'en' = 'fr') {
  return renderWithStore(<AuditSection />, buildSituationStore([], { lang }), request);
}

const rows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);

afterEach(cleanup);

describe('AuditSection', () => {
  it('says who did what, when and from where, in words, with a bulk change marked as one command', async () => {
    const request = vi.fn<WireRequest>(() =>
      reply({ entries: [published, undo, ...bulk, logEntry, initial], before: null }),
    );
    renderAudit(request);
    expect(request).toHaveBeenCalledWith('audit:list', { limit: 100 });

    const table = await screen.findByRole('table', { name: /Journal d’audit : 6 ligne\(s\) affichée\(s\)/ });
    expect(rows().map((row) => within(row).getAllByRole('cell')[1]!.textContent)).toEqual([
      'Point de situation n° 3 publié',
      'Annulation d’une modification (Un – DPI : Opérationnel) — annule la commande cmd-5-01',
      'Un – Fonctionnement : Critique',
      'Deux – Fonctionnement : Critique',
      'Entrée de main courante (décision) : Bascule en procédures dégradées',
      'Un – DPI : Indisponible',
    ]);
    const [first] = rows();
    // Paris time to the second: 09:09:05 UTC is 11:09:05 in Paris in August.
    expect(within(first!).getByRole('rowheader').textContent).toBe('sam. 03/08 11:09:05');
    expect(first!.textContent).toContain('Alice Martin (personne)');
    expect(first!.textContent).toContain('adresse 10.0.0.7');
    expect(first!.textContent).toContain('session a1b2c3d4');
    expect(table.textContent).not.toContain('a1b2c3d4-');

    const initialRow = rows()[5]!;
    expect(within(initialRow).getAllByRole('cell')[0]!.textContent).toBe('registre');
    expect(initialRow.textContent).toContain('non enregistrée');

    const group = document.querySelector('tbody[data-command="bulk-com"]')!;
    expect(within(group as HTMLElement).getAllByRole('row')).toHaveLength(2);
    expect(group.textContent).toContain('modification groupée (2 éléments)');
    expect(within(table).getAllByText(/modification groupée/)).toHaveLength(1);

    // Read only: the only controls are the filters, "Actualiser" and nothing else.
    expect(screen.getAllByRole('combobox')).toHaveLength(2);
    expect(screen.getAllByRole('searchbox')).toHaveLength(1);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      expect.stringContaining('Actualiser') as string,
    ]);
    expect(screen.getByRole('region', { name: /tableau à faire défiler/ }).tabIndex).toBe(0);
    expect(screen.getByRole('status').textContent).toBe('Début du journal : toutes les lignes sont chargées.');
  });

  it('asks the server for one author’s lines when the author filter is set, starting from the newest', async () => {
    const request = vi.fn<WireRequest>((_event, input) =>
      (input as { actorId?: string }).actorId === 'person:bob'
        ? reply({ entries: [...bulk, logEntry], before: null })
        : reply({ entries: [published, undo, ...bulk], before: 5 }),
    );
    renderAudit(request);
    await screen.findByRole('table');

    const author = screen.getByRole('combobox', { name: 'Auteur' });
    expect(
      within(author)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Tous les auteurs', 'Alice Martin (personne)', 'Bob Durand (personne)']);
    fireEvent.change(author, { target: { value: 'person:bob' } });
    expect(request).toHaveBeenLastCalledWith('audit:list', { limit: 100, actorId: 'person:bob' });
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows().every((row) => row.textContent.includes('Bob Durand'))).toBe(true);
    // The other authors stay offered, so the filter can be changed back.
    expect(within(author).getAllByRole('option')).toHaveLength(3);
  });

  it('loads older lines with "Plus" from the reply’s cursor and adds them below, keeping the focus in the table', async () => {
    const request = vi.fn<WireRequest>((_event, input) =>
      (input as { before?: number }).before === 5
        ? reply({ entries: [logEntry, initial], before: null })
        : reply({ entries: [published, undo, ...bulk], before: 5 }),
    );
    renderAudit(request);
    await screen.findByRole('table');
    expect(rows()).toHaveLength(4);

    fireEvent.click(screen.getByRole('button', { name: /Plus/ }));
    expect(request).toHaveBeenLastCalledWith('audit:list', { limit: 100, before: 5 });
    await waitFor(() => expect(rows()).toHaveLength(6));
    expect(rows()[4]!.textContent).toContain('Entrée de main courante (décision)');
    await waitFor(() => expect(screen.queryByRole('button', { name: /Plus/ })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('region', { name: /défiler/ })));
  });

  it('shows only the chosen kind of action, and only the lines containing the words typed', async () => {
    const request = vi.fn<WireRequest>(() =>
      reply({ entries: [published, undo, ...bulk, logEntry, initial], before: null }),
    );
    renderAudit(request);
    await screen.findByRole('table');

    fireEvent.change(screen.getByRole('combobox', { name: 'Type d’action' }), { target: { value: 'statements' } });
    expect(rows().map((row) => row.textContent)).toEqual([
      expect.stringContaining('Point de situation n° 3') as string,
    ]);
    expect(screen.getByRole('table', { name: /1 ligne\(s\) affichée\(s\) sur 6/ })).toBeTruthy();

    fireEvent.change(screen.getByRole('combobox', { name: 'Type d’action' }), { target: { value: 'statuses' } });
    expect(rows()).toHaveLength(4);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Rechercher dans les lignes' }), {
      target: { value: 'critique DEUX' },
    });
    expect(rows().map((row) => within(row).getAllByRole('cell')[1]!.textContent)).toEqual([
      'Deux – Fonctionnement : Critique',
    ]);
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'decision' } });
    expect(rows()).toHaveLength(0);
    expect(screen.getByRole('status').textContent).toBe('Aucune des 6 lignes chargées ne correspond aux filtres.');
  });

  it('says the trail cannot be read when the server refuses it', async () => {
    const request = vi.fn<WireRequest>(() =>
      Promise.resolve<Reply>({ ok: false, error: { code: 'forbidden', message: 'your role does not allow this' } }),
    );
    renderAudit(request);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Journal d’audit indisponible : votre rôle ne permet pas de lire le journal d’audit.',
    );
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Réessayer' })).toBeNull();
  });

  it('says when no readable reply came, and offers to try again', async () => {
    // The socket client answers `internal` for a reply that does not match its schema.
    const request = vi.fn<WireRequest>(() =>
      Promise.resolve<Reply>({ ok: false, error: { code: 'internal', message: 'a reply this page cannot read' } }),
    );
    renderAudit(request);
    expect((await screen.findByRole('alert')).textContent).toContain('serveur injoignable');
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(request).toHaveBeenCalledTimes(2);
    await act(() => Promise.resolve());
  });

  it('speaks English on request', async () => {
    const request = vi.fn<WireRequest>(() => reply({ entries: [published, ...bulk], before: 5 }));
    renderAudit(request, 'en');
    await screen.findByRole('table', { name: /Audit trail: 3 line\(s\) shown of 3 loaded/ });
    expect(rows()[0]!.textContent).toContain('Situation report no. 3 published');
    expect(rows()[0]!.textContent).toContain('Sat 03/08, 11:09:05');
    expect(rows()[1]!.textContent).toContain('bulk change (2 items)');
    expect(screen.getByRole('button', { name: /More/ })).toBeTruthy();
  });
});
