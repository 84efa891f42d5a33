/**
 * Which hospitals a free text names (a main-courante entry, a point de situation), by any of the
 * names the registry gives them; accents, case and punctuation ignored, whole words only.
 */
import type { Hospital, Registry } from './registry.ts';

/** The words of a text for matching: lower case, no diacritics, œ and æ spelled out; every other character separates words. */
export function foldedWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

// "Hôpital de la Pitié-Salpêtrière" is also written "la Pitié-Salpêtrière" or "Pitié-Salpêtrière".
const prefixes = [
  ['hopital', 'de', 'la'],
  ['hopital', 'de'],
  ['hopital', 'du'],
  ['hopital', 'des'],
  ['hopital', 'd'],
  ['hopital'],
];

/**
 * The names a hospital goes by in free text, as folded words: its short and full names and its
 * sites' names, each also without a parenthesis ("René-Muret(-Bigottini)"), without its leading
 * "Hôpital (de la)", and then without the lower-case words before the proper name ("Hôpital
 * européen Georges-Pompidou" is also "Georges-Pompidou", "Hôpital maritime de Berck" "Berck").
 */
export function hospitalNames(hospital: Hospital): string[][] {
  const names = new Map<string, string[]>();
  const add = (words: string[]) => {
    if (words.length > 0) names.set(words.join(' '), words);
  };
  for (const name of [hospital.shortName, hospital.name, ...hospital.sites.map((s) => s.name)]) {
    for (const variant of new Set([name, name.replace(/\([^)]*\)?/g, ' ')])) {
      const words = foldedWords(variant);
      add(words);
      const prefix = prefixes.find((p) => p.every((w, i) => words[i] === w));
      if (!prefix) continue;
      add(words.slice(prefix.length));
      // The same split keeps the case: a word written in lower case is a description, not the name.
      const raw = variant.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
      let start = prefix.length;
      while (start < raw.length - 1 && raw[start] === raw[start]!.toLowerCase()) start += 1;
      if (start > prefix.length && raw.length === words.length) add(words.slice(start));
    }
  }
  return [...names.values()];
}

interface Matcher {
  /** Names by their first word, longest first. */
  byFirstWord: Map<string, { words: string[]; hospitalId: string }[]>;
  order: Map<string, number>;
}

// A registry changes rarely and is read for every entry: its matcher is built once.
const matchers = new WeakMap<Registry, Matcher>();

function matcherOf(registry: Registry): Matcher {
  const cached = matchers.get(registry);
  if (cached) return cached;
  const byFirstWord: Matcher['byFirstWord'] = new Map();
  for (const hospital of registry.hospitals) {
    for (const words of hospitalNames(hospital)) {
      const first = words[0]!;
      const list = byFirstWord.get(first) ?? [];
      list.push({ words, hospitalId: hospital.id });
      byFirstWord.set(first, list);
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  const matcher = { byFirstWord, order: new Map(registry.hospitals.map((h, i) => [h.id, i])) };
  matchers.set(registry, matcher);
  return matcher;
}

/**
 * Ids of the hospitals `text` names, in registry order. A name matches as whole words ("Bichat", not
 * "Bichats"); where names overlap, the longest one starting first wins.
 */
export function mentionsOf(text: string, registry: Registry): string[] {
  const { byFirstWord, order } = matcherOf(registry);
  const words = foldedWords(text);
  const found = new Set<string>();
  for (let i = 0; i < words.length;) {
    const match = byFirstWord.get(words[i]!)?.find((name) => name.words.every((w, k) => words[i + k] === w));
    if (match) found.add(match.hospitalId);
    i += match ? match.words.length : 1;
  }
  return [...found].sort((a, b) => order.get(a)! - order.get(b)!);
}
