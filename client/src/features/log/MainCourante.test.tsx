import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logEntriesOf, SITUATION_LOG_ENTRIES, type EventData, type LogEntry } from '@vigie/shared';
import { buildEvents, openedData } from '@vigie/shared/testing';
import type { WireRequest } from '../../testing.tsx';
import { buildSituationStore, renderWithStore } from '../../testing.tsx';
import { MainCourante } from './MainCourante.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const entry = (data: Partial<EventData<'log.entry-added'>> & Pick<EventData<'log.entry-added'>, 'type' | 'text'>) => ({
  type: 'log.entry-added' as const,
  data: { verification: null, owner: null, dueAt: null, effectiveAt: null, ...data },
});

/** Five human entries (09:01–09:05 UTC) and two state changes (09:06, 09:07), hence two journal lines. */
function renderLog(variant: 'overview' | 'wall', limit?: number) {
  const events = buildEvents([
    { type: 'incident.opened', data: openedData },
    entry({ type: 'information', text: 'Panne électrique signalée au centre de données.', verification: 'a-verifier' }),
    entry({ type: 'decision', text: 'Passage en procédures dégradées.' }),
    entry({
      type: 'action',
      text: 'Distribuer les kits papier.',
      owner: 'Cadre de garde',
      dueAt: '2024-08-03T12:00:00.000Z',
    }),
    entry({ type: 'communication', text: 'Message aux équipes envoyé.' }),
    entry({ type: 'information', text: 'Coupure confirmée par l’hébergeur.', verification: 'verifiee' }),
    {
      type: 'value.set',
      data: { item: { kind: 'system', id: 'h1:dpi', value: 'indisponible' }, effectiveAt: null, hold: false },
    },
    {
      type: 'value.set',
      data: {
        item: {
          kind: 'emergency',
          id: 'h2-adulte',
          value: { status: 'delestage', targetSiteId: 'h1', nextReviewAt: null, note: null },
        },
        effectiveAt: null,
        hold: true,
      },
    },
  ]);
  renderWithStore(<MainCourante variant={variant} limit={limit} />, buildSituationStore(events));
}

const entries = () =>
  [...document.querySelectorAll<HTMLElement>('.main-courante__entries > li')].map((li) => li.dataset.type);

describe('MainCourante', () => {
  it('lists the human entries newest first, with verification, owner and deadline', () => {
    renderLog('overview');
    expect(entries()).toEqual(['information', 'communication', 'action', 'decision', 'information']);
    const [latest] = document.querySelectorAll<HTMLElement>('.main-courante__entries > li');
    // 09:05 UTC is 11:05 in Paris in August.
    expect(latest!.textContent).toContain('sam. 11:05');
    expect(latest!.textContent).toContain('Vérifiée');
    expect(screen.getByText('Panne électrique signalée au centre de données.').closest('li')!.textContent).toContain(
      'À vérifier',
    );
    const action = screen.getByText('Distribuer les kits papier.').closest('li')!;
    expect(action.textContent).toContain('responsable : Cadre de garde');
    expect(action.textContent).toMatch(/échéance : .*14:00/);
  });

  it('filters the entries by type, leaving the automatic journal alone', () => {
    renderLog('overview');
    fireEvent.click(screen.getByRole('radio', { name: 'Action (1)' }));
    expect(entries()).toEqual(['action']);
    fireEvent.click(screen.getByRole('radio', { name: 'Information (2)' }));
    expect(entries()).toEqual(['information', 'information']);
    expect(document.querySelectorAll('.journal-line')).toHaveLength(2);
    fireEvent.click(screen.getByRole('radio', { name: 'Toutes (5)' }));
    expect(entries()).toHaveLength(5);
  });

  it('keeps the automatic journal apart, in words', () => {
    renderLog('overview');
    const journal = screen.getByRole('region', { name: 'Journal automatique' });
    const lines = within(journal)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(lines[0]).toContain('Deux – Urgences adultes : ➜ Délestage vers Site h1 — appliqué');
    expect(lines[1]).toContain('Un – DPI : ✖ Indisponible — appliqué — Alice Martin (console)');
    // No journal line among the human entries, and no human entry in the journal.
    const humanList = document.querySelector('.main-courante__entries')!;
    expect(humanList.textContent).not.toContain('Indisponible');
    expect(journal.textContent).not.toContain('kits papier');
  });

  it('prints this section alone, on request', () => {
    const print = vi.fn();
    vi.stubGlobal('print', print); // happy-dom has no print dialog
    renderLog('overview');
    fireEvent.click(screen.getByRole('button', { name: /Imprimer/ }));
    expect(print).toHaveBeenCalledOnce();
    expect(document.documentElement.dataset.printScope).toBe('main-courante');
    expect(document.querySelector('.main-courante')?.hasAttribute('data-print-root')).toBe(true);
    window.dispatchEvent(new Event('afterprint'));
    expect(document.documentElement.dataset.printScope).toBeUndefined();
    expect(document.querySelector('[data-print-root]')).toBeNull();
  });

  it('shows only the latest entries on the wall, with no controls and no journal', () => {
    renderLog('wall', 2);
    expect(entries()).toEqual(['information', 'communication']);
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(document.querySelector('.journal')).toBeNull();
    expect(document.querySelector('.main-courante--wall')).toBeTruthy();
  });
});

