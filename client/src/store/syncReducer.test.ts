import { describe, expect, it } from 'vitest';
import { initialSituation, projectPublic, projectSituation } from '@vigie/shared';
import { buildMeta, buildRegistry } from '@vigie/shared/testing';
import { applyPatch, applySnapshot, emptySync, heartbeatConfirms, positionOf } from './syncReducer.ts';

const registry = buildRegistry();
const situation = { ...initialSituation(registry, buildMeta()), seq: 10 };
const snapshot = {
  audience: 'viewer' as const,
  logId: 'log-1',
  seq: 10,
  state: projectSituation(situation, 'viewer'),
  registry,
};

describe('the client sync fold', () => {
  it('starts from a snapshot and reports its position', () => {
    const sync = applySnapshot(emptySync, snapshot);
    expect(positionOf(sync)).toEqual({ logId: 'log-1', seq: 10 });
    expect(positionOf(emptySync)).toEqual({ logId: null, seq: 0 });
  });

  it('applies a patch that continues the copy', () => {
    const sync = applySnapshot(emptySync, snapshot);
    const tracked = { ...situation.items.samu['samu-75']!, value: 'degrade' as const, version: 11 };
    const { sync: next, gap } = applyPatch(sync, {
      audience: 'viewer',
      logId: 'log-1',
      from: 11,
      to: 12,
      patch: { items: { samu: { 'samu-75': tracked } } },
    });
    expect(gap).toBe(false);
    expect(next.kind === 'situation' && next.state.items.samu['samu-75']?.value).toBe('degrade');
    expect(positionOf(next).seq).toBe(12);
  });

  it('reports a gap for a patch that skips sequence numbers or belongs to another log', () => {
    const sync = applySnapshot(emptySync, snapshot);
    expect(applyPatch(sync, { audience: 'viewer', logId: 'log-1', from: 12, to: 13, patch: {} }).gap).toBe(true);
    expect(applyPatch(sync, { audience: 'viewer', logId: 'other', from: 11, to: 11, patch: {} }).gap).toBe(true);
    expect(applyPatch(emptySync, { audience: 'viewer', logId: 'log-1', from: 1, to: 1, patch: {} }).gap).toBe(true);
  });

  it('ignores a patch it already covers', () => {
    const sync = applySnapshot(emptySync, snapshot);
    expect(applyPatch(sync, { audience: 'viewer', logId: 'log-1', from: 5, to: 10, patch: {} })).toEqual({
      sync,
      gap: false,
    });
  });

  it('folds the public projection', () => {
    const sync = applySnapshot(emptySync, {
      audience: 'public',
      logId: 'log-1',
      seq: 10,
      state: projectPublic(situation),
    });
    const { sync: next } = applyPatch(sync, { audience: 'public', logId: 'log-1', from: 11, to: 11, patch: {} });
    expect(next).toMatchObject({ kind: 'public', seq: 11 });
  });

  it('is confirmed by a heartbeat at its own position only', () => {
    const sync = applySnapshot(emptySync, snapshot);
    const hb = {
      logId: 'log-1',
      seq: 10,
      serverTime: '2024-08-03T09:00:00.000Z',
      buildId: 'b',
      intervalMs: 2000,
      writable: true,
    };
    expect(heartbeatConfirms(sync, hb)).toBe(true);
    expect(heartbeatConfirms(sync, { ...hb, seq: 11 })).toBe(false);
    expect(heartbeatConfirms(emptySync, hb)).toBe(false);
  });
});
