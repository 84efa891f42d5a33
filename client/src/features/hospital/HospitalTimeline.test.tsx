import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  applyEvent,
  initialSituation,
  projectSituation,
  type ItemHistoryEntry,
  type LogEvent,
  type QueryInput,
  type Registry,
  type Reply,
} from '@vigie/shared';
import {
  buildActor,
  buildEvents,
  buildLogEntry,
  buildMeta,
  buildRegistry,
  openedData,
  statementFields,
} from '@vigie/shared/testing';
import type { WireRequest } from '../../testing.tsx';
import { buildSituationStore, renderWithStore } from '../../testing.tsx';
import { applySnapshot } from '../../store/syncReducer.ts';
import type { VigieStore } from '../../store/vigieStore.ts';
import { HospitalPage } from './HospitalPage.tsx';

afterEach(cleanup);

/** The factory's two hospitals, named as AP-HP ones so the texts can name them. */
function registry(): Registry {
  const base = buildRegistry();
  return buildRegistry({
    hospitals: [
      { ...base.hospitals[0]!, shortName: 'Bichat', name: 'Hôpital Bichat – Claude-Bernard' },
      { ...base.hospitals[1]!, shortName: 'Cochin', name: 'Hôpital Cochin – Port-Royal' },
    ],
  });
}

const claire = buildActor({ id: 'claire', name: 'Claire Martin' });
const mode = (value: string, effectiveAt: string | null = null) =>
  ({
    type: 'value.set',
    data: { item: { kind: 'operating-mode', id: 'h1', value }, effectiveAt, hold: false },
  }) as const;

/** Events one minute apart from 09:00 UTC (11:00 in Paris, Saturday 3 August 2024). */
function events(): LogEvent[] {
  return buildEvents([
    { type: 'incident.opened', data: openedData },
    mode('procedures-degradees', '2024-08-03T09:01:30.000Z'),
    buildLogEntry('Bichat : téléphonie coupée, DECT seuls.'),
    buildLogEntry('Cochin reprend les admissions.'),
    {
      type: 'statement.drafted',
      data: { id: 'st-1', fields: { ...statementFields, emergencies: 'Urgences de Bichat ouvertes.' } },
    },
    { type: 'statement.published', data: { id: 'st-1', number: 1 } },
  ]).map((e) => (e.type === 'log.entry-added' ? { ...e, by: claire } : e));
}

/** Answers `history:item` from the events as the server would, `pageSize` writes a page at most. */
function historyServer(log: () => LogEvent[], pageSize = 50) {
  return vi.fn<WireRequest>((name, input) => {
    if (name !== 'history:item')
      return Promise.resolve<Reply>({ ok: false, error: { code: 'not_found', message: name } });
    const { item, before, limit = 50 } = input as QueryInput<'history:item'>;
    const writes = log()
      .flatMap((e): ItemHistoryEntry[] =>
        e.type === 'value.set' &&
        e.data.item.kind === item.kind &&
        e.data.item.id === item.id &&
        (before === undefined || e.seq < before)
          ? [
              {
                seq: e.seq,
                type: e.type,
                value: e.data.item.value,
                by: e.by,
                recordedAt: e.recordedAt,
                effectiveAt: e.data.effectiveAt,
              },
            ]
          : [],
      )
      .reverse();
    const size = Math.min(limit, pageSize);
    const entries = writes.slice(0, size);
    return Promise.resolve<Reply>({
      ok: true,
      data: { entries, before: entries.length === size ? (entries.at(-1)?.seq ?? null) : null },
    });
  });
}

function setEvents(store: VigieStore, all: LogEvent[], r: Registry) {
  const state = all.reduce(applyEvent, initialSituation(r, buildMeta()));
  act(() =>
    store.getState().setSync(
      applySnapshot(store.getState().sync, {
        audience: 'viewer',
        logId: state.logId,
        seq: state.seq,
        state: projectSituation(state, 'viewer'),
        registry: r,
      }),
    ),
  );
}

const timeline = () => screen.getByRole('region', { name: /Chronologie|Timeline/ });
const lines = () => within(timeline()).queryAllByRole('listitem');