describe('MainCourante with more entries than the copy holds', { timeout: 20_000 }, () => {
  /**
   * Paging renders hundreds of entries per answer: 1.5 s for three pages alone, past findByText's 1 s on
   * a loaded machine. What is asked and shown is the subject, not the speed.
   */
  const paged = { timeout: 10_000 };
  const decisions = (count: number, from: number) =>
    Array.from({ length: count }, (_, i) => entry({ type: 'decision', text: `Décision ${from + i}` }));
  /** The incident and `count` decisions; the entries as the query returns them, newest first. */
  function buildLog(count: number) {
    const events = buildEvents([{ type: 'incident.opened', data: openedData }, ...decisions(count, 1)]);
    const entries = logEntriesOf(events).reverse();
    return { events, entries };
  }
  /** Answers `log:list` from `entries` and records what was asked. */
  function answering(entries: LogEntry[]) {
    const asked: unknown[] = [];
    const request: WireRequest = (event, input) => {
      asked.push({ event, input });
      const { before, limit } = input as { before: number; limit: number };
      const page = entries.filter((e) => e.seq < before).slice(0, limit);
      return Promise.resolve({ ok: true, data: { entries: page, before: page.at(-1)?.seq ?? null } });
    };
    return { asked, request };
  }

  it('shows the latest entries and pages older ones with "Entrées plus anciennes"', async () => {
    const { events, entries } = buildLog(SITUATION_LOG_ENTRIES + 20);
    const { asked, request } = answering(entries);
    renderWithStore(<MainCourante variant="overview" />, buildSituationStore(events), request);
    expect(document.querySelectorAll('.main-courante__entries > li')).toHaveLength(SITUATION_LOG_ENTRIES);
    expect(screen.getByText(`${SITUATION_LOG_ENTRIES} entrées affichées sur 120 dans la main courante.`)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Entrées plus anciennes' }));
    await screen.findByText('120 entrées affichées sur 120 dans la main courante.', {}, paged);
    expect(asked).toEqual([
      { event: 'log:list', input: { before: entries[SITUATION_LOG_ENTRIES - 1]!.seq, limit: 50 } },
    ]);
    expect(screen.getByText('Décision 1')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Entrées plus anciennes' })).toBeNull();
  });

  it('pages at once the entries its copy skipped (more were added than a broadcast carries)', async () => {
    const { events, entries } = buildLog(SITUATION_LOG_ENTRIES + 60);
    const { asked, request } = answering(entries);
    const store = buildSituationStore(events.slice(0, 21));
    renderWithStore(<MainCourante variant="overview" />, store, request);
    expect(document.querySelectorAll('.main-courante__entries > li')).toHaveLength(20);

    const later = buildSituationStore(events);
    act(() => store.getState().setSync(later.getState().sync));
    await screen.findByText('140 entrées affichées sur 160 dans la main courante.', {}, paged);
    expect(asked).toEqual([
      { event: 'log:list', input: { before: entries[SITUATION_LOG_ENTRIES - 1]!.seq, limit: 40 } },
    ]);
    // The twenty entries held before are one click away.
    fireEvent.click(screen.getByRole('button', { name: 'Entrées plus anciennes' }));
    await screen.findByText('160 entrées affichées sur 160 dans la main courante.', {}, paged);
  });

  it('pages skipped entries until none is left, when more were skipped than one page carries', async () => {
    const { events, entries } = buildLog(SITUATION_LOG_ENTRIES + 520);
    const { asked, request } = answering(entries);
    const store = buildSituationStore(events.slice(0, 21));
    renderWithStore(<MainCourante variant="overview" />, store, request);
    const later = buildSituationStore(events);
    act(() => store.getState().setSync(later.getState().sync));
    // 500 skipped (620 in all, 20 held before, 100 in the copy): three pages, asked one after the other.
    await screen.findByText('600 entrées affichées sur 620 dans la main courante.', {}, paged);
    expect(asked.map((a) => (a as { input: { limit: number } }).input.limit)).toEqual([200, 200, 100]);
  });
});
