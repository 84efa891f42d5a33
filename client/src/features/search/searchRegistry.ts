/**
 * Finding a hospital, a system or a SAMU by any of its names (short, full, a site's, the other
 * language's, a SAMU's département): each word typed must begin a word of one name, accents and case
 * ignored ("pitie", "hegp", "pompidou", "samu 92"). Pure.
 */
import { foldedWords, type Registry } from '@vigie/shared';
import { hospitalPath, systemPath } from '../../router/RouteLink.tsx';

export type SearchKind = 'hospital' | 'samu' | 'system';

export interface SearchResult {
  kind: SearchKind;
  id: string;
  /** What the result is called in the list. */
  label: string;
  /** The name that matched when it is neither the label nor `detail` (a site, the other language's name). */
  matched: string | null;
  /** A second line: the full name, or a SAMU's host hospital. */
  detail: string;
  /**
   * Where the result leads. A SAMU has no page of its own: it leads to its host hospital's page,
   * which shows the SAMU's status and history.
   */
  path: string;
}

interface Target extends Omit<SearchResult, 'matched'> {
  names: string[];
}

function targets(registry: Registry, lang: 'fr' | 'en'): Target[] {
  const hospitals = registry.hospitals.map((h): Target => ({
    kind: 'hospital',
    id: h.id,
    label: h.shortName,
    detail: h.name,
    path: hospitalPath(h.id),
    names: [h.shortName, h.name, ...h.sites.map((s) => s.name), h.id],
  }));
  const samu = registry.samu.map((s): Target => {
    const host = registry.hospitals.find((h) => h.id === s.hospitalId);
    const departement = host?.sites.find((site) => site.id === s.siteId)?.departement;
    return {
      kind: 'samu',
      id: s.id,
      label: s.name,
      detail: host?.shortName ?? s.hospitalId,
      path: hospitalPath(s.hospitalId),
      names: [s.name, s.id, ...(departement ? [`SAMU ${departement}`] : [])],
    };
  });
  const other = lang === 'fr' ? 'en' : 'fr';
  const systems = registry.systems.map((s): Target => ({
    kind: 'system',
    id: s.id,
    label: s.shortName[lang],
    detail: s.name[lang],
    path: systemPath(s.id),
    names: [s.shortName[lang], s.name[lang], s.shortName[other], s.name[other], s.id],
  }));
  return [...hospitals, ...samu, ...systems];
}

const kindOrder: Record<SearchKind, number> = { hospital: 0, samu: 1, system: 2 };

/**
 * How well `query` (folded words) matches `name`: 3 the whole name, 2 its beginning, 1 each word
 * begins some word of it, 0 not at all.
 */
function score(query: string[], name: string[]): number {
  if (!query.every((q) => name.some((w) => w.startsWith(q)))) return 0;
  if (query.length === name.length && query.every((q, i) => name[i] === q)) return 3;
  return query.every((q, i) => name[i]?.startsWith(q)) ? 2 : 1;
}

/** The results for `query`, best first (then hospitals, SAMU, systems, each alphabetically); none for a blank query. */
export function searchRegistry(query: string, registry: Registry, lang: 'fr' | 'en'): SearchResult[] {
  const words = foldedWords(query);
  if (words.length === 0) return [];
  const found: { result: SearchResult; score: number }[] = [];
  for (const { names, ...target } of targets(registry, lang)) {
    let best = 0;
    let bestName = '';
    for (const name of names) {
      const s = score(words, foldedWords(name));
      if (s > best) [best, bestName] = [s, name];
    }
    if (best === 0) continue;
    const shown = [target.label, target.detail].some(
      (n) => foldedWords(n).join(' ') === foldedWords(bestName).join(' '),
    );
    // An id matched is not worth showing: it reads like one of the names above.
    const matched = shown || bestName === target.id ? null : bestName;
    found.push({ result: { ...target, matched }, score: best });
  }
  return found
    .sort(
      (a, b) =>
        b.score - a.score ||
        kindOrder[a.result.kind] - kindOrder[b.result.kind] ||
        a.result.label.localeCompare(b.result.label, lang),
    )
    .map((f) => f.result);
}
