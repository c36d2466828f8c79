// Signing keys (JWKS) and cookie/CSRF keys: from env when given, else generated once and kept in the
// store, so restarts and every instance sharing the store sign and verify with the same keys.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import type { Store } from '../store/types.js';

export interface AuthKeys {
  /** Private signing keys, for oidc-provider. */
  readonly jwks: { keys: JWK[] };
  /** The same keys without private parts, for local token verification. */
  readonly publicJwks: { keys: JWK[] };
  /** Newest first: signs cookies; the rest still verify. */
  readonly cookieKeys: string[];
  /** HMAC key for login-form CSRF tokens. */
  readonly csrfKey: Buffer;
}

export const KEY_ENV = { jwks: 'MCP_AUTH_JWKS', cookieKeys: 'MCP_AUTH_COOKIE_KEYS' } as const;

function newSigningJwks(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  return JSON.stringify({ keys: [{ ...jwk, kid: randomUUID(), alg: 'RS256', use: 'sig' }] });
}

function parseJwks(text: string, source: string): { keys: JWK[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${source} is not valid JSON.`);
  }
  const keys = (parsed as { keys?: unknown }).keys ?? [parsed];
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => k && typeof k === 'object' && 'd' in k)) {
    throw new Error(`${source} must be a private JWK or a JWKS of private keys.`);
  }
  // Access tokens are RS256 (the algorithm RFC 9068 resource servers must support).
  if (!keys.some((k) => (k as JWK).kty === 'RSA')) throw new Error(`${source} must include an RSA private key (tokens are signed with RS256).`);
  return { keys: keys as JWK[] };
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'] as const;

export function toPublicJwk(jwk: JWK): JWK {
  const copy: Record<string, unknown> = { ...jwk };
  for (const m of PRIVATE_MEMBERS) delete copy[m];
  return copy as JWK;
}

export async function loadKeys(store: Store, env: NodeJS.ProcessEnv = process.env): Promise<AuthKeys> {
  const jwksText = env[KEY_ENV.jwks] ?? (await store.getOrCreateSecret('signing_jwks', newSigningJwks));
  const jwks = parseJwks(jwksText, env[KEY_ENV.jwks] ? KEY_ENV.jwks : 'the stored signing keys');
  const cookieKeys = env[KEY_ENV.cookieKeys]
    ? env[KEY_ENV.cookieKeys]!.split(',').map((k) => k.trim()).filter(Boolean)
    : [await store.getOrCreateSecret('cookie_key', () => randomBytes(32).toString('base64url'))];
  const csrfKey = Buffer.from(await store.getOrCreateSecret('csrf_key', () => randomBytes(32).toString('base64url')), 'base64url');
  return { jwks, publicJwks: { keys: jwks.keys.map(toPublicJwk) }, cookieKeys, csrfKey };
}
