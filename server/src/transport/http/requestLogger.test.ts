import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.ts';
import { startTestServer, type TestServer } from '../../testing.ts';

let server: TestServer;
afterEach(async () => {
  await server.close();
});

describe('request logs', () => {
  it('write one JSON line per request with its id, and never a cookie or an authorization header', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(
          ...chunk
            .toString()
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as Record<string, unknown>),
        );
        done();
      },
    });
    server = await startTestServer({ logger: createLogger('info', sink) });
    const res = await fetch(`${server.url}/no-such-page`, {
      headers: { cookie: 'vigie_session=SECRET-COOKIE', authorization: 'Bearer SECRET-TOKEN' },
    });
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => lines.find((l) => (l.req as { id?: string } | undefined)?.id === requestId)).toBeTruthy();
    const text = JSON.stringify(lines);
    expect(text).not.toContain('SECRET-COOKIE');
    expect(text).not.toContain('SECRET-TOKEN');
  });
});
