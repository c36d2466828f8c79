// Redirect URIs a client may register: https anywhere, or http only on loopback (native apps, any port).
import { errors } from 'oidc-provider';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function redirectUriAllowed(uri: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return false;
  }
  if (parsed.hash || parsed.username || parsed.password) return false;
  if (parsed.protocol === 'https:') return true;
  if (parsed.protocol === 'http:') return LOOPBACK.has(parsed.hostname);
  return false;
}

export function assertRedirectUrisAllowed(uris: unknown): void {
  if (!Array.isArray(uris)) return;
  for (const uri of uris) {
    if (typeof uri !== 'string' || !redirectUriAllowed(uri)) {
      throw new errors.InvalidRedirectUri('redirect_uris must use https, or http on localhost / 127.0.0.1 / [::1]');
    }
  }
}
