// SHA-256 of bearer values (token ids, codes, session ids, client secrets): what the store keeps.
import { createHash } from 'node:crypto';

/** Hex SHA-256. Inputs are high-entropy random values, so a plain hash is the right tool (no salt needed). */
export function hashId(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
