import { afterEach, describe, expect, it } from 'vitest';
import { PUBLIC_SNAPSHOT_ELEMENT_ID } from '@vigie/shared';
import { statementFields } from '@vigie/shared/testing';
import { preferServed, servedPublicCopy } from './servedCopy.ts';

const state = {
  logId: 'log-1.1',
  seq: 40,
  demo: false,
  clock: null,
  statement: { number: 3, publishedAt: '2024-08-03T09:02:00.000Z', fields: statementFields },
};
const snapshot = { audience: 'public', logId: 'log-1.1', seq: 40, state };

function servePage(content: string | null) {
  document.body.innerHTML = '<div id="root"></div>';
  if (content === null) return;
  const script = document.createElement('script');
  script.type = 'application/json';
  script.id = PUBLIC_SNAPSHOT_ELEMENT_ID;
  script.textContent = content;
  document.body.append(script);
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('servedPublicCopy', () => {
  it('reads the public snapshot the server rendered the page from', () => {
    servePage(JSON.stringify(snapshot));
    expect(servedPublicCopy()).toEqual({ kind: 'public', logId: 'log-1.1', seq: 40, state });
  });

  it('gives nothing for a page without one, one that does not parse, or another audience’s', () => {
    servePage(null);
    expect(servedPublicCopy()).toBeNull();
    servePage('{"audience":"public",');
    expect(servedPublicCopy()).toBeNull();
    servePage(JSON.stringify({ ...snapshot, state: { ...state, drafts: [] } }));
    expect(servedPublicCopy()).toBeNull();
    servePage(JSON.stringify({ ...snapshot, audience: 'viewer' }));
    expect(servedPublicCopy()).toBeNull();
  });
});

describe('preferServed', () => {
  const served = { kind: 'public' as const, logId: 'log-1.1', seq: 40, state };

  it('starts from the served copy over a saved one of another log, or not further along', () => {
    expect(preferServed(served, null)).toBe(true);
    expect(preferServed(served, { ...served, seq: 40 })).toBe(true);
    expect(preferServed(served, { ...served, logId: 'log-0.1', seq: 900 })).toBe(true);
  });

  it('keeps a saved copy further along the same log: the page came from the service worker’s cache', () => {
    expect(preferServed(served, { ...served, seq: 41 })).toBe(false);
    expect(preferServed(null, { ...served, seq: 41 })).toBe(false);
  });
});
