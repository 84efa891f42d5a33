import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReactNode } from 'react';
import type { LogEvent } from '@vigie/shared';
import { buildEvents, openedData } from '@vigie/shared/testing';
import { StoreContext } from '../../store/StoreContext.ts';
import { buildSituationStore, renderWithStore } from '../../testing.tsx';
import { createVigieStore } from '../../store/vigieStore.ts';
import { EtaPanel } from '../eta/EtaPanel.tsx';
import { Headline } from '../headline/Headline.tsx';
import { RecoveryPanel } from '../recovery/RecoveryPanel.tsx';
import { SamuPanel } from '../samu/SamuPanel.tsx';
import { isStale, StaleBanner } from '../../ui/StaleBanner.tsx';

afterEach(cleanup);

type Body = Pick<LogEvent, 'type' | 'data'>;
const set = (kind: string, id: string, value: unknown, effectiveAt: string | null = null): Body =>
  ({ type: 'value.set', data: { item: { kind, id, value }, effectiveAt, hold: true } }) as Body;
const opened: Body = { type: 'incident.opened', data: { ...openedData, startedAt: '2024-08-03T09:00:00.000Z' } };

const renderWithSituation = (ui: ReactNode, events: LogEvent[]) => renderWithStore(ui, buildSituationStore(events));

describe('Headline', () => {
  it('names plan blanc hospitals, says since when each mode holds in Paris time, worst first, and counts emergencies and systems', () => {
    const { container } = renderWithSituation(
      <Headline />,
      buildEvents([
        opened,
        {
          type: 'incident.updated',
          data: { cause: 'technique', causeNote: 'Sans lien avec une attaque cyber ou un sabotage' },
        },
        set('response-level', 'h1', 'niveau-2'),
        set('operating-mode', 'h1', 'ralenti-maitrise', '2024-08-03T09:01:00.000Z'),
        set('operating-mode', 'h1', 'procedures-degradees', '2024-08-03T09:02:00.000Z'),
        set('operating-mode', 'h2', 'normal', '2024-08-03T09:03:00.000Z'),
        set('emergency', 'h1-adulte', {
          status: 'ouvertes-ralenti',
          targetSiteId: null,
          nextReviewAt: null,
          note: null,
        }),
        set('system', 'h1:dpi', 'indisponible'),
        set('system', 'h2:dpi', 'indisponible'),
        set('system', 'h2:dpi', 'retabli-sous-surveillance'),
      ]),
    );
    const text = (fact: string) => container.querySelector(`[data-fact="${fact}"]`)?.textContent ?? '';
    expect(text('cause')).toContain('Technique – Sans lien avec une attaque cyber ou un sabotage');
    expect(text('response-level')).toContain('Niveau 2 – Plan blanc');
    expect(text('response-level')).toContain('Un');
    expect(text('operating-mode')).toMatch(
      /Procédures dégradées \(papier\) : 1 depuis sam\. 11:02.*Normal : 1 depuis sam\. 11:03/,
    );
    expect(
      container.querySelector('[data-fact="operating-mode"] [data-status="procedures-degradees"]')?.textContent,
    ).toContain('▲');
    // h2's department is unverified and nobody spoke of it: counted apart, never as open.
    expect(text('emergencies')).toBe('Urgences : 1 ouvertes · 1 non renseignées (sur 2)');
    expect(text('systems')).toContain('rétablis 1 / 2 affectés');
  });

  it('leaves the line per fonctionnement to the hospital list on the wall, and links nowhere', () => {
    const { container } = renderWithSituation(
      <Headline variant="wall" />,
      buildEvents([opened, set('operating-mode', 'h1', 'procedures-degradees', '2024-08-03T09:02:00.000Z')]),
    );
    expect(container.querySelector('[data-fact="operating-mode"]')).toBeNull();
    expect(container.querySelector('[data-fact="response-level"]')).not.toBeNull();
    expect(container.querySelectorAll('a')).toHaveLength(0);
  });
});

describe('SamuPanel', () => {
  it('says first and plainly that the SAMU are not affected once confirmed, never from the registry’s default', () => {
    const before = renderWithSituation(<SamuPanel />, buildEvents([opened]));
    expect(before.container.querySelector('[data-fact="samu-unaffected"]')).toBeNull();
    expect(before.container.querySelector('[data-samu="samu-75"]')?.textContent).toContain('? Non renseigné');
    cleanup();
    const { container } = renderWithSituation(
      <SamuPanel />,
      buildEvents([opened, set('samu', 'samu-75', 'operationnel')]),
    );
    expect(container.querySelector('[data-fact="samu-unaffected"]')?.textContent).toContain(
      'non affectés, fonctionnement normal',
    );
  });

  it('does not say so once one was affected during the incident, even after it recovered', () => {
    const { container } = renderWithSituation(
      <SamuPanel />,
      buildEvents([opened, set('samu', 'samu-75', 'indisponible'), set('samu', 'samu-75', 'operationnel')]),
    );
    expect(container.querySelector('[data-fact="samu-unaffected"]')).toBeNull();
  });

  it('drops that line once one is affected and shows its status in words and icon', () => {
    const { container } = renderWithSituation(<SamuPanel />, buildEvents([opened, set('samu', 'samu-75', 'degrade')]));
    expect(container.querySelector('[data-fact="samu-unaffected"]')).toBeNull();
    expect(container.querySelector('[data-samu="samu-75"] [data-status="degrade"]')?.textContent).toBe('▲ Dégradé');
    expect(container.querySelector('.panel__footer')?.textContent).toContain('par Alice Martin (console)');
  });
});