describe('HospitalTimeline', () => {
  it('lists the hospital’s values, the entries naming it and the points mentioning it, newest first, with time, kind and author', async () => {
    const r = registry();
    const log = events();
    const request = historyServer(() => log);
    renderWithStore(<HospitalPage hospitalId="h1" />, buildSituationStore(log, { registry: r }), request);

    await waitFor(() => expect(lines()).toHaveLength(3));
    expect(request).toHaveBeenCalledWith('history:item', { item: { kind: 'operating-mode', id: 'h1' }, limit: 50 });
    const [point, entry, value] = lines().map((li) => li.textContent);
    expect(point).toMatch(/^sam\. 11:05 point de situation par Alice Martin/);
    expect(point).toContain('Point de situation n° 1');
    expect(point).toContain('Urgences : Urgences de Bichat ouvertes.');
    expect(entry).toMatch(/^sam\. 11:02 main courante par Claire Martin/);
    expect(entry).toContain('Décision : Bichat : téléphonie coupée, DECT seuls.');
    // When it took effect, not when it was entered.
    expect(value).toMatch(/^sam\. 11:01 valeur par Alice Martin/);
    expect(value).toContain('Fonctionnement : ');
    expect(value).toContain('Procédures dégradées (papier)');
    expect(timeline().textContent).not.toContain('Cochin reprend');
    expect(within(timeline()).getByRole('status').textContent).toBe('Début de l’incident.');
  });

  it('follows the copy: a new write and a new entry naming the hospital come in at the top', async () => {
    const r = registry();
    let log = events();
    const request = historyServer(() => log);
    const store = buildSituationStore(log, { registry: r });
    renderWithStore(<HospitalPage hospitalId="h1" />, store, request);
    await waitFor(() => expect(lines()).toHaveLength(3));

    log = [
      ...log,
      ...buildEvents([mode('normal'), buildLogEntry('Retour à la normale à l’hôpital Bichat.')], {
        firstSeq: 7,
        start: '2024-08-03T10:00:00.000Z',
      }),
    ];
    setEvents(store, log, r);
    await waitFor(() => expect(lines()).toHaveLength(5));
    expect(lines()[0]!.textContent).toContain('Retour à la normale à l’hôpital Bichat.');
    expect(lines()[1]!.textContent).toContain('Normal');
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('holds back what lies below a source’s cursor and pages it with "Plus ancien"', async () => {
    const r = registry();
    const log = [...events(), ...buildEvents([mode('normal')], { firstSeq: 7, start: '2024-08-03T10:00:00.000Z' })];
    // One write a page: the older write (seq 2) is not read yet, so nothing older than seq 7 shows.
    const request = historyServer(() => log, 1);
    renderWithStore(<HospitalPage hospitalId="h1" />, buildSituationStore(log, { registry: r }), request);

    await waitFor(() => expect(lines()).toHaveLength(1));
    expect(lines()[0]!.textContent).toContain('Normal');
    expect(within(timeline()).getByRole('status').textContent).toBe('Affichée depuis sam. 12:00.');

    fireEvent.click(within(timeline()).getByRole('button', { name: /Plus ancien/ }));
    expect(request).toHaveBeenLastCalledWith('history:item', {
      item: { kind: 'operating-mode', id: 'h1' },
      limit: 50,
      before: 7,
    });
    await waitFor(() => expect(lines()).toHaveLength(4));
    fireEvent.click(within(timeline()).getByRole('button', { name: /Plus ancien/ }));
    await waitFor(() => expect(within(timeline()).queryByRole('button', { name: /Plus ancien/ })).toBeNull());
    expect(within(timeline()).getByRole('status').textContent).toBe('Début de l’incident.');
  });

  it('says when values cannot be read, offers to try again, and speaks English on request', async () => {
    const r = registry();
    const log = events();
    let refuse = true;
    const server = historyServer(() => log);
    const request = vi.fn<WireRequest>((name, input) =>
      refuse ? Promise.resolve<Reply>({ ok: false, error: { code: 'forbidden', message: 'no' } }) : server(name, input),
    );
    renderWithStore(<HospitalPage hospitalId="h1" />, buildSituationStore(log, { registry: r, lang: 'en' }), request);

    const alert = await within(timeline()).findByRole('alert');
    expect(alert.textContent).toContain('Some values could not be read: not allowed.');
    // The entries and points still show.
    expect(lines().map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Sat 11:05 situation report by Alice Martin/) as string,
      expect.stringMatching(/^Sat 11:02 log book by Claire Martin/) as string,
    ]);

    refuse = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(lines()).toHaveLength(3));
    expect(lines()[2]!.textContent).toMatch(/^Sat 11:01 value by Alice Martin.*Operating mode: /);
    expect(within(timeline()).queryByRole('alert')).toBeNull();
  });
});
