import { describe, expect, it } from 'vitest';
import { INPUT_BOUNDS, inputBoundsViolation, jsonStringBytes } from './inputBounds.ts';
import { MAX_BULK_ITEMS } from '@vigie/shared';

/** An array nested `depth` levels deep, built without recursion. */
function nested(depth: number): unknown[] {
  const root: unknown[] = [];
  let at = root;
  for (let i = 1; i < depth; i++) {
    const next: unknown[] = [];
    at.push(next);
    at = next;
  }
  return root;
}

/** UTF-8 bytes of `value` as JSON (JSON.stringify escapes lone surrogates, so the text is well formed). */
const utf8 = (value: unknown) => encodeURIComponent(JSON.stringify(value)).replace(/%[0-9A-F]{2}/g, 'x').length;

describe('inputBoundsViolation', () => {
  it('accepts a payload at every limit', () => {
    expect(inputBoundsViolation([nested(INPUT_BOUNDS.depth)])).toBeNull();
    expect(inputBoundsViolation([Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, i]))])).toBeNull();
    expect(inputBoundsViolation([{ items: Array.from({ length: MAX_BULK_ITEMS }, () => 1) }])).toBeNull();
    expect(inputBoundsViolation(['x'.repeat(20_000)])).toBeNull();
  });

  it('names the first limit exceeded', () => {
    expect(inputBoundsViolation([nested(17)])).toBe('payload nested deeper than 16 levels');
    expect(inputBoundsViolation([Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i]))])).toBe(
      'payload has an object with more than 200 keys',
    );
    expect(inputBoundsViolation([Array.from({ length: MAX_BULK_ITEMS + 1 }, () => 1)])).toBe(
      'payload has an array longer than 400 items',
    );
    expect(inputBoundsViolation(['x'.repeat(20_001)])).toBe('payload has a string longer than 20000 characters');
    expect(inputBoundsViolation([{ ['k'.repeat(20_001)]: 1 }])).toBe('payload has a key longer than 20000 characters');
    expect(inputBoundsViolation([Array.from({ length: 13 }, () => 'é'.repeat(2000))])).toBe(
      'payload too large (limit 48 KiB)',
    );
  });

  it('walks a structure nested 100,000 levels deep without overflowing the stack', () => {
    expect(inputBoundsViolation([nested(100_000)])).toBe('payload nested deeper than 16 levels');
    expect(inputBoundsViolation([JSON.parse('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000))])).toBe(
      'payload nested deeper than 16 levels',
    );
  });

  it('refuses the keys that name the prototype machinery, own properties as JSON.parse makes them', () => {
    for (const key of ['__proto__', 'constructor', 'prototype'])
      expect(inputBoundsViolation([JSON.parse(`{"a":{"${key}":{"polluted":true}}}`)])).toBe(
        `payload has the key "${key}", which is not accepted`,
      );
  });

  it('refuses binary data and values JSON cannot carry', () => {
    expect(inputBoundsViolation([{ file: new Uint8Array(3) }])).toBe('binary attachments are not accepted');
    expect(inputBoundsViolation([new Date()])).toBe('payload holds a value JSON cannot carry');
    expect(inputBoundsViolation([() => 1])).toBe('payload holds a value JSON cannot carry');
  });

  it('measures the size exactly as JSON.stringify would write it, without writing it', () => {
    const limit = (bytes: number) => ({ ...INPUT_BOUNDS, bytes });
    const samples: unknown[] = [
      { a: [1, -2.5e-7, true, false, null], 'b"\\': 'é\u0000\n\u001f', '\ud800x\udc00': ['😀', '\ud83d'] },
      ['\u202e', 'ﬀ', '\u{10ffff}', '', {}],
      'x',
    ];
    for (const sample of samples) {
      const size = utf8(sample);
      expect(inputBoundsViolation([sample], limit(size))).toBeNull();
      expect(inputBoundsViolation([sample], limit(size - 1))).toMatch(/too large/);
    }
    for (const s of ['', 'a"b', '\ud800', '\udc00\ud800', '😀é\t']) expect(jsonStringBytes(s)).toBe(utf8(s));
  });
});
