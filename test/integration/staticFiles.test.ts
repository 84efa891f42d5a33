/**
 * The dashboard's files over real HTTP, from a build laid out as Vite's compression plugin leaves it
 * (each text file with its .br and .gz beside it): the encoding the browser accepts, brotli first,
 * never compressed per request; hashed files immutable for a year; the page and the service worker
 * revalidated on every use; a missing hashed file a 404, not the page; the security headers on all.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@vigie/server/testing';
import { BROWSER_ENCODINGS, rawGet, type RawResponse } from './support/rawHttp.ts';

let server: TestServer;
let dist: string;
const script = `console.log(${JSON.stringify('Vigie '.repeat(500))});\n`;
const worker = `self.addEventListener('fetch', () => undefined); // ${'sw '.repeat(100)}\n`;
const indexHtml = `<!doctype html>
<html lang="fr">
  <head><title>Vigie</title><script type="module" src="/assets/index-Ab12Cd34.js"></script></head>
  <body><div id="root"></div></body>
</html>
`;

/** A file with its brotli and gzip copies beside it, as the build writes them. */
function writeCompressed(path: string, content: string) {
  writeFileSync(path, content);
  writeFileSync(`${path}.br`, brotliCompressSync(content));
  writeFileSync(`${path}.gz`, gzipSync(content));
}

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'vigie-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeCompressed(join(dist, 'index.html'), indexHtml);
  writeCompressed(join(dist, 'assets', 'index-Ab12Cd34.js'), script);
  writeCompressed(join(dist, 'sw.js'), worker);
  server = await startTestServer({ clientDist: dist });
});
afterAll(async () => {
  await server.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => rawGet(server.url + path, headers);
const header = (r: RawResponse, name: string) => String(r.headers[name] ?? '');

describe('the dashboard files', () => {
  it('are sent in the encoding the browser accepts, brotli first, decoding to the file itself', async () => {
    const path = '/assets/index-Ab12Cd34.js';
    const br = await get(path, { 'Accept-Encoding': BROWSER_ENCODINGS });
    expect(header(br, 'content-encoding')).toBe('br');
    expect(header(br, 'content-type')).toMatch(/^text\/javascript/);
    expect(header(br, 'vary')).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    const gz = await get(path, { 'Accept-Encoding': 'gzip' });
    expect(header(gz, 'content-encoding')).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get(path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('are cached a year and immutable under /assets/ (their names hold their hash), revalidated elsewhere', async () => {
    const asset = await get('/assets/index-Ab12Cd34.js', { 'Accept-Encoding': BROWSER_ENCODINGS });
    expect(header(asset, 'cache-control')).toBe('public, max-age=31536000, immutable');
    // The service worker must never be pinned: a new build's worker is taken at the next visit.
    const sw = await get('/sw.js', { 'Accept-Encoding': BROWSER_ENCODINGS });
    expect(sw.status).toBe(200);
    expect(header(sw, 'cache-control')).toBe('no-cache');
    expect(header(sw, 'content-encoding')).toBe('br');
    expect(brotliDecompressSync(sw.body).toString()).toBe(worker);
    expect(header(await get('/index.html'), 'cache-control')).toBe('no-cache');
  });

  it('answer a missing hashed file with a 404, never with the page', async () => {
    const missing = await get('/assets/index-Old00000.js');
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).not.toContain('<html');
  });

  it('carry the security headers', async () => {
    for (const path of ['/assets/index-Ab12Cd34.js', '/sw.js', '/mur']) {
      const r = await get(path);
      expect(header(r, 'content-security-policy'), path).toContain("default-src 'self'");
      expect(header(r, 'x-content-type-options'), path).toBe('nosniff');
    }
  });
});

describe('the dashboard page on its routes', () => {
  it('is revalidated on every use, compressed, and answers 304 to a current copy', async () => {
    const page = await get('/mur', { 'Accept-Encoding': BROWSER_ENCODINGS });
    expect(page.status).toBe(200);
    expect(header(page, 'cache-control')).toBe('no-cache');
    expect(header(page, 'content-encoding')).toBe('br');
    expect(brotliDecompressSync(page.body).toString()).toBe(indexHtml);
    const etag = header(page, 'etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get('/console/hopitaux', { 'Accept-Encoding': BROWSER_ENCODINGS, 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });
});
