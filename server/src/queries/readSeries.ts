/** The current log's time series, each down-sampled to at most `maxPoints` points, optionally between two instants. */
import { ms, type QueryParams, type SeriesData } from '@vigie/shared';
import { downsample } from './downsample.ts';
import { authorize, type QueryContext } from './queryContext.ts';

export async function readSeries(ctx: QueryContext, input: QueryParams<'history:series'>): Promise<SeriesData> {
  authorize(ctx.principal, 'history:read');
  const from = input.from === undefined ? Number.NEGATIVE_INFINITY : ms(input.from);
  const to = input.to === undefined ? Number.POSITIVE_INFINITY : ms(input.to);
  const data = await ctx.series.read({ from, to });
  const series: SeriesData['series'] = {};
  // Down-sampled from views of the points the log keeps: nothing is copied but what is sent.
  for (const [name, { t, v, blocks }] of Object.entries(data.series)) {
    series[name] = downsample(t, v, input.maxPoints, blocks);
  }
  return { logId: data.logId, seq: data.seq, series };
}
