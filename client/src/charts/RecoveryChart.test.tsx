import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { openedData, buildEvents } from '@vigie/shared/testing';
import { RecoveryChart } from './RecoveryChart.tsx';
import { buildChartStore, fakeRequest, renderChart } from './testSupport.tsx';

afterEach(cleanup);

const t0 = Date.parse('2024-08-03T09:00:00.000Z');
const minutes = (m: number) => t0 + m * 60_000;

/** An incident with two estimates: "samedi soir" (targeting 20:00 UTC), then "dimanche matin" (08:00 UTC Sunday). */
const events = buildEvents([
  { type: 'incident.opened', data: openedData },
  {
    type: 'eta.revised',
    data: { label: 'samedi soir', targetAt: '2024-08-03T20:00:00.000Z', reason: '', effectiveAt: null },
  },
  {
    type: 'eta.revised',
    data: {
      label: 'dimanche matin',
      targetAt: '2024-08-04T08:00:00.000Z',
      reason: 'DPI plus long',
      effectiveAt: '2024-08-03T11:00:00.000Z',
    },
  },
]);

function renderRecovery(recovery = { t: [minutes(0), minutes(65)], v: [0.25, 0.62] }) {
  const store = buildChartStore(events);
  const sync = store.getState().sync;
  const request = fakeRequest(() => ({
    ok: true,
    data: { logId: sync.kind === 'empty' ? '' : sync.logId, seq: 3, series: { recovery } },
  }));
  renderChart(store, request, <RecoveryChart variant="wall" width={1200} height={400} />);
  return { request };
}

describe('RecoveryChart', () => {
  it('draws recovery with a line at each estimate revision and at each announced return, labelled in its words', async () => {
    const { request } = renderRecovery();

    const figure = await screen.findByRole('figure', { name: 'Rétablissement des systèmes' });

    expect(request).toHaveBeenCalledWith('history:series', { maxPoints: 1200 });
    expect(figure.getAttribute('data-chart')).toBe('recovery');
    await expect.poll(() => figure.querySelectorAll('.recharts-reference-line').length).toBe(4);
    const labels = [...figure.querySelectorAll('.chart__markers text')].map((t) => t.textContent);
    expect(labels).toEqual(['✎ samedi soir', '✎ dimanche matin', '⚐ samedi soir', '⚑ dimanche matin']);
    expect(figure.querySelector('.recharts-area-curve')).not.toBeNull();
  });

  it('uses large type on the wall', async () => {
    renderRecovery();

    const figure = await screen.findByRole('figure', { name: 'Rétablissement des systèmes' });

    await expect.poll(() => figure.querySelectorAll('.recharts-cartesian-axis-tick-value').length).toBeGreaterThan(0);
    for (const tick of figure.querySelectorAll('.recharts-cartesian-axis-tick-value')) {
      expect(Number(tick.getAttribute('font-size'))).toBeGreaterThanOrEqual(24);
    }
  });

  it('sums up the latest share and the current estimate for screen readers', async () => {
    renderRecovery();

    const figure = await screen.findByRole('figure', { name: 'Rétablissement des systèmes' });
    const summary = () => document.getElementById(figure.getAttribute('aria-describedby')!)?.textContent;

    await expect.poll(summary).toMatch(/^Rétablissement : 62\s%\s\(dernier point sam\. 12:05\)\./);
    expect(summary()).toContain('Retour à la normale estimé : dimanche matin, vers dim. 10:00 (2 estimation(s)).');
  });

  it('marks the estimates even before recovery has a first point', async () => {
    renderRecovery({ t: [], v: [] });

    const figure = await screen.findByRole('figure', { name: 'Rétablissement des systèmes' });

    await expect.poll(() => figure.querySelectorAll('.recharts-reference-line').length).toBe(4);
    expect(figure.querySelector('.recharts-area-curve')).toBeNull();
    expect(document.getElementById(figure.getAttribute('aria-describedby')!)?.textContent).toMatch(
      /^Rétablissement : aucune donnée pour l’instant\. Retour à la normale estimé : dimanche matin/,
    );
  });
});
