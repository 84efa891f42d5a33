import { describe, expect, it } from 'vitest';
import { messages as admin } from '../features/admin/messages.ts';
import { messages as signIn } from '../features/signin/messages.ts';
import { frenchSpacing } from './frenchSpacing.ts';

describe('frenchSpacing', () => {
  it('binds ; : ! ? » to the word before them and « to the word after it', () => {
    expect(frenchSpacing('Ligne 2 : rôle inconnu « pilote » — « Bob ; pilote ; » ! ?')).toBe(
      'Ligne 2\u00a0: rôle inconnu «\u00a0pilote\u00a0» — «\u00a0Bob\u00a0; pilote\u00a0;\u00a0»\u00a0!\u00a0?',
    );
  });

  it('leaves no breakable space before a ; or a : in the French import hint and sign-in hint', () => {
    for (const text of [admin.fr.importHint, signIn.fr.codeHint]) {
      expect(text).toMatch(/\u00a0;|\u00a0:/);
      expect(text).not.toMatch(/ [;:]/);
    }
  });
});
