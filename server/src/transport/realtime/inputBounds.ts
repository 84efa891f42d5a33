/**
 * The shape every inbound payload must keep before anything walks it (a schema, a hash, a log
 * line): checked with an explicit stack, so no structure can overflow the call stack, stopping at
 * the first limit exceeded and never serialising the input.
 */
import { MAX_BULK_ITEMS, MAX_MESSAGE_BYTES } from '@vigie/shared';

/** The limits an inbound payload is held to. */
export interface InputBounds {
  /** Deepest nesting of objects and arrays (a top-level object is level 1). */
  depth: number;
  /** Most keys in one object. */
  keys: number;
  /** Longest array. */
  items: number;
  /** Longest string or key, in UTF-16 code units. */
  chars: number;
  /** Largest size as JSON, in UTF-8 bytes. */
  bytes: number;
}

/**
 * The bounds of a socket request. Valid requests (a bulk change of MAX_BULK_ITEMS items, a point de
 * situation) are a few levels deep with a dozen keys at most, and any valid text is far shorter.
 */
export const INPUT_BOUNDS: InputBounds = {
  depth: 16,
  keys: 200,
  items: MAX_BULK_ITEMS,
  chars: 20_000,
  bytes: MAX_MESSAGE_BYTES,
};

/** Keys that name the prototype machinery: refused, so no later merge or lookup can be steered by them. */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** UTF-8 bytes of `s` once written as a JSON string (quotes and escapes included), without building it. */
export function jsonStringBytes(s: string): number {
  let bytes = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d) bytes += 2;
    else if (c < 0x20) bytes += 6;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 1;
    } else if (c >= 0xd800 && c <= 0xdfff)
      bytes += 6; // a lone surrogate is written \uXXXX
    else bytes += 3;
  }
  return bytes;
}

const isPlainObject = (v: object) => {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * Checks `values` (the arguments of one request, as JSON.parse made them) against `bounds`, and
 * returns the first limit exceeded as a message ("payload nested deeper than 16 levels"), or null.
 */
export function inputBoundsViolation(values: readonly unknown[], bounds: InputBounds = INPUT_BOUNDS): string | null {
  const tooLarge = `payload too large (limit ${Math.round(bounds.bytes / 1024)} KiB)`;
  if (values.length > bounds.items) return `payload has an array longer than ${bounds.items} items`;
  const stack: { value: unknown; depth: number }[] = [];
  for (let i = values.length - 1; i >= 0; i--) stack.push({ value: values[i], depth: 1 });
  let bytes = Math.max(0, values.length - 1);
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (value === null || typeof value === 'boolean') bytes += value === false ? 5 : 4;
    else if (typeof value === 'number') bytes += Number.isFinite(value) ? String(value).length : 4;
    else if (typeof value === 'string') {
      if (value.length > bounds.chars) return `payload has a string longer than ${bounds.chars} characters`;
      bytes += jsonStringBytes(value);
    } else if (typeof value === 'object') {
      if (depth > bounds.depth) return `payload nested deeper than ${bounds.depth} levels`;
      if (Array.isArray(value)) {
        if (value.length > bounds.items) return `payload has an array longer than ${bounds.items} items`;
        bytes += 2 + Math.max(0, value.length - 1);
        for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i] as unknown, depth: depth + 1 });
      } else if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
        return 'binary attachments are not accepted';
      } else if (!isPlainObject(value)) {
        return 'payload holds a value JSON cannot carry';
      } else {
        let keys = 0;
        bytes += 2;
        for (const key in value) {
          if (!Object.hasOwn(value, key)) continue;
          if (++keys > bounds.keys) return `payload has an object with more than ${bounds.keys} keys`;
          if (forbiddenKeys.has(key)) return `payload has the key "${key}", which is not accepted`;
          if (key.length > bounds.chars) return `payload has a key longer than ${bounds.chars} characters`;
          bytes += jsonStringBytes(key) + 1 + (keys > 1 ? 1 : 0);
          if (bytes > bounds.bytes) return tooLarge;
          stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
        }
      }
    } else {
      return 'payload holds a value JSON cannot carry';
    }
    if (bytes > bounds.bytes) return tooLarge;
  }
  return null;
}
