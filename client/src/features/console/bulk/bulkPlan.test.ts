import { applyEvent, initialSituation } from '@vigie/shared';
import { buildEvents, buildMeta, openedData } from '@vigie/shared/testing';
import { describe, expect, it } from 'vitest';
import { buildGroupRegistry } from '../testing.ts';
import { planBulk, type BulkCriteria } from './bulkPlan.ts';

const registry = buildGroupRegistry();
const state = buildEvents([
  { type: 'incident.opened', data: openedData },
  {
    type: 'value.set',
    data: { item: { kind: 'system', id: 'h3:reseau', value: 'isole' }, effectiveAt: null, hold: true },
  },
]).reduce(applyEvent, initialSituation(registry, buildMeta()));

const criteria = (overrides: Partial<BulkCriteria>): BulkCriteria => ({
  mode: 'system',
  systemId: 'dpi',
  across: 'covered',
  chosen: [],
  of: 'hospital',
  hospitalId: 'h1',
  ghuId: 'centre',
  status: 'isole',
  ...overrides,
});
const ids = (c: BulkCriteria, covered = registry.hospitals) =>
  planBulk(c, registry, state.items, covered).rows.map((r) => r.change.item.id);

describe('planBulk', () => {
  it('covers every system of a GHU’s hospitals, leaving out the pairs already at the status', () => {
    const plan = planBulk(criteria({ mode: 'hospital', of: 'ghu' }), registry, state.items, registry.hospitals);
    expect(plan.reached).toBe(8);
    expect(plan.rows.map((r) => r.change.item.id)).toEqual([
      'h1:dpi',
      'h1:reseau',
      'h3:dpi',
      'h5:dpi',
      'h5:reseau',
      'h6:dpi',
      'h6:reseau',
    ]);
    expect(plan.rows[2]?.change).toEqual({
      item: { kind: 'system', id: 'h3:dpi', value: 'isole' },
      expectedVersion: 0,
    });
  });

  it('reaches only the hospitals given as covered, and nothing until a status is chosen', () => {
    const covered = registry.hospitals.filter((h) => h.id === 'h4' || h.id === 'h2');
    expect(ids(criteria({}), covered)).toEqual(['h2:dpi', 'h4:dpi']);
    expect(ids(criteria({ status: '' }))).toEqual([]);
    expect(ids(criteria({ across: 'chosen', chosen: ['h5', 'h4'] }))).toEqual(['h4:dpi', 'h5:dpi']);
  });
});
