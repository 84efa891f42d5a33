/**
 * Access as people live it, in real Chromium: an admin prints a sheet of one-time codes and pairs a
 * wall screen; a person signs in with a code from the sheet and chooses a password; the screen shows
 * /mur under its name and blanks, its offline copy gone, when revoked; signing out wipes the
 * browser's copy; a LAN name works.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_DIST, startTestServer, type TestServer } from '@vigie/server/testing';
import { openBrowser, type Browser } from './support/chromium.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-access-'));
const shots = join(import.meta.dirname, '../../test-results');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let server: TestServer | null = null;
const browsers: Browser[] = [];
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await server?.close();
  server = null;
});

async function browse(origin: string, hostRules?: string): Promise<Browser> {
  const b = await openBrowser({ origin, ...(hostRules ? { hostRules } : {}) });
  browsers.push(b);
  // A page the CSP blocks would say so on the console.
  b.page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return b;
}
const cspViolations: string[] = [];

/** Whether the page still holds anything of the situation: the saved copy or the cached page. */
const offlineCopy = (page: Page) =>
  page.evaluate(async () => ({
    saved: localStorage.getItem('vigie-offline-copy') !== null,
    caches: (await caches.keys()).length,
  }));

/** Sign-in sheet cards overlapping one another, or with a part (the QR code, the code) sticking out of theirs. */
const sheetOverlaps = (page: Page) =>
  page.evaluate(() => {
    const cards = [...document.querySelectorAll('.sheet-card')];
    const boxes = cards.map((c) => c.getBoundingClientRect());
    const found: string[] = [];
    cards.forEach((card, i) => {
      const b = boxes[i]!;
      for (const part of card.querySelectorAll('*')) {
        const p = part.getBoundingClientRect();
        if (p.left < b.left - 1 || p.right > b.right + 1 || p.top < b.top - 1 || p.bottom > b.bottom + 1)
          found.push(`card ${i}: ${part.tagName.toLowerCase()}.${part.getAttribute('class') ?? ''} sticks out`);
      }
      boxes.forEach((o, j) => {
        if (j > i && b.right > o.left + 1 && o.right > b.left + 1 && b.bottom > o.top + 1 && o.bottom > b.top + 1)
          found.push(`cards ${i} and ${j} overlap`);
      });
    });
    return found;
  });

/** Lets the page save its offline copy (every 10 s), then lets time run normally again. */
async function saveOfflineCopy(page: Page) {
  await page.clock.runFor(11_000);
  await page.clock.resume();
  await expect.poll(() => offlineCopy(page), { timeout: 10_000 }).toMatchObject({ saved: true });
}

