/**
 * The dashboard's page (client/dist/index.html: its scripts and styles, an empty root the script
 * fills). A server-rendered page (/synthese) is this page with its root filled and its language
 * and title set. Without a built dashboard, a bare page of the same shape: still readable.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = '<div id="root"></div>';

export interface ShellPage {
  /** Whether the dashboard is built (its scripts and styles are in the page). */
  readonly built: boolean;
  /** The page as built. */
  readonly html: string;
  /** The page in `lang` with `title`, `root` inside its root element and `after` right after it (HTML, already escaped). */
  fill(parts: { lang: string; title: string; root: string; after: string }): string;
}

const bare = `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Vigie</title>
  </head>
  <body>
    ${ROOT}
  </body>
</html>
`;

/** Reads the built page from `distDir` once (a new build is served after a restart, as its build id is announced). */
export function loadShellPage(distDir: string): ShellPage {
  const file = join(distDir, 'index.html');
  const built = existsSync(file);
  const html = built ? readFileSync(file, 'utf8') : bare;
  const at = html.indexOf(ROOT);
  if (at === -1) throw new Error(`${file} has no ${ROOT} for the pages the server renders`);
  const before = html.slice(0, at);
  const after = html.slice(at + ROOT.length);
  return {
    built,
    html,
    fill: (parts) =>
      before
        .replace(/<html lang="[^"]*"/, () => `<html lang="${parts.lang}"`)
        .replace(/<title>[^<]*<\/title>/, () => `<title>${parts.title}</title>`) +
      `<div id="root">${parts.root}</div>${parts.after}` +
      after,
  };
}