describe('RecoveryPanel', () => {
  it('shows the computed share with its formula in the legend, the stages in order, and the power cut', () => {
    const { container } = renderWithSituation(
      <RecoveryPanel />,
      buildEvents([
        opened,
        set('system', 'h1:dpi', 'indisponible'),
        set('system', 'h2:dpi', 'indisponible'),
        set('system', 'h1:dpi', 'operationnel'),
        set('stage', 'reseau', 'validee'),
        { type: 'incident.updated', data: { powerRestoredAt: '2024-08-03T12:15:00.000Z' } },
      ]),
    );
    expect(container.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('50');
    expect(container.querySelector('[data-fact="recovery-legend"]')?.textContent).toMatch(
      /affectés.*opérationnels ou rétablis.*inconnus exclus/,
    );
    expect([...container.querySelectorAll('[data-stage]')].map((e) => e.getAttribute('data-stage'))).toEqual([
      'reseau',
      'messagerie-telephonie',
      'applications-medicales',
      'applications-administratives',
    ]);
    expect(container.querySelector('[data-stage="reseau"]')?.textContent).toContain('✔ Validée');
    expect(container.querySelector('[data-fact="power-cut"]')?.textContent).toBe('Coupure électrique : 3 h 15 min');
  });
});

describe('EtaPanel', () => {
  it('says what holds now and what was first announced, with every revision, when and why', () => {
    const revise = (label: string, reason: string, at: string): Body => ({
      type: 'eta.revised',
      data: { label, targetAt: null, reason, effectiveAt: at },
    });
    const { container } = renderWithSituation(
      <EtaPanel />,
      buildEvents([
        opened,
        revise('dimanche matin', 'première estimation', '2024-08-03T09:15:00.000Z'),
        revise('dimanche fin d’après-midi', 'redémarrages plus longs', '2024-08-04T08:00:00.000Z'),
      ]),
    );
    expect(container.querySelector('[data-fact="eta"]')?.textContent).toBe('désormais : dimanche fin d’après-midi');
    expect(container.querySelector('[data-fact="eta-first"]')?.textContent).toBe(
      'annoncé initialement (sam. 11:15) : dimanche matin',
    );
    expect([...container.querySelectorAll('[data-revision]')].map((e) => e.textContent)).toEqual([
      'dim. 10:00 : dimanche fin d’après-midi — redémarrages plus longs',
      'sam. 11:15 : dimanche matin — première estimation',
    ]);
  });

  it('says neither "désormais" nor "annoncé initialement" for a first estimate', () => {
    const { container } = renderWithSituation(
      <EtaPanel />,
      buildEvents([
        opened,
        { type: 'eta.revised', data: { label: 'dimanche matin', targetAt: null, reason: '', effectiveAt: null } },
      ]),
    );
    expect(container.querySelector('[data-fact="eta"]')?.textContent).toBe('dimanche matin');
    expect(container.querySelector('[data-fact="eta-first"]')).toBeNull();
    expect(container.querySelectorAll('[data-revision]')).toHaveLength(0);
  });
});

describe('StaleBanner', () => {
  it('calls the data frozen only after three missed heartbeats', () => {
    const c = { lastHeartbeatAt: 10_000, confirmedAt: 10_000, heartbeatMs: 2000 };
    expect(isStale(c, 15_900, 0)).toBe(false);
    expect(isStale(c, 16_100, 0)).toBe(true);
  });

  it('says since when, in Paris time, and goes away when heartbeats come back', () => {
    const store = createVigieStore();
    const confirmedAt = Date.parse('2024-08-03T09:41:07.000Z');
    act(() => store.getState().publish({ kind: 'empty' }, { lastHeartbeatAt: 1, confirmedAt, heartbeatMs: 2000 }));
    const { container } = render(
      <StoreContext value={store}>
        <StaleBanner />
      </StoreContext>,
    );
    expect(container.textContent).toContain('Données figées depuis 11:41:07');
    act(() => store.getState().publish({ kind: 'empty' }, { lastHeartbeatAt: Date.now() }));
    expect(container.textContent).toBe('');
  });

  it('says changes are suspended while the server cannot record them, except on the public page', () => {
    const store = createVigieStore();
    act(() => store.getState().publish({ kind: 'empty' }, { lastHeartbeatAt: Date.now(), writable: false }));
    const { container } = render(
      <StoreContext value={store}>
        <div data-page="console">
          <StaleBanner />
        </div>
        <div data-page="public">
          <StaleBanner writes={false} />
        </div>
      </StoreContext>,
    );
    const says = (page: string) => container.querySelector(`[data-page=${page}]`)!.textContent;
    expect(says('console')).toContain('Modifications suspendues : bascule de la base en cours');
    expect(says('public')).toBe('');
    act(() => store.getState().publish({ kind: 'empty' }, { writable: true }));
    expect(says('console')).toBe('');
  });
});
