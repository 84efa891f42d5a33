import { describe, expect, it } from 'vitest';
import { roles } from '@vigie/shared';
import { abilitiesByRole, buildRegistry } from '@vigie/shared/testing';
import { abilitiesOf } from './abilities.ts';

const registry = buildRegistry();
const person = (role: (typeof roles.ids)[number], scope: { hospitals: string[]; ghus: string[] } | null = null) => ({
  actor: { kind: 'person' as const, id: 'p1', name: 'Claire Martin' },
  roles: [role],
  scope,
});

describe('abilitiesOf', () => {
  it.each(roles.ids)('gives a %s of the whole group what the screens are told it may do', (role) => {
    expect(abilitiesOf(person(role), registry)).toEqual(abilitiesByRole[role]);
  });

  it('gives a reader who did not sign in only reading', () => {
    expect(abilitiesOf(null, registry)).toEqual(abilitiesByRole.anonymous);
  });

  it('limits a scoped commander to the hospitals of its scope and keeps it off group-wide items', () => {
    const abilities = abilitiesOf(person('commander', { hospitals: ['h1'], ghus: [] }), registry);
    expect(abilities.hospitals).toEqual(['h1']);
    expect(abilities.group).toBe(false);
    expect(abilities.actions).toContain('log:write');
  });

  it('lets the lead act everywhere whatever scope the account carries', () => {
    const abilities = abilitiesOf(person('lead', { hospitals: ['h1'], ghus: [] }), registry);
    expect(abilities).toEqual(abilitiesByRole.lead);
  });
});
