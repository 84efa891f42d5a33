import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY_PATH } from '../config/env.ts';
import { tempDir } from '../testing.ts';
import { loadRegistry } from './loadRegistry.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

type RawRegistry = { hospitals: unknown[]; emergencyDepartments: unknown[] };

function writeRegistry(change: (r: RawRegistry) => void): string {
  const tmp = tempDir();
  cleanups.push(tmp.remove);
  const raw = JSON.parse(readFileSync(DEFAULT_REGISTRY_PATH, 'utf8')) as RawRegistry;
  change(raw);
  const path = join(tmp.dir, 'registry.json');
  writeFileSync(path, JSON.stringify(raw));
  return path;
}

describe('loadRegistry', () => {
  it('loads the default AP-HP registry: 38 hospitals, 4 SAMU, 8 systems, every department on a known site', () => {
    const r = loadRegistry(DEFAULT_REGISTRY_PATH);
    expect(r.hospitals).toHaveLength(38);
    expect(r.samu.map((s) => s.id)).toEqual(['samu-75', 'samu-92', 'samu-93', 'samu-94']);
    expect(r.samu.map((s) => s.siteId)).toEqual(['necker', 'raymond-poincare', 'avicenne', 'henri-mondor']);
    expect(r.systems).toHaveLength(8);
    expect(r.emergencyDepartments.find((e) => e.id === 'necker-pediatrique')?.confirmation).toBe('confirme');
    expect(r.hospitals.flatMap((h) => h.sites).find((s) => s.id === 'la-collegiale')?.closed).not.toBeNull();
  });

  it('names the file, the entry and the field of a malformed value', () => {
    const path = writeRegistry((r) => {
      (r.hospitals[2] as { shortName: unknown }).shortName = 42;
    });
    expect(() => loadRegistry(path)).toThrow(
      new RegExp(`${path}[\\s\\S]*hospitals\\[2\\] \\(id "necker"\\), field shortName`),
    );
  });

  it('refuses a department on a site its hospital does not have', () => {
    const path = writeRegistry((r) => {
      (r.emergencyDepartments[0] as { siteId: string }).siteId = 'hegp';
    });
    expect(() => loadRegistry(path)).toThrow(
      /emergencyDepartments\[0\].*field siteId.*must be the main site of hospital/,
    );
  });

  it('refuses a second department of the same kind for a hospital', () => {
    const path = writeRegistry((r) => {
      r.emergencyDepartments.push({ ...(r.emergencyDepartments[0] as object), id: 'cochin-adulte-bis' });
    });
    expect(() => loadRegistry(path)).toThrow(/a second adulte department for "cochin"/);
  });

  it('refuses duplicate ids', () => {
    const path = writeRegistry((r) => {
      r.hospitals.push(r.hospitals[0]);
    });
    expect(() => loadRegistry(path)).toThrow(/duplicate id "cochin"/);
  });

  it('says when the file is not JSON', () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const path = join(tmp.dir, 'bad.json');
    writeFileSync(path, '{ not json');
    expect(() => loadRegistry(path)).toThrow(new RegExp(`Registry ${path}: cannot be read as JSON`));
  });
});
