/**
 * The real server as a child process, sent the frames that could stop it: a process that dies
 * fails these tests plainly (its exit is observed), unlike an in-process server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '@vigie/server/testing';
import { startServer, type ServerProcess } from '../durability/support/serverProcess.ts';
import { deepArrayJson, rawClient } from './support/rawFrames.ts';

let server: ServerProcess;
let dir: ReturnType<typeof tempDir>;
let exit: string | null = null;

beforeAll(async () => {
  dir = tempDir();
  server = await startServer(dir.dir);
  void server.exited.then(([code, signal]) => (exit = `exited with ${String(code ?? signal)}`));
});
afterAll(async () => {
  if (!exit) {
    server.proc.kill('SIGTERM');
    await server.exited;
  }
  dir.remove();
});

/** The server still runs and answers its health probe (a dead one shows how it exited). */
async function alive() {
  const health = await fetch(`${server.url}/healthz`).then(
    (r) => r.status,
    async () => {
      // A deadline, not a wait: a server that died has its exit reported well within it.
      await Promise.race([server.exited, new Promise((r) => setTimeout(r, 1000))]);
      return 'unreachable';
    },
  );
  expect({ exit, health }).toEqual({ exit: null, health: 200 });
}

describe('a frame from a reader without an account', () => {
  it('nested a few thousand levels deep is refused with invalid_payload, and the server runs on', async () => {
    const c = await rawClient(server.url, { audience: 'public' });
    const reply = await c.request('sync:request', deepArrayJson(10_000));
    await alive();
    expect(reply).toEqual({
      ok: false,
      error: { code: 'invalid_payload', message: 'payload nested deeper than 16 levels' },
    });
    // The same connection is still served.
    expect(await c.request('sync:request', '{"logId":null,"seq":0}')).toMatchObject({ ok: true });
    c.close();
    await alive();
  });

  it('nested 100,000 levels deep, under an unknown event, is refused and the server runs on', async () => {
    const c = await rawClient(server.url, { audience: 'public' });
    const reply = await c.request('no:such-event', deepArrayJson(100_000));
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    c.close();
    await alive();
  });

  it('with a binary attachment nested deep is refused, and the server runs on', async () => {
    const c = await rawClient(server.url, { audience: 'public' });
    const id = c.nextId();
    const answer = c.reply(id);
    const placeholder = '{"_placeholder":true,"num":0}';
    c.write(`51-${id}["sync:request",${'['.repeat(20_000)}${placeholder}${']'.repeat(20_000)}]`);
    c.write(Buffer.from([1, 2, 3]));
    expect(await answer).toEqual({
      ok: false,
      error: { code: 'invalid_payload', message: 'binary attachments are not accepted' },
    });
    c.close();
    await alive();
  });
});