describe('access in the browser', () => {
  it('signs a person in with a code from the printed sheet, pairs a wall screen, and blanks it when revoked', async () => {
    server = await startTestServer({
      storePath: join(dir, 'pair.sqlite'),
      clientDist: DEFAULT_CLIENT_DIST,
      openRead: false,
      heartbeatMs: 300,
    });
    const url = server.url;
    const admin = await browse(url);
    await admin.context.addCookies([
      { name: 'vigie_session', value: (await server.as('admin', { name: 'Alice Admin' })).token, url },
    ]);
    await admin.page.goto(`${url}/admin`);
    await admin.page
      .getByLabel('Liste à coller')
      .fill('Claire Martin ; commandement ; Cochin\nLouis Durand ; direction de crise ;');
    await admin.page.getByRole('button', { name: /Créer les comptes/ }).click();
    await admin.page.getByRole('button', { name: 'Confirmer' }).click();
    const cards = admin.page.locator('.sheet-card');
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(2);
    const claire = cards.filter({ hasText: 'Claire Martin' });
    expect(await claire.textContent()).toMatch(/Commandement/);
    expect(await claire.locator('svg path').getAttribute('d')).toMatch(/^M/);
    const code = (await claire.locator('[data-code]').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // The cards never overlap (a QR code used to spill onto the next card), wide or on a phone.
    expect(await sheetOverlaps(admin.page)).toEqual([]);
    await admin.page.screenshot({ path: join(shots, 'access-sheet.png'), fullPage: true });
    await admin.page.setViewportSize({ width: 390, height: 844 });
    expect(await sheetOverlaps(admin.page)).toEqual([]);
    await admin.page.setViewportSize({ width: 1920, height: 1080 });

    // Claire types her code on her own machine, reading 0 as O and 1 as I, then chooses a password.
    const person = await browse(url);
    await person.page.goto(`${url}/connexion`);
    const typed = code.toLowerCase().replace(/0/g, 'O').replace(/1/g, 'I');
    await person.page.getByRole('textbox', { name: 'Code à usage unique' }).fill(typed);
    await person.page.getByRole('button', { name: 'Utiliser le code' }).click();
    await person.page.getByRole('heading', { name: 'Choisissez votre mot de passe' }).waitFor({ timeout: 15_000 });
    expect(new URL(person.page.url()).pathname).toBe('/compte');
    await person.page.getByLabel('Nouveau mot de passe', { exact: true }).fill('une phrase de claire');
    await person.page.getByLabel('Confirmez le nouveau mot de passe').fill('une phrase de claire');
    await person.page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await person.page.getByText('Mot de passe enregistré.').waitFor();
    await person.page.getByRole('link', { name: 'Continuer', exact: true }).click();
    await person.page.locator('[data-session="person"]').waitFor({ timeout: 15_000 });
    expect(await person.page.locator('[data-session="person"]').textContent()).toContain('Claire Martin');
    expect(new URL(person.page.url()).pathname).toBe('/');

    // The admin registers the wall screen; the TV opens the link once.
    await admin.page.getByLabel('Nom de l’écran').fill('Salle de crise – mur 1');
    await admin.page.getByRole('button', { name: 'Enregistrer et créer le lien' }).click();
    const link = (await admin.page.locator('[data-link]').textContent())!.trim();
    expect(link).toMatch(new RegExp(`^${url}/appairage#[A-Za-z0-9_-]{43}$`));

    const wall = await browse(url);
    await wall.page.clock.install();
    await wall.page.goto(link);
    await wall.page.waitForURL(`${url}/mur`);
    await wall.page.locator('[data-session="screen"]').waitFor({ timeout: 15_000 });
    expect(await wall.page.locator('[data-session="screen"]').textContent()).toContain('Salle de crise – mur 1');
    await wall.page.locator('.wall[data-seq] [data-panel="headline"]').first().waitFor();
    // The secret left the address bar and the history at once.
    expect(await wall.page.evaluate(() => window.location.hash)).toBe('');
    await wall.page.screenshot({ path: join(shots, 'access-wall-paired.png') });
    await saveOfflineCopy(wall.page);

    await admin.page.reload();
    const row = admin.page.locator('tr', { hasText: 'Salle de crise – mur 1' });
    await row.getByRole('button', { name: 'Révoquer' }).click();
    const revokedAt = Date.now();
    await row.getByRole('button', { name: 'Confirmer' }).click();
    await wall.page.locator('[data-session-state="ended"][data-reason="screen-revoked"]').waitFor({ timeout: 10_000 });
    expect(Date.now() - revokedAt).toBeLessThan(10_000);
    expect(await wall.page.locator('[data-hospital]').count()).toBe(0);
    expect(await wall.page.textContent('body')).toContain('Cet écran n’est plus autorisé à afficher la situation.');
    await expect.poll(() => offlineCopy(wall.page)).toEqual({ saved: false, caches: 0 });
    await wall.page.screenshot({ path: join(shots, 'access-wall-revoked.png') });
    // Reopened later, it stays blank.
    await wall.page.goto(`${url}/mur`);
    await wall.page.locator('[data-session-state="refused"]').waitFor();
    expect(await wall.page.locator('[data-hospital]').count()).toBe(0);
    expect(cspViolations).toEqual([]);
  });

  it('wipes the browser’s copy on sign-out', async () => {
    server = await startTestServer({
      storePath: join(dir, 'signout.sqlite'),
      clientDist: DEFAULT_CLIENT_DIST,
      openRead: false,
      heartbeatMs: 300,
    });
    const url = server.url;
    const { token } = await server.as('commander', { name: 'Claire Martin' });
    const person = await browse(url);
    await person.context.addCookies([{ name: 'vigie_session', value: token, url }]);
    await person.page.clock.install();
    await person.page.goto(`${url}/mur`);
    await person.page.locator('.wall[data-seq] [data-panel="headline"]').first().waitFor({ timeout: 15_000 });
    await person.page
      .waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 10_000 })
      .catch(() => undefined);
    await saveOfflineCopy(person.page);

    await person.page.goto(`${url}/compte`);
    await person.page.getByRole('button', { name: 'Se déconnecter' }).click();
    await person.page.waitForURL(/\/connexion/);
    await expect.poll(() => offlineCopy(person.page)).toEqual({ saved: false, caches: 0 });
    const session = await person.page.evaluate(async () => (await fetch('/api/session')).json() as Promise<unknown>);
    expect(session).toMatchObject({ ok: true, data: { kind: 'anonymous' } });
    expect(cspViolations).toEqual([]);
  });

  it('works under a LAN host name that is configured, and is refused under one that is not', async () => {
    server = await startTestServer({ clientDist: DEFAULT_CLIENT_DIST });
    const lan = `http://vigie.test:${server.port}`;
    const browser = await browse(lan, 'MAP vigie.test 127.0.0.1, MAP autre.test 127.0.0.1');
    // Configured: reading is open here, so the wall shows the picture and says so.
    server.allowedOrigins.push(lan);
    await browser.page.goto(`${lan}/mur`);
    await browser.page.locator('.wall[data-seq] [data-panel="headline"]').first().waitFor({ timeout: 15_000 });
    expect(await browser.page.locator('[data-session="anonymous"]').textContent()).toMatch(/accès libre en lecture/i);
    // The same server under a name nobody configured: the handshake is refused, nothing shows.
    const attempts: { opened: boolean; error: string | null }[] = [];
    browser.page.on('websocket', (ws) => {
      const attempt = { opened: false, error: null as string | null };
      attempts.push(attempt);
      ws.on('framereceived', () => (attempt.opened = true));
      ws.on('socketerror', (error) => (attempt.error = error));
    });
    await browser.page.goto(`http://autre.test:${server.port}/mur`);
    // The page did try: the server refused its handshakes (Socket.IO answers a refused request 400), and no frame came back.
    await expect.poll(() => attempts.filter((a) => a.error !== null).length, { timeout: 15_000 }).toBeGreaterThan(0);
    for (const { error } of attempts.filter((a) => a.error !== null)) expect(error).toMatch(/response code: 40[03]/);
    expect(attempts.some((a) => a.opened)).toBe(false);
    expect(await browser.page.locator('.wall[data-seq]').count()).toBe(0);
    expect(cspViolations).toEqual([]);
  });
});
