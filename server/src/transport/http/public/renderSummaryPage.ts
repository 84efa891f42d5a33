/**
 * /synthese as HTML, readable without JavaScript and printable: the markup, classes and words of the
 * React page (client/src/features/public/PublicSummary.tsx, whose styles the dashboard's page links),
 * in the dashboard's page, with the public snapshot it was made from for the page's script to start
 * from (a data block: the CSP runs no inline script, and this is none).
 */
import {
  PUBLIC_SNAPSHOT_ELEMENT_ID,
  formatDayTime,
  presentPublicPoint,
  publicSummaryWords,
  type Lang,
  type PublishedPoint,
  type Snapshot,
} from '@vigie/shared';
import type { ShellPage } from '../shellPage.ts';

/** The public audience's snapshot. */
export type PublicSnapshot = Extract<Snapshot, { audience: 'public' }>;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JSON inside a script element: with every `<` escaped no text in it can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The page for `snapshot` in `lang` at `now` (epoch ms on the incident's clock: the scenario's in the demo). */
export function renderSummaryPage(shell: ShellPage, snapshot: PublicSnapshot, lang: Lang, now: number): string {
  const words = publicSummaryWords[lang];
  const { demo, clock, statement } = snapshot.state;
  const root =
    '<div class="public-summary">' +
    (demo
      ? `<div class="demo-banner" role="note"><strong>${escapeHtml(words.demo)}</strong>` +
        (clock
          ? `<span class="demo-banner__clock">${escapeHtml(words.simulatedTime)} : ${escapeHtml(formatDayTime(now, lang))}</span>`
          : '') +
        '</div>'
      : '') +
    `<main><h1>${escapeHtml(words.title)}</h1>` +
    (statement ? pointHtml(statement, lang, now) : `<p>${escapeHtml(words.none)}</p>`) +
    '</main></div>';
  return shell.fill({
    lang,
    title: escapeHtml(words.title),
    root,
    after: `<script type="application/json" id="${PUBLIC_SNAPSHOT_ELEMENT_ID}">${scriptJson(snapshot)}</script>`,
  });
}

function pointHtml(point: PublishedPoint, lang: Lang, now: number): string {
  const view = presentPublicPoint(point, lang, now);
  const next = view.nextPoint;
  return (
    `<p class="public-summary__meta" data-line="published">${escapeHtml(view.published)}</p>` +
    (next
      ? `<p class="public-summary__next${next.late ? ' public-summary__next--late' : ''}" data-line="next-point" data-overdue="${next.late ? 'true' : 'false'}">` +
        `<span>${escapeHtml(next.text)}</span>` +
        (next.late
          ? ` — <strong class="public-summary__late" data-flag="overdue-next-point"><span aria-hidden="true">⚠ </span>${escapeHtml(next.late)}</strong>`
          : '') +
        '</p>'
      : '') +
    '<dl class="public-summary__fields">' +
    view.lines
      .map(
        (line) =>
          `<div class="public-summary__line" data-line="${line.id}"><dt>${escapeHtml(line.label)}</dt><dd>${escapeHtml(line.text)}</dd></div>`,
      )
      .join('') +
    '</dl>'
  );
}
