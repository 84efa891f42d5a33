/** Opaque random ids (12 bytes, base64url) for logs, commands, accounts, screens and sessions. */
import { randomBytes } from 'node:crypto';

const ID_BYTES = 12;
// A burst asks for thousands of command ids: drawing the bytes 4 KiB at a time spares a call each.
const POOL_BYTES = ID_BYTES * 341;
let pool = Buffer.alloc(0);
let used = 0;

export function newId(): string {
  if (used + ID_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  return pool.toString('base64url', used, (used += ID_BYTES));
}
