import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '@vigie/client/realtime';
import { createVigieStore } from '@vigie/client/store';
import { isInformed, operatingModes, queryDataSchemas } from '@vigie/shared';
import { buildPrincipal, startTestServer, type TestServer } from '@vigie/server/testing';
import { key } from './support/observedClient.ts';

let server: TestServer;
let binding: ReturnType<typeof connect> | null = null;
afterEach(async () => {
  binding?.close();
  binding = null;
  await server.close();
});

const as = (role: 'lead' | 'commander') => ({
  principal: buildPrincipal(role),
  origin: { sessionId: null, address: null },
});

describe('history:series through the client binding (what the charts ask for)', () => {
  it('answers a viewer with every series the charts draw, for the log its copy holds, at most maxPoints each', async () => {
    server = await startTestServer({ coalesceMs: 0 });
    const submit = async (name: string, input: Record<string, unknown>, role: 'lead' | 'commander' = 'commander') =>
      expect((await server.app.log.submit(name, { idempotencyKey: key(), ...input }, as(role))).ok, name).toBe(true);
    await submit('incident:open', { type: 'sse-numerique', title: 'Panne', cause: 'technique' }, 'lead');
    for (const mode of ['procedures-degradees', 'critique', 'ralenti-maitrise', 'normal']) {
      await submit('hospital:set-operating-mode', { hospitalId: 'cochin', mode });
    }
    await submit('system:set-status', { hospitalId: 'cochin', systemId: 'dpi', status: 'indisponible' });
    const store = createVigieStore();
    binding = connect(store, { url: server.url, schedule: (publish) => publish() });
    await expect.poll(() => store.getState().sync.kind).toBe('situation');

    const reply = await binding.request('history:series', { maxPoints: 2 });

    expect(reply.ok).toBe(true);
    const data = queryDataSchemas['history:series'].parse(reply.ok ? reply.data : null);
    const sync = store.getState().sync;
    expect(sync.kind === 'situation' && sync.logId).toBe(data.logId);
    expect(data.series['recovery']?.t.length).toBeGreaterThan(0);
    for (const mode of operatingModes.ids) {
      const series = data.series[`mode:${mode}`];
      expect(series, mode).toBeDefined();
      expect(series!.t.length, mode).toBeLessThanOrEqual(2);
    }
    expect(data.series['mode:normal']!.v.at(-1)).toBe(
      Object.values(server.app.log.situation.items['operating-mode']).filter(
        (h) => isInformed(h) && h.value === 'normal',
      ).length,
    );
  });
});
