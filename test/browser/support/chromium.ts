/** Real Chromium (Debian's), driven by playwright-core, isolated from the internet; reports any request leaving the server. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** URLs requested outside the allowed origin. */
  outside: string[];
  close: () => Promise<void>;
}

export async function openBrowser(options: {
  origin: string;
  viewport?: { width: number; height: number };
  /** Extra host resolver rules, e.g. 'MAP vigie.test 127.0.0.1'. */
  hostRules?: string;
  extraArgs?: string[];
  /** false: a reader with JavaScript turned off. */
  javaScriptEnabled?: boolean;
}): Promise<Browser> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    timezoneId: 'UTC', // the screen's own zone; times must still show in Europe/Paris
    viewport: options.viewport ?? { width: 1920, height: 1080 },
    deviceScaleFactor: 1,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.hostRules ? [`--host-resolver-rules=${options.hostRules}`] : []),
      ...(options.extraArgs ?? []),
    ],
  });
  const outside: string[] = [];
  context.on('request', (r) => {
    const url = r.url();
    if (
      !url.startsWith(options.origin) &&
      !url.startsWith('data:') &&
      !url.startsWith(options.origin.replace('http', 'ws'))
    )
      outside.push(url);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    outside,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2 A/AA violations axe-core finds in the page (ids and how many nodes each). */
export async function axeViolations(page: Page): Promise<{ id: string; nodes: number; sample: string }[]> {
  // Evaluated by the driver, not injected as an inline script (the CSP refuses those, rightly).
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document, o: unknown) => Promise<{ violations: { id: string; nodes: { html: string }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.length, sample: v.nodes[0]?.html ?? '' }));
  });
}

/**
 * What a person would see as broken: the page scrolls, an element sticks out of the window, a
 * panel's content does not fit its box (cut or spilling over its neighbours), or two panels overlap.
 */
export async function layoutProblems(page: Page): Promise<{ scrolls: boolean; cut: string[] }> {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    const scrolls = root.scrollHeight > window.innerHeight + 1 || root.scrollWidth > window.innerWidth + 1;
    const cut: string[] = [];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}.${String(el.className)}: ${(el.textContent ?? '').slice(0, 40)}`;
    // What of an element shows: its box clipped by every ancestor that hides its overflow (a text
    // clamped to three lines keeps its hidden lines' boxes below, unseen). A screen's own frame does
    // not count: what it hides off the screen is cut.
    const shown = (el: Element) => {
      let { left, top, right, bottom } = el.getBoundingClientRect();
      for (let a = el.parentElement; a && !a.matches('.wall, body'); a = a.parentElement) {
        const { overflowX, overflowY } = getComputedStyle(a);
        if (overflowX === 'visible' && overflowY === 'visible') continue;
        const c = a.getBoundingClientRect();
        left = Math.max(left, c.left);
        top = Math.max(top, c.top);
        right = Math.min(right, c.right);
        bottom = Math.min(bottom, c.bottom);
      }
      return right - left > 0.5 && bottom - top > 0.5 ? { left, top, right, bottom } : null;
    };
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || el.closest('.visually-hidden, svg')) continue;
      const r = shown(el);
      if (!r) continue;
      if (r.right > window.innerWidth + 1 || r.bottom > window.innerHeight + 1 || r.left < -1 || r.top < -1)
        cut.push(`outside ${name(el)}`);
    }
    // Boxes that hold content: it must fit them.
    for (const el of document.querySelectorAll<HTMLElement>(
      '.panel, section, [data-panel], .wall__col, .wall__col > *, .fit-list, .wall__header',
    )) {
      if (el.closest('svg')) continue;
      if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
        cut.push(`overflowing ${name(el)}`);
    }
    // Siblings in a column never overlap.
    for (const col of document.querySelectorAll('.wall__col')) {
      const rects = [...col.children].map((c) => [c, c.getBoundingClientRect()] as const);
      rects.forEach(([a, ra], i) =>
        rects.slice(i + 1).forEach(([b, rb]) => {
          if (ra.bottom > rb.top + 1 && rb.bottom > ra.top + 1 && ra.right > rb.left + 1 && rb.right > ra.left + 1)
            cut.push(`overlap ${name(a)} / ${name(b)}`);
        }),
      );
    }
    return { scrolls, cut };
  });
}
