/** A state hash both sides compute the same way, without Web Crypto (absent on plain-HTTP LAN pages). */
import { stringify } from 'safe-stable-stringify';

/** A 64-bit hash (16 hex digits, two 32-bit multiplicative lanes) of a value's canonical JSON, keys sorted. */
export function hashState(value: unknown): string {
  const text = canonicalJson(value);
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return hex(h1) + hex(h2);
}

/** JSON with object keys sorted, so equal values give equal text. */
export const canonicalJson = (value: unknown): string => stringify(value) ?? '';
