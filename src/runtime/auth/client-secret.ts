// Client secrets at rest: "sha256:<hex>", compared in constant time (secrets are random, 256-bit).
import { timingSafeEqual } from 'node:crypto';
import { hashId } from '../store/hash.js';

const PREFIX = 'sha256:';

export function hashClientSecret(secret: string): string {
  return secret.startsWith(PREFIX) ? secret : `${PREFIX}${hashId(secret)}`;
}

/** Compares a presented secret with a stored (hashed) one. */
export function clientSecretMatches(stored: string | undefined, presented: string): boolean {
  if (!stored || !presented) return false;
  const expected = Buffer.from(hashClientSecret(stored));
  const actual = Buffer.from(`${PREFIX}${hashId(presented)}`);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
