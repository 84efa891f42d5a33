import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { operatingModes, type SeriesData } from '@vigie/shared';
import { ModesChart } from './ModesChart.tsx';
import { buildChartStore, fakeRequest, renderChart } from './testSupport.tsx';

afterEach(cleanup);

const t0 = Date.parse('2024-08-03T09:00:00.000Z');
const minutes = (m: number) => t0 + m * 60_000;

/** Two hospitals: both normal, then one in degraded procedures from 09:30 UTC (11:30 in Paris). */
function buildSeries(logId: string): SeriesData {
  const series: SeriesData['series'] = {};
  for (const mode of operatingModes.ids) series[`mode:${mode}`] = { t: [minutes(0)], v: [0] };
  series['mode:normal'] = { t: [minutes(0), minutes(30)], v: [2, 1] };
  series['mode:procedures-degradees'] = { t: [minutes(0), minutes(30)], v: [0, 1] };
  return { logId, seq: 0, series };
}

function renderModes(lang: 'fr' | 'en' = 'fr') {
  const store = buildChartStore([], lang);
  const sync = store.getState().sync;
  const logId = sync.kind === 'empty' ? '' : sync.logId;
  const request = fakeRequest(() => ({ ok: true, data: buildSeries(logId) }));
  renderChart(store, request, <ModesChart variant="wall" width={800} height={300} />);
  return { request };
}

describe('ModesChart', () => {
  it('asks for one point per pixel and draws one stacked band per operating mode', async () => {
    const { request } = renderModes();

    const figure = await screen.findByRole('figure', { name: 'Hôpitaux par fonctionnement' });

    expect(request).toHaveBeenCalledWith('history:series', { maxPoints: 800 });
    expect(figure.getAttribute('data-chart')).toBe('modes');
    await expect.poll(() => figure.querySelectorAll('.recharts-area').length).toBe(operatingModes.ids.length);
    expect(figure.querySelector('svg')?.getAttribute('width')).toBe('800');
  });

  it('names every mode in the legend with its words, its icon and its current count, in the scale order', async () => {
    renderModes();
    const figure = await screen.findByRole('figure', { name: 'Hôpitaux par fonctionnement' });
    await expect.poll(() => figure.querySelector('[data-mode="normal"] strong')?.textContent).toBe('1');

    const items = within(figure).getAllByRole('listitem');

    expect(items.map((li) => li.getAttribute('data-mode'))).toEqual([...operatingModes.ids]);
    expect(items[2]!.textContent).toBe('▲Procédures dégradées (papier)1');
    expect(items[3]!.textContent).toBe('✖Critique0');
  });

  it('sums the picture up in words for screen readers, in Europe/Paris time', async () => {
    renderModes();

    const figure = await screen.findByRole('figure', { name: 'Hôpitaux par fonctionnement' });

    await expect
      .poll(
        () =>
          figure.getAttribute('aria-describedby') &&
          document.getElementById(figure.getAttribute('aria-describedby')!)?.textContent,
      )
      .toMatch(/dernier point sam\. 11:30\) : Normal 1, Ralenti – maîtrisé 0, Procédures dégradées \(papier\) 1/);
  });

  it('speaks English on request', async () => {
    renderModes('en');

    const figure = await screen.findByRole('figure', { name: 'Hospitals by operating mode' });

    await expect.poll(() => within(figure).queryByText('Degraded procedures (paper)')).not.toBeNull();
  });

  it('says the history is unavailable when the server refuses it', async () => {
    const store = buildChartStore([]);
    const request = fakeRequest(() => ({ ok: false, error: { code: 'forbidden', message: 'no' } }));

    renderChart(store, request, <ModesChart variant="overview" width={500} />);

    expect(await screen.findByText('Historique indisponible pour le moment.')).toBeTruthy();
  });
});
