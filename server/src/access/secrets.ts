/**
 * Secrets: session tokens, one-time codes and pairing secrets are random and stored only as their
 * SHA-256 (they carry enough entropy and expire); passwords are stored as Argon2id hashes.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** OWASP's Argon2id baseline: 19 MiB, 2 iterations, 1 lane (algorithm 2 is Argon2id; the enum is const). */
export const ARGON2_PARAMS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2_PARAMS);

/** Whether `password` matches `stored`; a malformed hash is a mismatch, never a crash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash computed only so that an unknown login costs as much time as a known one. */
let decoy: Promise<string> | null = null;
export async function spendVerifyTime(password: string): Promise<void> {
  decoy ??= hashPassword(randomToken());
  await verifyPassword(await decoy, password);
}

/** 256 random bits, base64url (43 characters): session tokens and pairing secrets. */
export const randomToken = () => randomBytes(32).toString('base64url');

export const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Crockford base32: no I, L, O or U, so a code read aloud or from paper is not mistaken. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A one-time sign-in code: 12 characters (60 bits), printed in groups of four. */
export function newCode(): { code: string; printed: string } {
  const code = Array.from({ length: 12 }, () => CROCKFORD[randomInt(32)]).join('');
  return { code, printed: code.match(/.{4}/g)!.join('-') };
}
